"""QR sign-in in two browsers: the staff screen on a tablet, a trainee's phone typing the code."""

import datetime
import re
import shutil
import tempfile

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Attendance
from courses.services import enrolment_create
from lms.people.roles import OFFICE_ADMIN, TRAINEE
from tests.browser.conftest import (
    CHROMIUM_ARGS,
    TIMEOUT_MS,
    axe_check,
    axe_report,
    chromium_path,
)
from tests.factories import LecturePageFactory, VenueFactory, studio_tree, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-for-tests"  # UserFactory's
TABLET = {"viewport": {"width": 1280, "height": 800}, "locale": "zh-CN"}


@pytest.fixture
def staff_page(_playwright):
    """A second, separate browser for the staff screen, sized like a tablet in landscape."""
    profile = tempfile.mkdtemp(prefix="studio-chromium-staff-")
    context = _playwright.chromium.launch_persistent_context(
        profile, executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True, **TABLET
    )
    try:
        context.set_default_timeout(TIMEOUT_MS)
        yield context.pages[0] if context.pages else context.new_page()
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def lecture_now():
    _home, _programme, course = studio_tree()
    now = timezone.now()
    lecture = LecturePageFactory(
        parent=course,
        mode="in_person",
        venue=VenueFactory(),
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=2),
    )
    office = user_with_role(OFFICE_ADMIN, username="office")
    trainee = user_with_role(TRAINEE, username="trainee")
    enrolment_create(actor=office, trainee=trainee, course=course)
    return lecture, office, trainee


def log_in(page, base_url, user, next_url):
    page.goto(f"{base_url}{reverse('people:login')}?next={next_url}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base_url}{next_url}")


def test_a_trainee_types_the_code_shown_on_the_staff_screen(
    live_server, browser_page, staff_page, lecture_now
):
    lecture, office, trainee = lecture_now
    screen_url = reverse("courses:signin-screen", args=[lecture.pk])
    code_url = reverse("courses:signin-code") + f"?activity={lecture.pk}"

    # Given the staff screen is open, showing a QR code and a six-digit code
    log_in(staff_page, live_server.url, office, screen_url)
    staff_page.wait_for_selector("[data-signin-qr] svg")
    code = staff_page.locator("[data-signin-code]").inner_text().strip()
    assert re.fullmatch(r"\d{6}", code)
    assert staff_page.locator("[data-signin-count]").get_attribute("data-count") == "0"
    violations = axe_check(staff_page)
    assert violations == [], axe_report(violations)

    # When the trainee types the code on their phone
    log_in(browser_page, live_server.url, trainee, code_url)
    violations = axe_check(browser_page)
    assert violations == [], axe_report(violations)
    browser_page.fill("input[name=code]", code)
    browser_page.click("main button[type=submit]")

    # Then they are signed in, the page fits the phone, and the screen counts them
    browser_page.wait_for_selector(".notice--success")
    assert Attendance.objects.filter(trainee=trainee, activity_id=lecture.pk).count() == 1
    width = browser_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    violations = axe_check(browser_page)
    assert violations == [], axe_report(violations)
    staff_page.wait_for_selector("[data-signin-count][data-count='1']")
