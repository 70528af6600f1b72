"""Password reset by email: one-time, time-limited links; no enumeration; rate limits."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from lms.people.models import User
from lms.people.services import RESET_LIMIT_PER_ADDRESS, RESET_LIMIT_PER_IP
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET_URL = reverse("people:password-reset")
NEW_PASSWORD = "hongshu-Garden-2026"


def _ask(client, email, *, language="en", ip="10.0.0.1"):
    client.cookies["django_language"] = language
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=ip)


def _link_in(message):
    return re.search(r"http://[^\s\"<]+/password-reset/[^\s\"<]+/", message.body).group(0)


def test_the_link_sets_a_new_password_once(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="li@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, "LI@example.com")

    assert response.status_code == 302
    assert response["Location"] == reverse("people:password-reset-done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["li@example.com"]
    assert "Reset your password" in message.subject
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    link = _link_in(message)
    assert link in html
    path = link.split("://", 1)[1].split("/", 1)[1]

    form_page = client.get("/" + path, follow=True)
    assert form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done.status_code == 302
    assert done["Location"] == reverse("people:password-reset-complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    again = client.get("/" + path, follow=True)
    assert again.context["validlink"] is False
    assert "no longer works" in again.text


def test_the_reset_email_speaks_the_language_of_the_request(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="li@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "li@example.com", language="zh-hans")

    assert "重置" in mail.outbox[0].subject
    assert "用户名" in mail.outbox[0].body


def test_an_expired_link_is_refused(client, settings):
    from django.contrib.auth.tokens import PasswordResetTokenGenerator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    class MadeLongAgo(PasswordResetTokenGenerator):
        def _now(self):
            return super()._now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)

    user = UserFactory()
    url = reverse(
        "people:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": MadeLongAgo().make_token(user),
        },
    )

    response = client.get(url, follow=True)

    assert response.status_code == 200
    assert response.context["validlink"] is False
    assert "This link no longer works" in response.text


def test_an_unknown_address_gets_the_same_answer_and_no_email(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="li@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        known = _ask(client, "li@example.com")
        unknown = _ask(client, "nobody@example.com")

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [m.to for m in mail.outbox] == [["li@example.com"]]


def test_too_many_requests_for_one_address_are_refused_with_a_message(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="li@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(RESET_LIMIT_PER_ADDRESS):
            assert _ask(client, "li@example.com", ip=f"10.0.0.{n}").status_code == 302
        refused = _ask(client, "li@example.com", ip="10.0.1.1", language="zh-hans")

    assert refused.status_code == 200
    assert "请求次数过多" in refused.text
    assert len(mail.outbox) == RESET_LIMIT_PER_ADDRESS


def test_too_many_requests_from_one_address_are_refused(client):
    for n in range(RESET_LIMIT_PER_IP):
        assert _ask(client, f"person{n}@example.com").status_code == 302

    refused = _ask(client, "another@example.com")

    assert refused.status_code == 200
    assert "Too many reset requests" in refused.text


def test_a_bad_address_is_explained_and_counts_nothing(client):
    response = _ask(client, "not-an-address")

    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_people_without_a_usable_password_can_set_one(client, django_capture_on_commit_callbacks):
    """Imported people have no password yet; the reset is how they get one."""
    user = UserFactory(email="new@example.com")
    User.objects.filter(pk=user.pk).update(password="!unusable")

    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "new@example.com")

    assert len(mail.outbox) == 1
