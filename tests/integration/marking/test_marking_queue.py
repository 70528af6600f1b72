"""The marking queue: what waits, in which order, what is ready to release, at a fixed cost."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Attempt
from courses.selectors import answers_to_mark, attempts_to_release
from courses.services.attempts import attempt_mark_slot
from tests.integration.mentoring import factories as mentoring

from .conftest import enrolled_trainee, essay_slots, sit

pytestmark = pytest.mark.django_db

QUEUE = reverse("courses:marking-queue")


def mark_fully(marker, slot, release=False):
    scores = {c.pk: c.max_points for c in slot.question.criteria.all()}
    return attempt_mark_slot(marker=marker, slot_id=slot.pk, rubric_scores=scores, release=release)


def test_the_queue_names_trainee_quiz_activity_question_and_waiting_time(
    client, reviewer, essay, quiz, lecture
):
    client.force_login(reviewer)

    text = client.get(QUEUE).text

    submitted_at = timezone.localtime(essay.attempt.submitted_at).strftime("%Y-%m-%d %H:%M")
    for expected in (
        str(essay.attempt.trainee),
        quiz.title,
        lecture.title,
        essay.question.name,
        f"waiting since {submitted_at}",
    ):
        assert expected in text


def test_oldest_submission_first(reviewer, office, course, quiz):
    attempts = [sit(enrolled_trainee(office, course), quiz) for _ in range(3)]
    now = timezone.now()
    for attempt, hours_ago in zip(attempts, (1, 5, 3), strict=True):
        Attempt.objects.filter(pk=attempt.pk).update(
            submitted_at=now - datetime.timedelta(hours=hours_ago)
        )

    order = [slot.attempt_id for slot in answers_to_mark(reviewer)]

    assert order == [attempts[1].pk, attempts[2].pk, attempts[0].pk]


def test_a_marked_answer_moves_to_ready_to_release_and_leaves_after_release(
    client, reviewer, essay
):
    client.force_login(reviewer)
    mark_fully(reviewer, essay)

    assert list(answers_to_mark(reviewer)) == []
    ready = list(attempts_to_release(reviewer))
    assert [a.pk for a in ready] == [essay.attempt_id]
    assert ready[0].first_answer_id == essay.pk and ready[0].marked_answers == 1
    text = client.get(QUEUE).text
    assert "Marked, ready to release" in text
    assert reverse("courses:marking-answer", args=[essay.pk]) in text

    mark_fully(reviewer, essay, release=True)

    assert list(attempts_to_release(reviewer)) == []


def test_an_attempt_with_an_unmarked_essay_is_not_ready_to_release(reviewer, enrolled, lecture):
    from tests.factories.questions import make_question, make_quiz

    quiz = make_quiz(lecture, [make_question("essay"), make_question("essay", name="第二篇")])
    first, second = essay_slots(sit(enrolled, quiz))
    mark_fully(reviewer, first)

    assert [slot.pk for slot in answers_to_mark(reviewer)] == [second.pk]
    assert list(attempts_to_release(reviewer)) == []


def queue_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(queries), response.text


@pytest.mark.parametrize("who", ["reviewer", "mentor"])
def test_the_queue_costs_the_same_queries_for_2_and_8_waiting_answers(
    client, request, office, course, quiz, who
):
    marker = request.getfixturevalue(who)

    def waiting_answer(*, marked=False):
        person = enrolled_trainee(office, course)
        if who == "mentor":
            mentoring.assignment(person, marker)
        slot = essay_slots(sit(person, quiz))[0]
        if marked:
            mark_fully(marker, slot)

    for n in range(3):
        waiting_answer(marked=n == 2)
    client.force_login(marker)
    client.get(QUEUE)  # the session and the user's permissions warm up
    with_two, text = queue_queries(client)
    assert text.count('class="card marking-line"') == 2
    assert text.count('class="card release-line"') == 1

    for n in range(8):
        waiting_answer(marked=n % 4 == 0)
    with_eight, text = queue_queries(client)
    assert text.count('class="card marking-line"') == 8
    assert text.count('class="card release-line"') == 3

    assert with_eight == with_two
