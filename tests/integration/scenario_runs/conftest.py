"""Scenario runs: a trainee enrolled in a course with one scenario exercise (the factories'
two-step script: the best path scores 3 + 3 = 6), played over HTTP as the player does.

The office and the course are the assessment tests' fixtures, from
tests/integration/assessment_fixtures.py; the trainee here is enrolled as soon as made."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from courses.services import enrolment_create
from lms.people.roles import TRAINEE
from tests.factories import ScenarioExercisePageFactory, user_with_role

# The factories' script, as the tests walk it.
START, MEETING = "start", "meeting"
CONVENE, LEAVE_IT = 0, 1  # at "start": 召集三方协调会 (+3 → meeting), 让居民自己找物业 (-2 → bad)
CALL_STREET, ADJOURN = 0, 1  # at "meeting": 请街道职能部门到场 (+3 → good), 散会再议 (0 → bad)


@pytest.fixture(autouse=True)
def _english(settings):
    """Refusals are asserted in their English source, whatever locale/ holds later."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def scenario(course):
    return ScenarioExercisePageFactory(
        parent=course,
        slug="street-lights",
        debriefing_notes="<p>讲评要点:先稳住居民情绪</p>",
        reflection_prompt="你会如何向居民解释处理过程?",
    )


@pytest.fixture
def enrol(office, course):
    def enrol(user):
        enrolment_create(actor=office, trainee=user, course=course)
        return user

    return enrol


@pytest.fixture
def trainee(enrol):
    return enrol(user_with_role(TRAINEE, username="trainee"))


@pytest.fixture
def player(client, trainee, scenario):
    client.force_login(trainee)
    return Player(client, scenario)


class Player:
    """Drives the JSON endpoints the way scenario-player.js does."""

    def __init__(self, client, scenario):
        self.client = client
        self.scenario = scenario

    def start(self):
        return self.client.post(
            reverse("courses:scenario-run-start", args=[self.scenario.pk]),
            content_type="application/json",
        )

    def choose(self, run_id, step, choice):
        return self.post_choice(run_id, {"step": step, "choice": choice})

    def post_choice(self, run_id, body):
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return self.client.post(
            reverse("courses:scenario-run-choose", args=[run_id]),
            data=data,
            content_type="application/json",
        )

    def play(self, *choices):
        """Start a run and make ``(step, choice)`` choices; the last answer and the run id."""
        started = self.start()
        run_id = started.json()["run"]["id"]
        answer = started
        for step, choice in choices:
            answer = self.choose(run_id, step, choice)
            assert answer.status_code == 200, answer.content
        return run_id, answer
