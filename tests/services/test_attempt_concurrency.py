"""Quiz attempts under real concurrency, on PostgreSQL: starts, submits and the deadline sweeper
racing each other must each have one effect.

Every thread stands for a request (or a worker) with its own database connection, and they go
at the same moment (``race``, from this folder's conftest). The data must be committed for the
other connections to see it, hence a transactional database, with serialized rollback so that
what the migrations created is back for the next test.
"""

import datetime

import pytest
from django.utils import timezone

from courses.models import Attempt, AttemptSlot
from courses.selectors import attempt_slots
from courses.services.attempts import (
    attempt_close_overdue,
    attempt_start,
    attempt_submit,
)
from courses.tasks import attempts_close_overdue
from lms.audit.models import AuditEntry
from tests.factories.questions import make_question, make_quiz, right_answer
from tests.integration.assessment import conftest as assessment

from .conftest import race

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 6

# The assessment tests' fixtures (an enrolled trainee and a lecture of their course) come from
# tests/integration/assessment_fixtures.py; the autouse ``english`` is the assessment folder's.
english = assessment.english


def test_many_submits_of_one_attempt_submit_and_mark_it_once(enrolled, lecture):
    quiz = make_quiz(lecture, [make_question("single"), make_question("truefalse")])
    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    first = attempt_slots(attempt)[0]

    results = race(
        [
            lambda: attempt_submit(
                trainee=enrolled, attempt_id=attempt.pk, answers={"1": right_answer(first)}
            )
            for _ in range(THREADS)
        ]
    )

    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED
    assert {(r.state, r.submitted_at) for r in results} == {(attempt.state, attempt.submitted_at)}
    assert AuditEntry.objects.filter(action="attempt.submit").count() == 1
    assert AuditEntry.objects.filter(action="attempt.finish").count() == 1
    assert attempt.score == sum(s.mark for s in AttemptSlot.objects.filter(attempt=attempt))


def test_many_starts_of_one_quiz_make_one_open_attempt(enrolled, lecture):
    quiz = make_quiz(lecture, [make_question("single")])

    results = race([lambda: attempt_start(trainee=enrolled, quiz=quiz) for _ in range(THREADS)])

    assert Attempt.objects.filter(quiz=quiz, trainee=enrolled).count() == 1
    assert {attempt.pk for attempt in results} == {Attempt.objects.get().pk}
    assert AuditEntry.objects.filter(action="attempt.start").count() == 1
    assert AttemptSlot.objects.count() == 1


@pytest.mark.parametrize("sweeper", ["service", "task"])
def test_a_submit_racing_the_deadline_sweeper_has_one_effect(enrolled, lecture, sweeper):
    quiz = make_quiz(lecture, [make_question("single")], time_limit_minutes=5, grace_seconds=0)
    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    sweep = (
        (lambda: attempt_close_overdue(attempt_id=attempt.pk))
        if sweeper == "service"
        else attempts_close_overdue
    )
    submit = lambda: attempt_submit(trainee=enrolled, attempt_id=attempt.pk)  # noqa: E731

    race([submit, sweep, submit, sweep])

    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED and attempt.submitted_by_time_limit
    assert AuditEntry.objects.filter(action="attempt.submit").count() == 1
    assert AuditEntry.objects.filter(action="attempt.finish").count() == 1
