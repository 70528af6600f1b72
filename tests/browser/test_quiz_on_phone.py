"""A trainee takes a quiz on a phone whose connection drops halfway, and loses nothing.

From the lecture page to the quiz, answers of a few types (saved as they are given), the
connection lost while typing (the answer kept on the phone), back online and a reload (the
answer put back and saved), then the submission and the review. axe-core checks the attempt
and review pages. Selectors avoid interface wording, which follows the language.
"""

import contextlib
import json
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from courses.models import AFTER_ATTEMPT, Attempt, review_settings
from courses.selectors import attempt_slots
from courses.services import enrolment_create
from lms.people.roles import OFFICE_ADMIN, TRAINEE
from tests.browser.conftest import axe_check, axe_report
from tests.factories import LecturePageFactory, studio_tree, user_with_role
from tests.factories.questions import make_question, make_quiz

pytestmark = pytest.mark.browser

PASSWORD = "pass-for-tests"  # tests/factories/people.py


@pytest.fixture
def quiz_world():
    _home, _programme, course = studio_tree()
    lecture = LecturePageFactory(parent=course, title="居民议事会怎么开")
    office = user_with_role(OFFICE_ADMIN, username="office")
    trainee = user_with_role(TRAINEE, username="trainee")
    enrolment_create(actor=office, trainee=trainee, course=course)
    questions = [make_question(t) for t in ("single", "shortanswer", "ordering", "essay")]
    quiz = make_quiz(
        lecture,
        questions,
        title="议事规则小测",
        time_limit_minutes=30,
        shuffle_options=False,
        **review_settings(marks=AFTER_ATTEMPT, feedback=AFTER_ATTEMPT),
    )
    return lecture, trainee, quiz


def _log_in(page, base_url, user, next_url):
    page.goto(f"{base_url}{reverse('people:login')}?next={next_url}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base_url}{next_url}")


def _assert_accessible(page):
    violations = axe_check(page)
    assert not violations, axe_report(violations)


def _fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _saved(page):
    # A send that failed while the connection came back is retried after 3 s (quiz.js): allow
    # for one retry on a slow machine.
    expect(page.locator("[data-save-status]")).to_have_class(
        re.compile(r"quiz-bar__save--saved"), timeout=15_000
    )


def _kept_on_the_phone(page, attempt_id):
    stored = page.evaluate(f"window.localStorage.getItem('studio-quiz-attempt-{attempt_id}')")
    return json.loads(stored)["pending"] if stored else {}


def test_a_quiz_on_a_phone_survives_a_dropped_connection(live_server, browser_page, quiz_world):
    lecture, trainee, quiz = quiz_world
    page = browser_page

    # The trainee opens the quiz from the lecture page and starts it
    _log_in(page, live_server.url, trainee, lecture.url)
    page.get_by_role("link", name=quiz.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz.title)
    page.locator(f"form[action='{reverse('courses:quiz-start', args=[quiz.pk])}'] button").click()
    page.wait_for_url(re.compile(r"/learn/quiz/attempt/\d+/$"))
    attempt = Attempt.objects.get(trainee=trainee, quiz=quiz)
    expect(page.locator("[data-timer]")).to_have_text(re.compile(r"^(29|30):\d\d$"))
    assert _fits_the_phone(page)
    _assert_accessible(page)

    # A choice is saved at once
    page.get_by_text("五年", exact=True).click()
    _saved(page)
    single = attempt_slots(attempt)[0]
    assert single.response == {"choice": single.option_order[0]}
    first_shown = page.locator("#q1 input[type=radio]").first.get_attribute("value")
    assert first_shown == single.key_of(single.option_order[0]) != str(single.option_order[0])

    # The connection drops while the trainee types a short answer: it stays on the phone
    page.context.set_offline(True)
    page.locator("#q2-input").fill("RP")
    expect(page.locator("[data-save-status]")).to_have_class(re.compile(r"quiz-bar__save--offline"))
    assert _kept_on_the_phone(page, attempt.pk)["2"]["response"] == {"text": "RP"}
    assert attempt.slots.get(position=2).response is None

    # The phone cannot reload the page while offline; once back online it can, and the answer
    # kept on the phone is put back and saved
    attempt_url = page.url
    with contextlib.suppress(PlaywrightError):
        page.reload()
    page.context.set_offline(False)
    page.goto(attempt_url)
    expect(page.locator("#q2-input")).to_have_value("RP")
    _saved(page)
    assert attempt.slots.get(position=2).response == {"text": "RP"}
    assert _kept_on_the_phone(page, attempt.pk) == {}

    # Ordering with the buttons, and an essay with its word count
    items = page.locator("#q3 [data-item]")
    first, second = items.nth(0).get_attribute("data-item"), items.nth(1).get_attribute("data-item")
    page.locator(f"#q3-item-{second} [data-move=up]").click()
    expect(items.nth(0)).to_have_attribute("data-item", second)
    expect(page.locator(f"#q3-item-{second} [data-move=up]")).to_be_focused()
    page.locator("#q4-input").fill("先调研再协商")
    expect(page.locator("#q4-words")).to_contain_text("6")
    _saved(page)
    # The page names the items by the attempt's keys; the response is stored by option id
    ordering = attempt_slots(attempt)[2]
    assert {first, second} <= set(ordering.option_keys.values())
    assert ordering.response_for_trainee(ordering.response)["order"][:2] == [second, first]
    assert attempt.slots.get(position=4).response == {"text": "<p>先调研再协商</p>"}
    _assert_accessible(page)

    # Submitting asks first, then shows the review
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("button[data-submit]").click()
    page.wait_for_url(f"{live_server.url}{reverse('courses:quiz-review', args=[attempt.pk])}")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.NEEDS_MARKING  # the essay waits for a marker
    expect(page.locator(".quiz-review__typed")).to_have_text("RP")
    assert _fits_the_phone(page)
    _assert_accessible(page)
    assert _kept_on_the_phone(page, attempt.pk) == {}
