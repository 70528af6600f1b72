"""The Wagtail admin speaks Chinese by default and each user's chosen language otherwise."""

import pytest
from wagtail.users.models import UserProfile

from lms.people.roles import OFFICE_ADMIN
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("preference", "language"), [("", "zh-hans"), ("en", "en")])
def test_the_admin_follows_the_users_language(client, preference, language):
    office = user_with_role(OFFICE_ADMIN)
    profile = UserProfile.get_for_user(office)
    profile.preferred_language = preference
    profile.save()
    client.force_login(office)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.text
