"""Revoking a certificate: the office only, with a reason, written to the audit trail."""

import pytest
from django.conf import settings
from django.urls import reverse

from courses.exceptions import EngineRefusal, NotAllowed
from courses.models import Certificate
from courses.services import activity_confirm, certificate_revoke, enrolment_create
from lms.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(office, trainee, course, online_lecture, django_capture_on_commit_callbacks):
    enrolment_create(actor=office, trainee=trainee, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        activity_confirm(trainee=trainee, activity=online_lecture)
    return Certificate.objects.get(trainee=trainee)


def test_only_the_office_revokes_and_only_with_a_reason(office, trainee, certificate):
    with pytest.raises(NotAllowed):
        certificate_revoke(actor=trainee, certificate=certificate, reason="不想要了")
    with pytest.raises(EngineRefusal):
        certificate_revoke(actor=office, certificate=certificate, reason="   ")
    with pytest.raises(EngineRefusal):
        certificate_revoke(actor=office, certificate=certificate, reason="长" * 201)
    certificate.refresh_from_db()
    assert certificate.is_valid

    certificate_revoke(actor=office, certificate=certificate, reason="学时记录有误")

    certificate.refresh_from_db()
    assert not certificate.is_valid
    assert certificate.revoked_by == office
    assert certificate.revocation_reason == "学时记录有误"
    entry = AuditEntry.objects.get(action="certificate.revoke")
    assert (entry.actor, entry.object_id) == (office, str(certificate.pk))
    assert entry.data["reason"] == "学时记录有误"


def test_a_certificate_is_revoked_once(office, certificate):
    certificate_revoke(actor=office, certificate=certificate, reason="重复发放")

    with pytest.raises(EngineRefusal):
        certificate_revoke(actor=office, certificate=certificate, reason="再次撤销")
    assert AuditEntry.objects.filter(action="certificate.revoke").count() == 1


def _revoke_url(certificate):
    return reverse("courses:certificate-revoke", args=[certificate.pk])


def test_the_revoke_page_is_for_the_office(client, trainee, certificate):
    response = client.get(_revoke_url(certificate))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))

    client.force_login(trainee)
    assert client.get(_revoke_url(certificate)).status_code == 403
    assert client.post(_revoke_url(certificate), {"reason": "x"}).status_code == 403
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_the_office_confirms_with_a_reason(client, office, certificate):
    client.force_login(office)
    assert client.get(_revoke_url(certificate)).status_code == 200

    refused = client.post(_revoke_url(certificate), {"reason": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    assert "Give a reason for revoking the certificate." in refused.text
    certificate.refresh_from_db()
    assert certificate.is_valid

    done = client.post(_revoke_url(certificate), {"reason": "学时记录有误"}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("courses:certificate-list")
    assert certificate.serial in done.text
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "学时记录有误"
