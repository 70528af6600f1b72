"""Marking an essay over HTTP: save, release, the result and the quiz pass; bad input saves
nothing and never fails with a server error."""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import ActivityProgress, Attempt, AttemptSlot
from courses.question_formats.base import QuestionData
from courses.selectors import review_rights
from courses.services.questions import question_save
from lms.audit.models import AuditEntry
from tests.factories.questions import make_question, make_quiz, sample_data

from .conftest import essay_slots, sit

pytestmark = pytest.mark.django_db

QUEUE = reverse("courses:marking-queue")


def page(slot) -> str:
    return reverse("courses:marking-answer", args=[slot.pk])


def scores(slot, *points) -> dict:
    criteria = list(slot.question.criteria.all())
    return {f"criterion-{c.pk}": str(p) for c, p in zip(criteria, points, strict=True)}


def test_the_page_shows_question_rubric_guidance_marker_info_and_the_essay(client, reviewer, essay):
    client.force_login(reviewer)

    response = client.get(page(essay))

    assert response.status_code == 200
    text = response.text
    assert "谈谈你处理一次业主矛盾的经验。" in text  # the question
    assert "看是否有具体做法" in text  # information for markers
    assert "先入户调研,再召集三方协商。" in text  # the essay
    for criterion in essay.question.criteria.all():
        assert criterion.title in text
        assert f'max="{criterion.max_points}"' in text
    assert 'value="save"' in text and 'value="release"' in text


def test_save_then_release_finishes_the_attempt_and_records_the_quiz_pass(
    client, reviewer, essay, lecture
):
    client.force_login(reviewer)

    saved = client.post(page(essay), {**scores(essay, 4, 3), "comment": "具体。", "action": "save"})

    assert saved.status_code == 302 and saved.url == page(essay)
    essay.refresh_from_db()
    assert essay.rubric_scores == {
        str(c.pk): p for c, p in zip(essay.question.criteria.all(), (4, 3), strict=True)
    }
    assert essay.mark == Decimal("0.70") and essay.marker_comment == "具体。"
    assert essay.marked_by == reviewer
    assert essay.attempt.state == Attempt.State.NEEDS_MARKING
    again = client.get(page(essay)).text
    assert "Marked, not yet released" in again and 'value="4"' in again

    released = client.post(page(essay), {**scores(essay, 4, 3), "action": "release"})

    assert released.status_code == 302 and released.url == QUEUE
    attempt = Attempt.objects.get(pk=essay.attempt_id)
    assert attempt.state == Attempt.State.FINISHED
    assert attempt.score == Decimal("1.70") and attempt.percent == Decimal("85.00")
    assert attempt.passed
    assert review_rights(attempt).marks  # the trainee's review shows the marks now
    progress = ActivityProgress.objects.get(trainee=attempt.trainee, activity=lecture)
    assert progress.quiz_passed_at is not None
    assert AuditEntry.objects.filter(action="attempt.finish").exists()
    shown = client.get(page(essay)).text
    assert "Released" in shown and 'name="action"' not in shown


def test_a_result_below_the_pass_mark_is_released_without_a_quiz_pass(
    client, reviewer, essay, lecture
):
    client.force_login(reviewer)

    client.post(page(essay), {**scores(essay, 0, 0), "action": "release"})

    attempt = Attempt.objects.get(pk=essay.attempt_id)
    assert attempt.state == Attempt.State.FINISHED and attempt.percent == Decimal("50.00")
    assert not attempt.passed
    assert not ActivityProgress.objects.filter(
        trainee=attempt.trainee, activity=lecture, quiz_passed_at__isnull=False
    ).exists()


def test_release_waits_until_every_written_answer_is_marked(client, reviewer, enrolled, lecture):
    quiz = make_quiz(lecture, [make_question("essay"), make_question("essay", name="第二篇")])
    first, second = essay_slots(sit(enrolled, quiz))
    client.force_login(reviewer)

    refused = client.post(page(first), {**scores(first, 4, 6), "action": "release"})

    assert refused.status_code == 400
    assert "Mark every written answer of this attempt before releasing it." in refused.text
    first.refresh_from_db()
    assert first.marked_at is None  # the refusal saved nothing
    assert "第二篇" in client.get(page(first)).text  # the other answer is listed

    client.post(page(first), {**scores(first, 4, 6), "action": "save"})
    client.post(page(second), {**scores(second, 2, 2), "action": "release"})

    attempt = Attempt.objects.get(pk=first.attempt_id)
    assert attempt.state == Attempt.State.FINISHED
    assert attempt.score == Decimal("1.40")  # 10/10 + 4/10 of one mark each


def test_a_released_result_cannot_be_changed(client, reviewer, essay):
    client.force_login(reviewer)
    client.post(page(essay), {**scores(essay, 4, 6), "action": "release"})

    response = client.post(page(essay), {**scores(essay, 0, 0), "action": "save"})

    assert response.status_code == 302
    essay.refresh_from_db()
    assert essay.mark == Decimal("1.00")


@pytest.mark.parametrize(
    "points",
    [
        ("abc", "3"),  # not a number
        ("", "3"),  # missing
        ("5", "3"),  # above the criterion's 4 points
        ("-1", "3"),  # below zero
        ("2.5", "3"),  # not whole points
        ("9" * 5000, "3"),  # absurdly long
    ],
)
def test_bad_rubric_points_save_nothing(client, reviewer, essay, points):
    client.force_login(reviewer)
    data = scores(essay, *points)

    response = client.post(page(essay), {**data, "action": "release"})

    assert response.status_code == 400
    assert "form__field--error" in response.text
    essay.refresh_from_db()
    assert essay.marked_at is None and essay.mark is None
    assert essay.attempt.state == Attempt.State.NEEDS_MARKING


def test_a_missing_criterion_field_saves_nothing(client, reviewer, essay):
    client.force_login(reviewer)
    first = essay.question.criteria.first()

    response = client.post(page(essay), {f"criterion-{first.pk}": "1", "action": "save"})

    assert response.status_code == 400
    assert not AttemptSlot.objects.filter(marked_at__isnull=False).exists()


def test_a_too_long_comment_saves_nothing(client, reviewer, essay):
    client.force_login(reviewer)

    response = client.post(
        page(essay), {**scores(essay, 1, 1), "comment": "长" * 5001, "action": "save"}
    )

    assert response.status_code == 400
    essay.refresh_from_db()
    assert essay.marked_at is None


@pytest.fixture
def plain_essay(enrolled, lecture):
    """An essay without a rubric, worth 2 marks: the marker gives one mark."""
    data = sample_data("essay", name="无量规")
    question = question_save(
        actor=None,
        data=QuestionData(**{**data.__dict__, "criteria": [], "default_mark": Decimal("2")}),
    )
    quiz = make_quiz(lecture, [question])
    return essay_slots(sit(enrolled, quiz))[0]


@pytest.mark.parametrize("mark", ["abc", "NaN", "Infinity", "2.01", "-0.5", "", "1e400"])
def test_a_bad_single_mark_saves_nothing(client, reviewer, plain_essay, mark):
    client.force_login(reviewer)

    response = client.post(page(plain_essay), {"mark": mark, "action": "save"})

    assert response.status_code == 400
    plain_essay.refresh_from_db()
    assert plain_essay.marked_at is None


def test_an_essay_without_a_rubric_takes_one_mark(client, reviewer, plain_essay):
    client.force_login(reviewer)
    shown = client.get(page(plain_essay)).text
    assert 'name="mark"' in shown and "criterion-" not in shown

    client.post(page(plain_essay), {"mark": "1.5", "comment": "", "action": "release"})

    plain_essay.refresh_from_db()
    assert plain_essay.mark == Decimal("1.50") and plain_essay.fraction == Decimal("0.75")
    assert plain_essay.attempt.state == Attempt.State.FINISHED
    assert plain_essay.attempt.percent == Decimal("75.00")


def test_an_unknown_answer_is_not_found(client, reviewer, essay):
    client.force_login(reviewer)

    assert client.get(reverse("courses:marking-answer", args=[essay.pk + 1000])).status_code == 404
    choice = AttemptSlot.objects.get(attempt_id=essay.attempt_id, needs_marking=False)
    assert client.get(page(choice)).status_code == 404  # marked by the machine, not a person
