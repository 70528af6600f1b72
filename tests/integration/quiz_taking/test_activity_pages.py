"""The lecture and course pages list their published quizzes with where the trainee stands."""

import pytest
from django.urls import reverse

from courses.models import AFTER_ATTEMPT, review_settings
from courses.selectors import attempt_slots
from tests.factories.questions import make_question, make_quiz

from .answers import right_answers
from .conftest import api_post, api_url, english_client, start

pytestmark = pytest.mark.django_db


def _quiz_card(html: str, title: str) -> str:
    start_at = html.index(title)
    return html[
        html.rindex('<li class="card quiz-list__item">', 0, start_at) : html.index(
            "</li>", start_at
        )
    ]


def test_the_lecture_page_shows_each_quiz_and_its_status(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single")], title="第一次测验", max_attempts=2)
    make_quiz(lecture, [make_question("single")], title="草稿测验", is_published=False)

    before = trainee_client.get(lecture.url).content.decode()
    assert "草稿测验" not in before
    card = _quiz_card(before, "第一次测验")
    assert "Not started" in card and "2 attempts left." in card
    assert reverse("courses:quiz", args=[quiz.pk]) in card
    assert "Quiz passed" in before  # the completion step, from requires_quiz()

    attempt = start(trainee_client, quiz)
    card = _quiz_card(trainee_client.get(lecture.url).content.decode(), "第一次测验")
    assert "In progress" in card and "1 attempt left." in card
    assert reverse("courses:quiz-attempt", args=[attempt.pk]) in card

    api_post(
        trainee_client,
        api_url("attempt-submit", attempt.pk),
        {"answers": right_answers(attempt_slots(attempt))},
    )
    card = _quiz_card(trainee_client.get(lecture.url).content.decode(), "第一次测验")
    assert "Passed" in card


@pytest.mark.parametrize(
    ("types", "marks", "status"),
    [
        (["essay"], AFTER_ATTEMPT, "Waiting for marking"),
        (["single"], AFTER_ATTEMPT, "Not passed yet"),
        (["single"], (), "Submitted"),
    ],
)
def test_after_submitting_the_status_follows_marking_and_the_review_options(
    trainee_client, lecture, types, marks, status
):
    quiz = make_quiz(
        lecture, [make_question(t) for t in types], title="测验", **review_settings(marks=marks)
    )
    attempt = start(trainee_client, quiz)
    api_post(
        trainee_client,
        api_url("attempt-submit", attempt.pk),
        {"answers": {"1": {"text": "<p>回答</p>"}}} if types == ["essay"] else None,
    )

    card = _quiz_card(trainee_client.get(lecture.url).content.decode(), "测验")

    assert status in card


def test_the_course_page_lists_course_quizzes(trainee_client, course):
    quiz = make_quiz(course, [make_question("single")], title="结业测验")

    page = trainee_client.get(course.url).content.decode()

    assert "Course quizzes" in page
    card = _quiz_card(page, "结业测验")
    assert "Not started" in card and reverse("courses:quiz", args=[quiz.pk]) in card
    assert start(trainee_client, quiz).quiz_id == quiz.pk


def test_a_visitor_sees_the_quiz_and_is_asked_to_log_in(lecture):
    make_quiz(lecture, [make_question("single")], title="公开测验")

    page = english_client().get(lecture.url).content.decode()

    assert "Log in to take this quiz." in _quiz_card(page, "公开测验")
