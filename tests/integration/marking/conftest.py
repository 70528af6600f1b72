"""Quizzes with essays, sat and submitted, for the marking pages; people who may or may not mark.

The people (office, reviewer, trainee, other_trainee, enrolled), the course and the lecture are
the assessment tests' fixtures, from tests/integration/assessment_fixtures.py.
"""

import pytest
from django.utils import translation

from courses.models import Attempt
from courses.selectors import attempt_slots
from courses.services import enrolment_create
from courses.services.attempts import attempt_start, attempt_submit
from lms.people.roles import TRAINEE
from tests.factories import user_with_role
from tests.factories.questions import make_question, make_quiz, right_answers
from tests.integration.mentoring import factories as mentoring

ESSAY_TEXT = "<p>先入户调研,再召集三方协商。</p>"


@pytest.fixture(autouse=True)
def _english(settings):
    """Page text and refusals are asserted in their English source; the default is Chinese."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def sit(trainee, quiz, essay_text: str = ESSAY_TEXT) -> Attempt:
    """The trainee starts the quiz, answers every question right (``essay_text`` for each essay)
    and submits."""
    attempt = attempt_start(trainee=trainee, quiz=quiz)
    answers = right_answers(attempt_slots(attempt), essay_text=essay_text)
    return attempt_submit(trainee=trainee, attempt_id=attempt.pk, answers=answers)


def essay_slots(attempt: Attempt) -> list:
    return [slot for slot in attempt_slots(attempt) if slot.question.type_code == "essay"]


@pytest.fixture
def quiz(lecture):
    """One choice question (1 mark, answered right) and one essay with a 4 + 6 point rubric."""
    return make_quiz(lecture, [make_question("single"), make_question("essay")], pass_percent=60)


@pytest.fixture
def submitted(enrolled, quiz) -> Attempt:
    return sit(enrolled, quiz)


@pytest.fixture
def essay(submitted):
    return essay_slots(submitted)[0]


@pytest.fixture
def mentor(db, trainee):
    """The trainee's current mentor."""
    person = mentoring.mentor(username="mentor")
    mentoring.assignment(trainee, person)
    return person


@pytest.fixture
def other_mentor(db, other_trainee):
    """A mentor, but of the other trainee."""
    person = mentoring.mentor(username="other-mentor")
    mentoring.assignment(other_trainee, person)
    return person


@pytest.fixture
def host(db):
    return mentoring.host(username="host")


def enrolled_trainee(office, course, **kwargs):
    person = user_with_role(TRAINEE, **kwargs)
    enrolment_create(actor=office, trainee=person, course=course)
    return person
