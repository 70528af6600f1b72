"""The server keeps the time: late answers are refused over HTTP and the attempt submitted."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Attempt
from courses.selectors import attempt_slots
from courses.tasks import attempts_close_overdue
from lms.audit.models import AuditEntry
from tests.factories.questions import make_question, make_quiz

from .answers import all_form_fields, right_answers
from .conftest import api_put, api_url, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def timed(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single")], time_limit_minutes=10, grace_seconds=30)
    attempt = start(trainee_client, quiz)
    return attempt


def _deadline_passed(attempt, seconds):
    """Move the attempt's deadline ``seconds`` into the past; the deadline, to the microsecond."""
    deadline = timezone.now() - datetime.timedelta(seconds=seconds)
    Attempt.objects.filter(pk=attempt.pk).update(deadline_at=deadline)
    return Attempt.objects.get(pk=attempt.pk).deadline_at


def test_the_page_carries_the_servers_deadline_and_clock(trainee_client, timed):
    page = trainee_client.get(reverse("courses:quiz-attempt", args=[timed.pk])).content.decode()
    assert f'data-deadline="{int(timed.deadline_at.timestamp() * 1000)}"' in page
    now = timezone.now().timestamp()
    server_now = int(page.split('data-server-now="', 1)[1].split('"', 1)[0]) / 1000
    assert abs(server_now - now) < 5
    detail = trainee_client.get(api_url("attempt", timed.pk)).json()
    assert datetime.datetime.fromisoformat(detail["deadline_at"]) == timed.deadline_at
    assert detail["server_now"]


def test_an_answer_through_the_api_after_the_time_is_refused_and_the_attempt_submitted(
    trainee_client, timed
):
    _deadline_passed(timed, 31)
    answers = right_answers(attempt_slots(timed))

    response = api_put(trainee_client, api_url("attempt-answers", timed.pk), {"answers": answers})

    assert response.status_code == 409
    body = response.json()
    assert "The time is up" in body["detail"]
    assert body["review_url"] == reverse("courses:quiz-review", args=[timed.pk])
    timed.refresh_from_db()
    assert timed.state == Attempt.State.FINISHED and timed.submitted_by_time_limit
    assert timed.score == 0


def test_an_answer_through_the_form_after_the_time_is_refused_with_a_message(trainee_client, timed):
    _deadline_passed(timed, 31)
    slots = attempt_slots(timed)

    response = trainee_client.post(
        reverse("courses:quiz-attempt", args=[timed.pk]),
        {**all_form_fields(slots, right_answers(slots)), "action": "save"},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("courses:quiz-review", args=[timed.pk]), 302)]
    assert "The time is up" in response.content.decode()
    timed.refresh_from_db()
    assert timed.state == Attempt.State.FINISHED and timed.score == 0


def test_answers_within_the_grace_period_still_count(trainee_client, timed):
    _deadline_passed(timed, 10)
    slots = attempt_slots(timed)

    response = trainee_client.post(
        reverse("courses:quiz-attempt", args=[timed.pk]),
        {**all_form_fields(slots, right_answers(slots)), "action": "submit"},
    )

    assert response.status_code == 302
    timed.refresh_from_db()
    assert timed.score == 1 and not timed.submitted_by_time_limit


def test_opening_the_page_after_the_time_submits_it_as_of_its_deadline(trainee_client, timed):
    deadline = _deadline_passed(timed, 3600)

    response = trainee_client.get(reverse("courses:quiz-attempt", args=[timed.pk]), follow=True)

    assert response.redirect_chain == [(reverse("courses:quiz-review", args=[timed.pk]), 302)]
    assert "The time is up" in response.content.decode()
    closed = Attempt.objects.get(pk=timed.pk)
    assert closed.submitted_by_time_limit
    assert closed.submitted_at == deadline  # when the time ran out, not when it was opened


def test_the_sweeper_task_submits_overdue_attempts_and_is_safe_to_run_twice(trainee_client, timed):
    deadline = _deadline_passed(timed, 3600)

    assert attempts_close_overdue() == 1
    assert attempts_close_overdue() == 0

    timed.refresh_from_db()
    assert timed.state == Attempt.State.FINISHED and timed.submitted_by_time_limit
    assert timed.submitted_at == deadline  # stamped with the deadline, not the sweep
    assert AuditEntry.objects.filter(action="attempt.submit").count() == 1


def test_the_sweeper_leaves_attempts_within_their_grace_period(trainee_client, timed):
    _deadline_passed(timed, 5)

    assert attempts_close_overdue() == 0
    assert Attempt.objects.get(pk=timed.pk).is_open


def test_the_sweeper_is_scheduled_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["attempts-close-overdue"]
    assert entry["task"] == "courses.tasks.attempts_close_overdue"
    assert entry["options"] == {"expires": 55}
    assert str(entry["schedule"]._orig_minute) == "*"


@pytest.mark.parametrize("seconds", [5, 3600], ids=["within the grace period", "long past"])
def test_past_its_deadline_an_unswept_attempt_is_never_shown_in_progress(
    trainee_client, timed, seconds
):
    # Given an attempt past its deadline that neither the sweeper nor the trainee has closed
    _deadline_passed(timed, seconds)
    quiz_url = reverse("courses:quiz", args=[timed.quiz_id])

    # When the trainee reads the quiz page, the lecture page and the API
    page = trainee_client.get(quiz_url).content.decode()
    lecture = trainee_client.get(timed.quiz.activity.url).content.decode()
    api = trainee_client.get(api_url("quiz", timed.quiz_id)).json()

    # Then nothing says "in progress" or offers to continue it
    assert Attempt.objects.get(pk=timed.pk).is_open  # nothing was written by reading
    for where, text in {"quiz page": page, "lecture page": lecture}.items():
        assert "In progress" not in text, where
        assert "Continue the attempt" not in text, where
        assert f'href="{reverse("courses:quiz-attempt", args=[timed.pk])}"' not in text, where
    assert "Time is up" in page
    assert api["status"] != "in_progress" and api["open_attempt"] is None
    (line,) = api["attempts"]
    assert (line["state"], line["state_label"]) == ("time_up", "Time is up")
    assert line["url"] == reverse("courses:quiz-review", args=[timed.pk])
