"""Fixtures for taking quizzes over HTTP: the assessment fixtures, logged-in clients, helpers.

The people, the course and the lecture are the assessment tests' own fixtures
(tests/integration/assessment_fixtures.py, loaded for the whole suite by tests/conftest.py), so
that both folders build the same world; the autouse ``english`` is the assessment folder's.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import Attempt
from tests.integration.assessment import conftest as assessment
from tests.integration.question_bank import bank_data

# The assessment folder's autouse fixture: pages and messages in their English source.
english = assessment.english

# Every question type, in the order the question bank's tests use.
ALL_TYPES = bank_data.ALL_TYPES


def english_client(user=None, **kwargs) -> Client:
    """A browser asking for English pages (the studio's default is Chinese), logged in as
    ``user`` when given."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en", **kwargs)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def trainee_client(enrolled):
    return english_client(enrolled)


@pytest.fixture
def other_client(other_trainee):
    return english_client(other_trainee)


def start(client, quiz) -> Attempt:
    """Start (or resume) an attempt the way the quiz page's button does."""
    response = client.post(reverse("courses:quiz-start", args=[quiz.pk]))
    assert response.status_code == 302, response.content
    attempt_id = int(response.url.rstrip("/").rsplit("/", 1)[1])
    assert response.url == reverse("courses:quiz-attempt", args=[attempt_id])
    return Attempt.objects.get(pk=attempt_id)


def api_url(name: str, *args) -> str:
    return reverse(f"studio_api:{name}", args=args)


def api_put(client, url: str, data, **extra):
    body = data if isinstance(data, (str, bytes)) else json.dumps(data)
    return client.put(url, body, content_type="application/json", **extra)


def api_post(client, url: str, data=None, **extra):
    body = "" if data is None else (data if isinstance(data, (str, bytes)) else json.dumps(data))
    return client.post(url, body, content_type="application/json", **extra)
