"""People for the bank's import and export pages, made after the role groups are ensured.

``office_client`` (logged in as this folder's ``office``) is in
tests/integration/assessment_fixtures.py."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from lms.people.roles import MENTOR, OFFICE_ADMIN, OFFICE_EDITOR, TRAINEE, roles_ensure
from tests.factories import UserFactory, user_with_role


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
    return user_with_role(OFFICE_ADMIN, username="office")


@pytest.fixture
def editor(roles):
    return user_with_role(OFFICE_EDITOR, username="editor")


@pytest.fixture
def trainee(roles):
    return user_with_role(TRAINEE, username="trainee")


@pytest.fixture
def mentor(roles):
    return user_with_role(MENTOR, username="mentor")


@pytest.fixture
def admin_without_office(roles):
    """Reaches the Wagtail admin, but holds no office role."""
    user = UserFactory(username="outsider")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user
