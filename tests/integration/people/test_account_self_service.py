"""Changing one's password and details, logging out everywhere, remembering a device."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from lms.audit.models import AuditEntry
from lms.people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("people:profile")
CHANGE_URL = reverse("people:password-change")
LOGIN_URL = reverse("people:login")


def _signed_in(client, user, language="en"):
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def test_the_password_is_changed_and_the_session_kept(client):
    user = UserFactory()
    _signed_in(client, user)

    response = client.post(
        CHANGE_URL,
        {
            "old_password": "pass-for-tests",
            "new_password1": "hongshu-Garden-2026",
            "new_password2": "hongshu-Garden-2026",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("people:password-change-done")
    user.refresh_from_db()
    assert user.check_password("hongshu-Garden-2026")
    assert client.get(PROFILE_URL).status_code == 200


def test_a_wrong_old_password_is_explained_in_chinese(client):
    user = UserFactory()
    _signed_in(client, user, "zh-hans")

    response = client.post(
        CHANGE_URL,
        {
            "old_password": "wrong",
            "new_password1": "hongshu-Garden-2026",
            "new_password2": "hongshu-Garden-2026",
        },
    )

    assert response.status_code == 200
    assert "旧密码不正确" in response.text
    user.refresh_from_db()
    assert user.check_password("pass-for-tests")


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("a1b2", "密码长度太短"),
        ("password123", "这个密码太常见了"),
        ("83920571946", "密码只包含数字"),
    ],
)
def test_a_weak_new_password_is_refused_in_chinese(client, new_password, message):
    user = UserFactory()
    _signed_in(client, user, "zh-hans")

    response = client.post(
        CHANGE_URL,
        {
            "old_password": "pass-for-tests",
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )

    assert response.status_code == 200
    assert message in response.text
    user.refresh_from_db()
    assert user.check_password("pass-for-tests")


def test_the_profile_is_saved_with_the_language(client):
    user = UserFactory()
    _signed_in(client, user)

    response = client.post(
        PROFILE_URL,
        {
            "display_name": " 李明 ",
            "mobile": "+86 139-0000-1111",
            "email": "liming@example.com",
            "language": "zh-hans",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.mobile, user.email) == (
        "李明",
        "13900001111",
        "liming@example.com",
    )
    assert UserProfile.get_for_user(user).preferred_language == "zh-hans"
    assert response.cookies["django_language"].value == "zh-hans"
    assert AuditEntry.objects.filter(action="user.profile_update", object_id=str(user.pk)).exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"mobile": "13800000001"}, "mobile", "Another person already uses this mobile number."),
        ({"mobile": "1234"}, "mobile", "11-digit"),
        ({"email": "not-an-address"}, "email", "valid email"),
        ({"display_name": "   "}, "display_name", ""),
        ({"language": "fr"}, "language", ""),
    ],
)
def test_bad_profile_input_saves_nothing(client, change, field, message):
    UserFactory(mobile="13800000001")
    user = UserFactory(display_name="原名", mobile="13900000002", email="old@example.com")
    _signed_in(client, user)
    data = {
        "display_name": "新名",
        "mobile": "13900000003",
        "email": "new@example.com",
        "language": "en",
        **change,
    }

    response = client.post(PROFILE_URL, data)

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert message in " ".join(errors)
    user.refresh_from_db()
    assert (user.display_name, user.mobile, user.email) == (
        "原名",
        "13900000002",
        "old@example.com",
    )


def test_the_duplicate_mobile_message_is_in_chinese(client):
    UserFactory(mobile="13800000001")
    user = UserFactory()
    _signed_in(client, user, "zh-hans")

    response = client.post(
        PROFILE_URL,
        {"display_name": "李明", "mobile": "138 0000 0001", "email": "", "language": "zh-hans"},
    )

    assert response.status_code == 200
    assert "手机号" in " ".join(response.context["form"].errors["mobile"])


@pytest.mark.parametrize(
    "engine",
    [
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cache",
        "django.contrib.sessions.backends.cached_db",
    ],
)
def test_log_out_everywhere_ends_the_other_devices_sessions(client, settings, engine):
    settings.SESSION_ENGINE = engine
    user = UserFactory()
    phone = Client()
    phone.post(LOGIN_URL, {"username": user.username, "password": "pass-for-tests"})
    assert phone.get(PROFILE_URL).status_code == 200
    _signed_in(client, user)

    response = client.post(reverse("people:logout-everywhere"))

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert phone.get(PROFILE_URL).status_code == 302
    assert client.get(PROFILE_URL).status_code == 302
    again = Client()
    again.post(LOGIN_URL, {"username": user.username, "password": "pass-for-tests"})
    assert again.get(PROFILE_URL).status_code == 200
    assert AuditEntry.objects.filter(action="user.sessions_end").count() == 1


def test_log_out_everywhere_only_answers_a_post(client):
    _signed_in(client, UserFactory())

    assert client.get(reverse("people:logout-everywhere")).status_code == 405


@pytest.mark.parametrize(("remember", "expires_with_browser"), [(False, True), (True, False)])
def test_remember_me_decides_how_long_the_session_lasts(client, remember, expires_with_browser):
    user = UserFactory()
    data = {"username": user.username, "password": "pass-for-tests"}
    if remember:
        data["remember_me"] = "on"

    response = client.post(LOGIN_URL, data)

    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close() is expires_with_browser
    cookie = response.cookies["sessionid"]
    assert bool(cookie["max-age"]) is not expires_with_browser


def test_remember_me_is_unticked_by_default(client):
    response = client.get(LOGIN_URL)

    box = response.context["form"]["remember_me"]
    assert 'type="checkbox"' in str(box) and "checked" not in str(box)


def test_the_login_is_still_guarded_by_axes(client, settings):
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN_URL, {"username": user.username, "password": "wrong"})

    locked = client.post(LOGIN_URL, {"username": user.username, "password": "pass-for-tests"})

    assert locked.status_code == 429
    assert AccessAttempt.objects.filter(username=user.username).exists()
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(pk=user.pk).exists()
