"""The office sends set-password links to imported people from the people admin."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lms.audit.models import AuditEntry
from lms.people.models import User
from lms.people.services import password_links_send
from lms.people.viewsets.password_links import ACTION_TYPE
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db

BULK_URL = reverse("wagtail_bulk_action", args=("people", "user", ACTION_TYPE))
INDEX_URL = reverse("wagtailusers_users:index")


def _imported(**kwargs):
    """As the roster import leaves them: no usable password."""
    user = UserFactory(**kwargs)
    User.objects.filter(pk=user.pk).update(password="!imported")
    return user


def _query(*users):
    return "?" + "&".join(f"id={user.pk}" for user in users) + f"&next={INDEX_URL}"


def test_the_office_admin_sends_links_and_learns_who_has_no_email(
    office_client, office_admin, django_capture_on_commit_callbacks
):
    with_email = _imported(display_name="王芳", email="wangfang@example.com")
    without = _imported(display_name="赵强", email="")

    confirm = office_client.get(BULK_URL + _query(with_email, without))
    assert confirm.status_code == 200
    assert "wangfang@example.com" in confirm.text
    assert "赵强" in confirm.text and "no email address" in confirm.text

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(BULK_URL + _query(with_email, without), follow=True)

    assert response.status_code == 200
    shown = " ".join(str(message) for message in response.context["messages"])
    assert "1 person" in shown and "赵强" in shown
    assert [message.to for message in mail.outbox] == [["wangfang@example.com"]]
    assert "Set your password" in mail.outbox[0].subject
    entry = AuditEntry.objects.get(action="user.password_link_send")
    assert (entry.actor, entry.object_id) == (office_admin, str(with_email.pk))


def test_the_link_lets_an_imported_person_choose_a_password(
    office_client, client, django_capture_on_commit_callbacks
):
    person = _imported(email="wangfang@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(BULK_URL + _query(person))
    path = "/" + mail.outbox[0].body.split("http://", 1)[1].split("/", 1)[1].split()[0]
    client.logout()

    page = client.get(path, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "hongshu-Garden-2026", "new_password2": "hongshu-Garden-2026"},
    )

    person.refresh_from_db()
    assert person.check_password("hongshu-Garden-2026")


def test_the_row_menu_offers_the_link(office_client):
    person = _imported(email="wangfang@example.com")

    response = office_client.get(INDEX_URL)

    assert f"{BULK_URL}?id={person.pk}" in response.text.replace("&amp;", "&")


@pytest.mark.parametrize("who", ["editor_client", "trainee_client"])
def test_others_cannot_send_links(request, who):
    client = request.getfixturevalue(who)
    person = _imported(email="wangfang@example.com")

    response = client.post(BULK_URL + _query(person))

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != INDEX_URL
    assert not mail.outbox
    assert not AuditEntry.objects.filter(action="user.password_link_send").exists()


def test_the_service_refuses_anyone_but_the_office_admin(roles):
    from lms.people.roles import OFFICE_REVIEWER
    from tests.factories.people import user_with_role

    reviewer = user_with_role(OFFICE_REVIEWER)
    person = _imported(email="wangfang@example.com")

    with pytest.raises(PermissionDenied):
        password_links_send(actor=reviewer, users=[person], language="en")
