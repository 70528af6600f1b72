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
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


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


def test_opening_the_page_after_the_time_submits_it(trainee_client, timed):
    _deadline_passed(timed, 31)

    response = trainee_client.get(reverse("courses:quiz-attempt", args=[timed.pk]), follow=True)

    assert response.redirect_chain == [(reverse("courses:quiz-review", args=[timed.pk]), 302)]
    assert "The time is up" in response.content.decode()
    assert Attempt.objects.get(pk=timed.pk).submitted_by_time_limit


def test_the_sweeper_task_submits_overdue_attempts_and_is_safe_to_run_twice(trainee_client, timed):
    _deadline_passed(timed, 31)

    assert attempts_close_overdue() == 1
    assert attempts_close_overdue() == 0

    timed.refresh_from_db()
    assert timed.state == Attempt.State.FINISHED and timed.submitted_by_time_limit
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
