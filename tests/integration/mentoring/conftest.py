import pytest
from django.utils import translation

from lms.people.roles import roles_ensure
from tests.factories import studio_tree

from . import factories as f


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in their English source, whatever locale/ holds later."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def roles(db):
    return roles_ensure()


@pytest.fixture
def office(roles):
    return f.office(username="office", display_name="党建办")


@pytest.fixture
def tree(db):
    return studio_tree()


@pytest.fixture
def programme(tree):
    return tree[1]


@pytest.fixture
def course(tree):
    return tree[2]


@pytest.fixture
def east(roles):
    return f.community("东社区")


@pytest.fixture
def west(roles):
    return f.community("西社区")


@pytest.fixture
def north(roles):
    return f.community("北社区")
