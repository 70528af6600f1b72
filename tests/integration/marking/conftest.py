"""Quizzes with essays, sat and submitted, for the marking pages; people who may or may not mark.

The people and the course are the assessment tests' fixtures, copied so each folder stands alone.
"""

import pytest
from django.utils import translation

from courses.models import Attempt
from courses.selectors import attempt_slots
from courses.services import enrolment_create
from courses.services.attempts import attempt_start, attempt_submit
from lms.people.roles import OFFICE_ADMIN, OFFICE_REVIEWER, TRAINEE
from tests.factories import LecturePageFactory, studio_tree, user_with_role
from tests.factories.questions import make_question, make_quiz
from tests.integration.mentoring import factories as mentoring

ESSAY_TEXT = "<p>先入户调研,再召集三方协商。</p>"


@pytest.fixture(autouse=True)
def _english(settings):
    """Page text and refusals are asserted in their English source; the default is Chinese."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def office(db):
    return user_with_role(OFFICE_ADMIN, username="office")


@pytest.fixture
def reviewer(db):
    return user_with_role(OFFICE_REVIEWER, username="reviewer")


@pytest.fixture
def trainee(db):
    return user_with_role(TRAINEE, username="trainee")


@pytest.fixture
def other_trainee(db):
    return user_with_role(TRAINEE, username="other")


@pytest.fixture
def course(db):
    return studio_tree()[2]


@pytest.fixture
def lecture(course):
    return LecturePageFactory(parent=course, learning_hours="2.0")


@pytest.fixture
def enrolled(course, trainee, other_trainee, office):
    for person in (trainee, other_trainee):
        enrolment_create(actor=office, trainee=person, course=course)
    return trainee


def right_answers(attempt: Attempt, essay_text: str = ESSAY_TEXT) -> dict:
    """Full marks for choice questions and an essay for every essay, by position."""
    answers = {}
    for slot in attempt_slots(attempt):
        question = slot.question
        if question.type_code == "essay":
            answers[str(slot.position)] = {"text": essay_text}
        else:
            best = max(question.ordered_options(), key=lambda option: option.fraction)
            answers[str(slot.position)] = {"choice": best.pk}
    return answers


def sit(trainee, quiz, essay_text: str = ESSAY_TEXT) -> Attempt:
    """The trainee starts the quiz, answers every question and submits."""
    attempt = attempt_start(trainee=trainee, quiz=quiz)
    return attempt_submit(
        trainee=trainee, attempt_id=attempt.pk, answers=right_answers(attempt, essay_text)
    )


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
