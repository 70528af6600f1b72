import pytest

from courses.services import enrolment_create
from lms.people.roles import OFFICE_ADMIN, TRAINEE
from tests.factories import LecturePageFactory, StudyTourPageFactory, studio_tree, user_with_role


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


@pytest.fixture
def tour(course):
    return StudyTourPageFactory(parent=course)


@pytest.fixture
def writer(client, office, trainee, course):
    """A trainee enrolled in the course, logged in."""
    enrolment_create(actor=office, trainee=trainee, course=course)
    client.force_login(trainee)
    return client
