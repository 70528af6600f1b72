"""The attempt page and the API answer in a fixed number of queries, however many questions.

The counts are pinned: a change is a review topic. 3 and 12 questions use the same three
types, since each question type present costs one query (the polymorphic fetch).
"""

import pytest
from django.urls import reverse

from tests.factories.questions import make_question, make_quiz

from .conftest import api_post, api_url, start

pytestmark = pytest.mark.django_db

TYPES = ["single", "multiple", "matching"]
# The API: session, user, the attempt (with its quiz and page), its slots, their questions (the
# base rows, then one query per type present: 3), the options and the rubric criteria. The
# pages add the site header's three (the user's groups and permissions, for its links).
ATTEMPT_PAGE_QUERIES = 13
API_ATTEMPT_QUERIES = 10
REVIEW_PAGE_QUERIES = 13
API_REVIEW_QUERIES = 10


def _quiz(lecture, count):
    questions = [make_question(TYPES[n % 3], name=f"题{n}") for n in range(count)]
    return make_quiz(lecture, questions)


@pytest.mark.parametrize("count", [3, 12])
def test_the_attempt_page_and_api_queries_do_not_grow_with_the_questions(
    trainee_client, lecture, django_assert_num_queries, count
):
    attempt = start(trainee_client, _quiz(lecture, count))
    page_url = reverse("courses:quiz-attempt", args=[attempt.pk])
    trainee_client.get(page_url)  # the site's root paths are cached after the first page

    with django_assert_num_queries(ATTEMPT_PAGE_QUERIES):
        page = trainee_client.get(page_url)
    with django_assert_num_queries(API_ATTEMPT_QUERIES):
        data = trainee_client.get(api_url("attempt", attempt.pk))

    assert page.status_code == data.status_code == 200
    assert len(data.json()["questions"]) == count


@pytest.mark.parametrize("count", [3, 12])
def test_the_review_page_and_api_queries_do_not_grow_with_the_questions(
    trainee_client, lecture, django_assert_num_queries, count
):
    attempt = start(trainee_client, _quiz(lecture, count))
    api_post(trainee_client, api_url("attempt-submit", attempt.pk))
    review_url = reverse("courses:quiz-review", args=[attempt.pk])
    trainee_client.get(review_url)

    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        page = trainee_client.get(review_url)
    with django_assert_num_queries(API_REVIEW_QUERIES):
        data = trainee_client.get(api_url("attempt-review", attempt.pk))

    assert page.status_code == data.status_code == 200
    assert len(data.json()["questions"]) == count
