"""The assessment tests' people and course, shared by every folder that sits or marks quizzes.

Loaded for the whole suite by ``pytest_plugins`` in tests/conftest.py, so these fixtures are the
fallback everywhere: a folder or module that defines its own ``office``, ``trainee``, ``course``…
overrides them. The autouse ``english`` fixture is not here, so that it stays local to the
assessment folders (tests/integration/assessment/conftest.py).
"""

import pytest

from courses.services import enrolment_create
from lms.people.roles import OFFICE_ADMIN, OFFICE_REVIEWER, TRAINEE
from tests.factories import LecturePageFactory, studio_tree, user_with_role


@pytest.fixture
def office(db):
    return user_with_role(OFFICE_ADMIN, username="office")


@pytest.fixture
def office_client(client, office):
    """The test client, logged in as whichever ``office`` the test's folder defines."""
    client.force_login(office)
    return client


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
