"""What the review shows, by the quiz's review options, before and after the result's release.

Each option (marks, right answers, feedback) is set to one of never / once marked / after the
quiz closes while the other two are "never"; the attempt is then looked at waiting for marking
(not released), released while the quiz is open, and released after it closed. The page and
the API must agree, and what is not allowed must not be in the response at all.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Quiz, ReviewWhen
from courses.selectors import attempt_slots
from courses.services.attempts import attempt_mark_slot
from tests.factories.questions import make_question, make_quiz

from .conftest import api_put, api_url, start
from .sentinels import (
    GENERAL_FEEDBACK,
    MARKER_COMMENT,
    RIGHT_TYPED,
    WILDCARD_FEEDBACK,
    secret_question,
)

pytestmark = pytest.mark.django_db

PARTS = {"marks": "review_marks", "answers": "review_answers", "feedback": "review_feedback"}
PHASES = ["waiting_for_marking", "released", "released_after_close"]


def _visible(when: str, phase: str) -> bool:
    if phase == "waiting_for_marking":
        return False
    if when == ReviewWhen.AFTER_SUBMIT:
        return True
    return when == ReviewWhen.AFTER_CLOSE and phase == "released_after_close"


def _submitted_attempt(client, quiz, reviewer, phase):
    attempt = start(client, quiz)
    slots = attempt_slots(attempt)
    answers = {"1": {"text": "a wrong answer"}, "2": {"text": "<p>我的做法</p>"}}
    assert (
        api_put(client, api_url("attempt-answers", attempt.pk), {"answers": answers}).status_code
        == 200
    )
    client.post(reverse("courses:quiz-attempt", args=[attempt.pk]), {"action": "submit"})
    if phase != "waiting_for_marking":
        essay = slots[1]
        attempt_mark_slot(
            marker=reviewer,
            slot_id=essay.pk,
            rubric_scores=dict.fromkeys((c.pk for c in essay.question.criteria.all()), 1),
            comment=MARKER_COMMENT,
            release=True,
        )
    if phase == "released_after_close":
        Quiz.objects.filter(pk=quiz.pk).update(
            closes_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    return attempt


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize(
    "when", [ReviewWhen.NEVER, ReviewWhen.AFTER_SUBMIT, ReviewWhen.AFTER_CLOSE]
)
@pytest.mark.parametrize("part", list(PARTS))
def test_the_review_shows_each_part_only_when_its_option_allows(
    trainee_client, lecture, reviewer, part, when, phase
):
    # Given a quiz whose review shows only this part, at this moment
    settings = dict.fromkeys(PARTS.values(), ReviewWhen.NEVER)
    settings[PARTS[part]] = when
    quiz = make_quiz(lecture, [secret_question("shortanswer"), make_question("essay")], **settings)
    attempt = _submitted_attempt(trainee_client, quiz, reviewer, phase)

    # When the trainee opens the review page and the API's review
    page = trainee_client.get(reverse("courses:quiz-review", args=[attempt.pk]))
    data = trainee_client.get(api_url("attempt-review", attempt.pk))
    assert page.status_code == data.status_code == 200
    html, raw, review = page.content.decode(), data.content.decode(), data.json()

    # Then the response is always there, and the part only when allowed, in both
    assert "a wrong answer" in html and review["questions"][0]["response"] == {
        "text": "a wrong answer"
    }
    visible = _visible(when, phase)
    assert review["shows"][part] is visible
    if part == "marks":
        assert ("Your score:" in html) is visible
        assert ("score" in review) is visible
        assert ("mark" in review["questions"][0]) is visible
        assert ("0 of 1 marks" in html) is visible
    elif part == "answers":
        assert (RIGHT_TYPED in html) is visible
        assert (RIGHT_TYPED in raw) is visible
    else:
        for secret in (WILDCARD_FEEDBACK, GENERAL_FEEDBACK):
            assert (secret in html) is visible
            assert (secret in raw) is visible
        if phase != "waiting_for_marking":
            assert (MARKER_COMMENT in html) is visible
            assert (MARKER_COMMENT in raw) is visible
    # The parts set to "never" are never shown.
    others = set(PARTS) - {part}
    if "answers" in others:
        assert RIGHT_TYPED not in html and RIGHT_TYPED not in raw
    if "feedback" in others:
        assert WILDCARD_FEEDBACK not in raw and MARKER_COMMENT not in raw
    if "marks" in others:
        assert "score" not in review and "Your score:" not in html
    if phase == "waiting_for_marking":
        assert "Waiting for marking" in html


def test_marks_withheld_hide_the_score_from_the_quiz_page_and_status(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single")], review_marks=ReviewWhen.NEVER)
    attempt = start(trainee_client, quiz)
    trainee_client.post(reverse("courses:quiz-attempt", args=[attempt.pk]), {"action": "submit"})

    page = trainee_client.get(reverse("courses:quiz", args=[quiz.pk])).content.decode()
    status = trainee_client.get(api_url("quiz", quiz.pk)).json()

    assert "0 of 1" not in page and "Not passed" not in page
    assert status["status"] == "submitted"
    assert "percent" not in status["attempts"][0] and "passed" not in status["attempts"][0]


def test_marks_shown_give_the_score_on_the_quiz_page(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single")], review_marks=ReviewWhen.AFTER_SUBMIT)
    attempt = start(trainee_client, quiz)
    trainee_client.post(reverse("courses:quiz-attempt", args=[attempt.pk]), {"action": "submit"})

    page = trainee_client.get(reverse("courses:quiz", args=[quiz.pk])).content.decode()
    status = trainee_client.get(api_url("quiz", quiz.pk)).json()

    assert "0 of 1 (0%)" in page and "Not passed" in page
    assert status["status"] == "failed"
    assert status["attempts"][0]["percent"] == "0.00" and status["attempts"][0]["passed"] is False
