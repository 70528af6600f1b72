import pytest

from lms.people.roles import OFFICE_ADMIN, TRAINEE
from tests.factories import LecturePageFactory, studio_tree, user_with_role


@pytest.fixture
def office(db):
    return user_with_role(OFFICE_ADMIN, username="office")


@pytest.fixture
def trainee(db):
    return user_with_role(TRAINEE, username="trainee")


@pytest.fixture
def tree(db):
    home, programme, course = studio_tree()
    return home, programme, course


@pytest.fixture
def course(tree):
    return tree[2]


@pytest.fixture
def online_lecture(course):
    return LecturePageFactory(parent=course, learning_hours="2.0")


@pytest.fixture(autouse=True)
def _english_interface(settings):
    """Assertions on page text are written in English; the studio's default is Chinese."""
    settings.LANGUAGE_CODE = "en"
