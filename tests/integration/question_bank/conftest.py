"""Shared data for the question bank's admin tests: categories, and one valid question of each
type as the bank's interchange record. The office and its logged-in ``office_client`` are the
assessment tests' fixtures, from tests/integration/assessment_fixtures.py."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import Attempt, AttemptSlot, Quiz
from courses.services.questions import category_ensure_path, question_save
from lms.people.roles import TRAINEE
from tests.factories import LecturePageFactory, studio_tree, user_with_role

from .bank_data import sample

D = Decimal


@pytest.fixture(autouse=True)
def _english_interface(settings):
    """Assertions on page text are written in English; the studio's default is Chinese."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def tree(db):
    return studio_tree()


@pytest.fixture
def lecture(tree):
    return LecturePageFactory(parent=tree[2])


@pytest.fixture
def category(db):
    return category_ensure_path(path=("党建",))


@pytest.fixture
def make_question(office):
    def make(type_code="single", **kwargs):
        return question_save(actor=office, data=sample(type_code, **kwargs))

    return make


@pytest.fixture
def use_in_attempt(lecture):
    """Mark a question version as used: an attempt that asked it (as the attempt service would
    leave it), without running a quiz."""

    def use(question):
        quiz = Quiz.objects.create(activity=lecture, title="练习")
        attempt = Attempt.objects.create(
            quiz=quiz,
            trainee=user_with_role(TRAINEE),
            number=1,
            state=Attempt.State.FINISHED,
            started_at=timezone.now() - datetime.timedelta(minutes=5),
            max_score=D("2"),
        )
        return AttemptSlot.objects.create(
            attempt=attempt, position=0, question=question, max_mark=D("2")
        )

    return use
