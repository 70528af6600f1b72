"""The office's date fields in a real browser, in Chinese and in English.

A date field pre-filled by the server must show its date (Chromium's ``<input type="date">``
shows nothing for a value like ``2026/12/05``) and the form submitted unchanged must save it.
The planning pages, whose date fields are Wagtail's date pickers, must also load the picker's
script: without it every page raised ``initDateChooser is not defined``.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from courses.models import HoursEntry
from mentoring.models import MatchingProposal, PromotionDecision, RotationPlan
from mentoring.services import promotion_nominate, promotion_review_record
from tests.factories import studio_tree
from tests.integration.mentoring import factories as f

PASSWORD = "pass-for-tests"  # UserFactory's
DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.browser


@pytest.fixture(params=["zh-hans", "en"])
def language(request):
    return request.param


@pytest.fixture
def office(language):
    person = f.office(username="office", display_name="党建办")
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = language
    profile.save()
    return person


@pytest.fixture
def page(browser_page, live_server, office, language):
    """The office's admin at desktop size, logged in, collecting the page's script errors."""
    browser_page.set_viewport_size(DESKTOP)
    browser_page.errors = []
    browser_page.on("pageerror", lambda error: browser_page.errors.append(str(error)))
    browser_page.goto(f"{live_server.url}{reverse('people:login')}?next=/admin/")
    browser_page.fill("input[name=username]", office.username)
    browser_page.fill("input[name=password]", PASSWORD)
    browser_page.click("main button[type=submit]")
    browser_page.wait_for_url(f"{live_server.url}/admin/")
    expect(browser_page.locator("html")).to_have_attribute("lang", language)
    return browser_page


def _submit(page, field):
    """Press the submit button of the form holding ``field`` and wait for the next page."""
    form = page.locator("form", has=page.locator(f"[name='{field}']"))
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()


def _pick_the_same_day(page, field):
    """Open Wagtail's date picker on ``field`` and choose the day it marks as chosen: the
    picker works (it opens on the field's date and writes back what is picked) and closes."""
    value = field.input_value()
    field.click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)
    picker.locator("td.xdsoft_current").click()
    expect(picker).to_have_count(0)
    expect(field).to_have_value(value)


def test_the_promotion_decision_date_shows_and_saves(page, live_server, office, language):
    trainee = f.trainee(f.community("东社区"), display_name="张学员")
    case = promotion_nominate(actor=office, trainee=trainee)
    promotion_review_record(actor=office, case=case, recommendation="approve", comment="同意")
    today = timezone.localdate()

    page.goto(live_server.url + reverse("mentoring_progression:case", args=[case.pk]))
    expect(page.locator("[name='decide-decided_on']")).to_have_value(today.isoformat())
    page.locator("[name='decide-outcome'][value='approve']").check()
    page.fill("[name='decide-reason']", "考察合格")
    page.locator("form", has=page.locator("[name='decide-reason']")).locator(
        "button[value=decide]"
    ).click()

    expect(page.locator("[name='appoint-effective_on']")).to_have_value(today.isoformat())
    assert PromotionDecision.objects.get(case=case).decided_on == today
    assert page.errors == []


def test_the_hours_credit_date_shows_and_saves(page, live_server):
    studio_tree()
    trainee = f.trainee(f.community("东社区"), display_name="王学员")
    today = timezone.localdate()

    page.goto(live_server.url + reverse("courses_office:hours"))
    expect(page.locator("[name=earned_on]")).to_have_value(today.isoformat())
    page.select_option("[name=trainee]", str(trainee.pk))
    page.fill("[name=hours]", "1.5")
    page.fill("[name=reason]", "区委党校培训")
    _submit(page, "earned_on")

    assert HoursEntry.objects.get(trainee=trainee).earned_on == today
    assert page.errors == []


def test_the_planning_pages_have_working_date_pickers(page, live_server, office):
    _home, programme, _course = studio_tree()
    east, west, north = (f.community(name) for name in ("东社区", "西社区", "北社区"))
    trainees = [f.trainee(c) for c in (east, west, north)]
    for community in (east, west, north):
        f.mentor(community, capacity=3)
        f.host(community, capacity=2)
    cohort = f.cohort(programme, trainees, name="第一小班")
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())

    # The cohort list
    page.goto(live_server.url + reverse("mentoring_planning:cohorts"))
    expect(page.get_by_text("第一小班").first).to_be_visible()

    # Mentor matching: today's date shown, the picker opens, submitted unchanged
    page.goto(live_server.url + reverse("mentoring_planning:matching-propose", args=[cohort.pk]))
    starts_on = page.locator("[name=starts_on]")
    expect(starts_on).to_have_value(today.isoformat())
    _pick_the_same_day(page, starts_on)
    _submit(page, "starts_on")
    proposal = MatchingProposal.objects.get(cohort=cohort)
    assert proposal.starts_on == today
    expect(page.locator("table.listing").first).to_be_visible()

    # Rotation plan: next Monday to eight weeks later, submitted unchanged
    page.goto(live_server.url + reverse("mentoring_planning:plan-propose", args=[cohort.pk]))
    expect(page.locator("[name=starts_on]")).to_have_value(monday.isoformat())
    last = monday + datetime.timedelta(weeks=8, days=-1)
    expect(page.locator("[name=ends_on]")).to_have_value(last.isoformat())
    _pick_the_same_day(page, page.locator("[name=ends_on]"))
    _submit(page, "starts_on")
    plan = RotationPlan.objects.get(cohort=cohort)
    assert (plan.starts_on, plan.ends_on) == (monday, last)
    expect(page.locator("table.listing").first).to_be_visible()

    assert page.errors == []
