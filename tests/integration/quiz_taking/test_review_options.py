"""What the attempt page and the review show, by the quiz's review options (Moodle's model).

For each part (marks, right answers, feedback) the office ticks the times it is shown: during
the attempt, immediately after it (two minutes), later while the quiz is open, after the quiz
closes. One attempt is followed through the four times with only one box ticked; the page and
the API must agree, and what is not ticked must not be in the response at all. The right
answers stay hidden while another attempt may be started, unless the office ticks that too.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import AFTER_ATTEMPT, Attempt, Quiz, ReviewPart, ReviewTime, review_settings
from tests.factories.questions import make_question, make_quiz

from .conftest import api_post, api_put, api_url, start
from .sentinels import RIGHT_TYPED, WILDCARD_FEEDBACK, secret_question

pytestmark = pytest.mark.django_db

WRONG = {"1": {"text": "a wrong answer"}}


def _move_to(attempt, quiz, time):
    """Make it ``time`` for the attempt: submitted long enough ago, the quiz closed or not."""
    now = timezone.now()
    if time == ReviewTime.LATER:
        Attempt.objects.filter(pk=attempt.pk).update(
            submitted_at=now - datetime.timedelta(minutes=10)
        )
    if time == ReviewTime.AFTER_CLOSE:
        Quiz.objects.filter(pk=quiz.pk).update(closes_at=now - datetime.timedelta(minutes=1))


def _shown(client, attempt, time) -> tuple[str, str, dict]:
    """The page, the API's raw body and its JSON, for the attempt at that time."""
    if time == ReviewTime.DURING:
        page = client.get(reverse("courses:quiz-attempt", args=[attempt.pk]))
        data = client.get(api_url("attempt", attempt.pk))
    else:
        page = client.get(reverse("courses:quiz-review", args=[attempt.pk]))
        data = client.get(api_url("attempt-review", attempt.pk))
    assert page.status_code == data.status_code == 200
    return page.content.decode(), data.content.decode(), data.json()


def _part_visible(part, time, html, raw, data) -> bool:
    question = data["questions"][0]
    if part == ReviewPart.MARKS:
        if time == ReviewTime.DURING:
            seen = ("Mark for the saved answer" in html, "mark" in question)
        else:
            seen = ("Your score:" in html, "score" in data and "mark" in question)
    elif part == ReviewPart.ANSWERS:
        seen = (RIGHT_TYPED in html, RIGHT_TYPED in raw)
    else:
        seen = (WILDCARD_FEEDBACK in html, WILDCARD_FEEDBACK in raw)
    assert seen[0] is seen[1], (part, time, "the page and the API disagree")
    return seen[0]


@pytest.mark.parametrize("ticked", ReviewTime.values)
@pytest.mark.parametrize("part", ReviewPart.values)
def test_each_part_shows_exactly_at_the_times_ticked_for_it(trainee_client, lecture, part, ticked):
    # Given a one-attempt quiz whose review options tick one box of the grid
    quiz = make_quiz(
        lecture,
        [secret_question("shortanswer")],
        max_attempts=1,
        closes_at=timezone.now() + datetime.timedelta(days=7),
        **review_settings(**{part: (ticked,)}),
    )
    attempt = start(trainee_client, quiz)
    api_put(trainee_client, api_url("attempt-answers", attempt.pk), {"answers": WRONG})

    seen = {}
    for time in ReviewTime.values:
        # When the trainee looks at the attempt at each of the four times in turn
        if time == ReviewTime.IMMEDIATELY:
            api_post(trainee_client, api_url("attempt-submit", attempt.pk))
        _move_to(attempt, quiz, time)
        html, raw, data = _shown(trainee_client, attempt, time)
        assert "a wrong answer" in html  # the trainee's own answer always shows
        seen[time] = _part_visible(part, time, html, raw, data)
        # The parts not ticked never show
        for other in set(ReviewPart.values) - {part}:
            assert not _part_visible(other, time, html, raw, data), (other, time)

    # Then the part showed at the ticked time only
    assert seen == {time: time == ticked for time in ReviewTime.values}


def _timed_out_blank(client, quiz):
    attempt = start(client, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client.get(reverse("courses:quiz-attempt", args=[attempt.pk]))  # closes it, blank
    return Attempt.objects.get(pk=attempt.pk)


@pytest.mark.parametrize("while_attempts_remain", [False, True])
def test_right_answers_wait_until_no_other_attempt_may_be_started(
    trainee_client, lecture, while_attempts_remain
):
    # Given a quiz of two attempts that shows everything after each attempt
    quiz = make_quiz(
        lecture,
        [secret_question("shortanswer")],
        max_attempts=2,
        time_limit_minutes=10,
        **review_settings(
            marks=AFTER_ATTEMPT,
            answers=AFTER_ATTEMPT,
            feedback=AFTER_ATTEMPT,
            while_attempts_remain=while_attempts_remain,
        ),
    )

    # When the first attempt runs out of time blank
    first = _timed_out_blank(trainee_client, quiz)
    assert first.state == Attempt.State.FINISHED and first.submitted_by_time_limit
    html, raw, data = _shown(trainee_client, first, ReviewTime.IMMEDIATELY)

    # Then the right answer (the short answer's pattern) shows only if the office said so
    assert (RIGHT_TYPED in html) is while_attempts_remain
    assert (RIGHT_TYPED in raw) is while_attempts_remain
    assert data["shows"]["answers"] is while_attempts_remain
    assert data["shows"]["marks"] and data["shows"]["feedback"]
    if not while_attempts_remain:
        assert "The right answers are shown once you can start no other attempt." in html

    # And once the last attempt is used, it shows for both
    second = _timed_out_blank(trainee_client, quiz)
    for attempt in (first, second):
        html, raw, data = _shown(trainee_client, attempt, ReviewTime.IMMEDIATELY)
        assert RIGHT_TYPED in html and RIGHT_TYPED in raw and data["shows"]["answers"]


def test_right_answers_show_once_the_quiz_closes_even_with_attempts_left(trainee_client, lecture):
    quiz = make_quiz(
        lecture, [secret_question("shortanswer")], **review_settings(answers=AFTER_ATTEMPT)
    )
    attempt = start(trainee_client, quiz)
    api_post(trainee_client, api_url("attempt-submit", attempt.pk), {"answers": WRONG})
    assert RIGHT_TYPED not in _shown(trainee_client, attempt, ReviewTime.IMMEDIATELY)[1]

    _move_to(attempt, quiz, ReviewTime.AFTER_CLOSE)

    assert RIGHT_TYPED in _shown(trainee_client, attempt, ReviewTime.AFTER_CLOSE)[1]


def test_nothing_after_the_attempt_shows_before_the_result_is_released(trainee_client, lecture):
    quiz = make_quiz(
        lecture,
        [secret_question("shortanswer"), make_question("essay")],
        max_attempts=1,
        **review_settings(marks=AFTER_ATTEMPT, answers=AFTER_ATTEMPT, feedback=AFTER_ATTEMPT),
    )
    attempt = start(trainee_client, quiz)
    answers = {**WRONG, "2": {"text": "<p>我的做法</p>"}}
    api_post(trainee_client, api_url("attempt-submit", attempt.pk), {"answers": answers})

    html, raw, data = _shown(trainee_client, attempt, ReviewTime.IMMEDIATELY)

    assert "Waiting for marking" in html
    assert data["shows"] == {"marks": False, "answers": False, "feedback": False}
    assert RIGHT_TYPED not in raw and WILDCARD_FEEDBACK not in raw


def test_marks_withheld_hide_the_score_from_the_quiz_page_and_status(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single")], **review_settings())
    attempt = start(trainee_client, quiz)
    trainee_client.post(reverse("courses:quiz-attempt", args=[attempt.pk]), {"action": "submit"})

    page = trainee_client.get(reverse("courses:quiz", args=[quiz.pk])).content.decode()
    status = trainee_client.get(api_url("quiz", quiz.pk)).json()

    assert "0 of 1" not in page and "Not passed" not in page
    assert status["status"] == "submitted"
    assert "percent" not in status["attempts"][0] and "passed" not in status["attempts"][0]


def test_marks_shown_give_the_score_on_the_quiz_page(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single")], **review_settings(marks=AFTER_ATTEMPT))
    attempt = start(trainee_client, quiz)
    trainee_client.post(reverse("courses:quiz-attempt", args=[attempt.pk]), {"action": "submit"})

    page = trainee_client.get(reverse("courses:quiz", args=[quiz.pk])).content.decode()
    status = trainee_client.get(api_url("quiz", quiz.pk)).json()

    assert "0 of 1 (0%)" in page and "Not passed" in page
    assert status["status"] == "failed"
    assert status["attempts"][0]["percent"] == "0.00" and status["attempts"][0]["passed"] is False
