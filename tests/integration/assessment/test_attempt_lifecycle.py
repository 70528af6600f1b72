"""An attempt from start to result through the services: drawing, saving, submitting, marking."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.exceptions import EngineRefusal, NotAllowed
from courses.models import ActivityProgress, Attempt, Quiz, QuizSlot
from courses.selectors import attempt_slots, quizzes_for, review_rights
from courses.services.attempts import (
    attempt_close_overdue,
    attempt_mark_slot,
    attempt_save_answers,
    attempt_start,
    attempt_submit,
    overdue_attempt_ids,
)
from tests.factories.questions import make_question, make_quiz, right_answers

pytestmark = pytest.mark.django_db


AUTO_TYPES = ["single", "judgement", "multiple", "truefalse", "shortanswer", "numerical"]


def test_right_answers_to_every_automatic_type_earn_full_marks_and_complete_the_activity(
    enrolled, lecture
):
    quiz = make_quiz(lecture, [make_question(t) for t in [*AUTO_TYPES, "matching", "ordering"]])

    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    attempt_save_answers(
        trainee=enrolled, attempt_id=attempt.pk, answers=right_answers(attempt_slots(attempt))
    )
    attempt = attempt_submit(trainee=enrolled, attempt_id=attempt.pk)

    assert attempt.state == Attempt.State.FINISHED
    assert attempt.score == attempt.max_score == Decimal("8")
    assert attempt.percent == Decimal("100") and attempt.passed
    progress = ActivityProgress.objects.get(trainee=enrolled, activity=lecture)
    assert progress.quiz_passed_at is not None


def test_a_reload_resumes_the_open_attempt_and_keeps_its_questions_and_order(enrolled, lecture):
    quiz = make_quiz(lecture, [make_question("single"), make_question("ordering")])
    first = attempt_start(trainee=enrolled, quiz=quiz)
    again = attempt_start(trainee=enrolled, quiz=quiz)
    assert again.pk == first.pk
    assert [s.option_order for s in attempt_slots(again)] == [
        s.option_order for s in attempt_slots(first)
    ]


def test_submitting_twice_has_no_second_effect(enrolled, lecture):
    quiz = make_quiz(lecture, [make_question("single")])
    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    done = attempt_submit(trainee=enrolled, attempt_id=attempt.pk)
    again = attempt_submit(
        trainee=enrolled,
        attempt_id=attempt.pk,
        answers=right_answers(attempt_slots(attempt)),
    )
    assert (again.state, again.score, again.submitted_at) == (
        done.state,
        Decimal("0"),
        done.submitted_at,
    )


def test_a_malformed_answer_saves_nothing_of_the_request(enrolled, lecture):
    quiz = make_quiz(lecture, [make_question("single"), make_question("numerical")])
    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    good = right_answers(attempt_slots(attempt))["1"]
    with pytest.raises(EngineRefusal) as refused:
        attempt_save_answers(
            trainee=enrolled, attempt_id=attempt.pk, answers={"1": good, "2": {"text": "十二"}}
        )
    assert "not a number" in str(refused.value)
    assert all(slot.response is None for slot in attempt_slots(attempt))


def test_another_trainees_attempt_is_not_found(enrolled, other_trainee, lecture):
    quiz = make_quiz(lecture, [make_question("single")])
    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    with pytest.raises(Http404):
        attempt_save_answers(trainee=other_trainee, attempt_id=attempt.pk, answers={})
    with pytest.raises(Http404):
        attempt_submit(trainee=other_trainee, attempt_id=attempt.pk)


def test_answers_after_the_deadline_and_grace_are_refused_and_the_attempt_submitted(
    enrolled, lecture
):
    quiz = make_quiz(lecture, [make_question("single")], time_limit_minutes=10, grace_seconds=30)
    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - datetime.timedelta(seconds=31)
    )
    answers = right_answers(attempt_slots(attempt))
    with pytest.raises(EngineRefusal):
        attempt_save_answers(trainee=enrolled, attempt_id=attempt.pk, answers=answers)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED and attempt.submitted_by_time_limit
    assert attempt.score == 0


def test_answers_within_the_grace_period_still_count(enrolled, lecture):
    quiz = make_quiz(lecture, [make_question("single")], time_limit_minutes=10, grace_seconds=60)
    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - datetime.timedelta(seconds=20)
    )
    done = attempt_submit(
        trainee=enrolled, attempt_id=attempt.pk, answers=right_answers(attempt_slots(attempt))
    )
    assert done.score == 1 and not done.submitted_by_time_limit


def test_the_sweeper_submits_overdue_attempts_once(enrolled, lecture):
    quiz = make_quiz(lecture, [make_question("single")], time_limit_minutes=5, grace_seconds=0)
    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert overdue_attempt_ids() == [attempt.pk]
    assert attempt_close_overdue(attempt_id=attempt.pk) is True
    assert attempt_close_overdue(attempt_id=attempt.pk) is False
    assert overdue_attempt_ids() == []


def test_the_attempts_limit_holds(enrolled, lecture):
    quiz = make_quiz(lecture, [make_question("single")], max_attempts=1)
    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    attempt_submit(trainee=enrolled, attempt_id=attempt.pk)
    with pytest.raises(EngineRefusal, match="used all 1 attempts"):
        attempt_start(trainee=enrolled, quiz=quiz)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"is_published": False}, "not open"),
        ({"opens_at": timezone.now() + datetime.timedelta(days=1)}, "opens at"),
        (
            {
                "opens_at": timezone.now() - datetime.timedelta(days=2),
                "closes_at": timezone.now() - datetime.timedelta(days=1),
            },
            "closed",
        ),
    ],
)
def test_a_quiz_outside_its_dates_cannot_be_started(enrolled, lecture, fields, message):
    quiz = make_quiz(lecture, [make_question("single")], **fields)
    with pytest.raises(EngineRefusal, match=message):
        attempt_start(trainee=enrolled, quiz=quiz)


def test_an_unenrolled_trainee_cannot_start(other_trainee, lecture, db):
    quiz = make_quiz(lecture, [make_question("single")])
    with pytest.raises(EngineRefusal, match="not enrolled"):
        attempt_start(trainee=other_trainee, quiz=quiz)


def test_a_random_draw_takes_distinct_current_questions_from_the_category(enrolled, lecture):
    for n in range(5):
        make_question("single", name=f"题{n}", category=("党建", f"子{n % 2}"))
    quiz = Quiz.objects.create(activity=lecture, title="抽题", is_published=True)
    top = make_question("truefalse", category=("党建",)).entry.category
    QuizSlot.objects.create(quiz=quiz, position=1, category=top, draw_count=4)
    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    entries = [slot.question.entry_id for slot in attempt_slots(attempt)]
    assert len(entries) == len(set(entries)) == 4


def test_a_draw_from_too_small_a_category_is_refused(enrolled, lecture):
    category = make_question("single", category=("小",)).entry.category
    quiz = Quiz.objects.create(activity=lecture, title="抽题", is_published=True)
    QuizSlot.objects.create(quiz=quiz, position=1, category=category, draw_count=2)
    with pytest.raises(EngineRefusal, match="too few questions"):
        attempt_start(trainee=enrolled, quiz=quiz)


def test_an_essay_waits_for_marking_then_the_release_shows_the_result(enrolled, reviewer, lecture):
    quiz = make_quiz(lecture, [make_question("single"), make_question("essay")])
    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    attempt = attempt_submit(
        trainee=enrolled, attempt_id=attempt.pk, answers=right_answers(attempt_slots(attempt))
    )
    assert attempt.state == Attempt.State.NEEDS_MARKING
    assert review_rights(attempt).marks is False

    essay = next(s for s in attempt_slots(attempt) if s.question.type_code == "essay")
    criteria = list(essay.question.criteria.all())
    attempt_mark_slot(
        marker=reviewer,
        slot_id=essay.pk,
        rubric_scores={criteria[0].pk: 4, criteria[1].pk: 3},
        comment="具体",
        release=True,
    )
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED
    assert attempt.score == Decimal("1.70")  # 1 + 7/10
    assert review_rights(attempt).marks is True
    assert (
        ActivityProgress.objects.get(trainee=enrolled, activity=lecture).quiz_passed_at is not None
    )


def test_a_trainee_cannot_mark_and_rubric_points_are_bounded(
    enrolled, other_trainee, reviewer, lecture
):
    quiz = make_quiz(lecture, [make_question("essay")])
    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    attempt = attempt_submit(
        trainee=enrolled, attempt_id=attempt.pk, answers=right_answers(attempt_slots(attempt))
    )
    slot = attempt_slots(attempt)[0]
    first = slot.question.criteria.first()
    with pytest.raises(NotAllowed):
        attempt_mark_slot(marker=other_trainee, slot_id=slot.pk, rubric_scores={first.pk: 1})
    with pytest.raises(EngineRefusal, match="0 to 4 points"):
        attempt_mark_slot(marker=reviewer, slot_id=slot.pk, rubric_scores={first.pk: 9})


def test_the_counted_attempt_follows_the_quiz_rule(enrolled, lecture):
    quiz = make_quiz(lecture, [make_question("single")], counted_attempt=Quiz.CountedAttempt.FIRST)
    for answers in ({}, None):
        attempt = attempt_start(trainee=enrolled, quiz=quiz)
        right = right_answers(attempt_slots(attempt))
        attempt_submit(
            trainee=enrolled,
            attempt_id=attempt.pk,
            answers=answers if answers is not None else right,
        )
    status = quizzes_for(trainee=enrolled, activity=lecture)[0]
    assert [a.passed for a in status.attempts] == [False, True]
    assert status.counted.number == 1 and not status.passed
    assert not ActivityProgress.objects.filter(
        trainee=enrolled, activity=lecture, quiz_passed_at__isnull=False
    ).exists()


def _queries_to_start_and_submit(trainee, lecture, count):
    types = ["single", "multiple", "truefalse"]
    quiz = make_quiz(lecture, [make_question(types[i % 3], name=f"题{i}") for i in range(count)])
    with CaptureQueriesContext(connection) as captured:
        attempt = attempt_start(trainee=trainee, quiz=quiz)
        attempt_submit(trainee=trainee, attempt_id=attempt.pk)
    return len(captured)


def test_starting_and_submitting_take_the_same_queries_for_a_short_and_a_long_quiz(
    enrolled, lecture
):
    assert _queries_to_start_and_submit(enrolled, lecture, 3) == _queries_to_start_and_submit(
        enrolled, lecture, 12
    )
