import pytest
from django.utils import translation

from lms.people.roles import OFFICE_ADMIN, OFFICE_EDITOR, TRAINEE, roles_ensure
from tests.factories.people import CommunityFactory, user_with_role


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
def office_admin(roles):
    return user_with_role(OFFICE_ADMIN, username="office", display_name="办公室管理员")


@pytest.fixture
def office_client(client, office_admin):
    client.force_login(office_admin)
    return client


@pytest.fixture
def trainee_client(client, roles):
    client.force_login(user_with_role(TRAINEE, community=CommunityFactory()))
    return client


@pytest.fixture
def editor_client(client, roles):
    """Reaches the admin, but has no business with people."""
    client.force_login(user_with_role(OFFICE_EDITOR))
    return client


@pytest.fixture
def taoyuan(db):
    return CommunityFactory(name="桃源社区")
