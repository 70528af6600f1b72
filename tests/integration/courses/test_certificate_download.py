"""Downloading a certificate: its trainee and the office only, never from a public media URL."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Certificate
from courses.services import activity_confirm, certificate_revoke, enrolment_create
from lms.people.roles import TRAINEE
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}


@pytest.fixture
def certificate(office, trainee, course, online_lecture, django_capture_on_commit_callbacks):
    enrolment_create(actor=office, trainee=trainee, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        activity_confirm(trainee=trainee, activity=online_lecture)
    return Certificate.objects.get(trainee=trainee)


def _download(client, certificate, fmt):
    return client.get(reverse("courses:certificate-download", args=[certificate.pk, fmt]))


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_the_trainee_downloads_their_own_certificate(client, trainee, certificate, fmt):
    client.force_login(trainee)

    response = _download(client, certificate, fmt)

    assert response.status_code == 200
    assert response["Content-Type"] == {"png": "image/png", "pdf": "application/pdf"}[fmt]
    assert f'filename="{certificate.serial}.{fmt}"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(SIGNATURES[fmt])


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_another_trainee_gets_a_404(client, certificate, fmt):
    client.force_login(user_with_role(TRAINEE, username="someone-else"))

    assert _download(client, certificate, fmt).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, certificate):
    response = _download(client, certificate, "pdf")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_the_office_downloads_any_certificate(client, office, certificate, fmt):
    client.force_login(office)

    assert _download(client, certificate, fmt).status_code == 200


def test_a_revoked_certificate_is_no_longer_the_trainees_to_download(
    client, office, trainee, certificate
):
    certificate_revoke(actor=office, certificate=certificate, reason="重复发放")

    client.force_login(trainee)
    assert _download(client, certificate, "pdf").status_code == 404
    client.force_login(office)
    assert _download(client, certificate, "pdf").status_code == 200


def test_an_unknown_format_is_not_a_page(client, trainee, certificate):
    client.force_login(trainee)

    assert client.get(f"/learn/certificates/{certificate.pk}/docx/").status_code == 404


def test_the_list_links_to_the_download_view_not_to_the_media_folder(client, trainee, certificate):
    other = user_with_role(TRAINEE, username="someone-else")
    client.force_login(trainee)

    page = client.get(reverse("courses:certificate-list")).text

    assert certificate.serial in page
    assert reverse("courses:certificate-download", args=[certificate.pk, "pdf"]) in page
    assert settings.MEDIA_URL not in page
    assert certificate.pdf.name not in page

    client.force_login(other)
    assert certificate.serial not in client.get(reverse("courses:certificate-list")).text


def test_the_list_costs_the_same_however_many_certificates(
    client, office, course, certificate, online_lecture, django_capture_on_commit_callbacks
):
    client.force_login(office)
    url = reverse("courses:certificate-list")
    client.get(url)  # warm the session and the caches

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for username in ("second", "third"):
        trainee = user_with_role(TRAINEE, username=username)
        enrolment_create(actor=office, trainee=trainee, course=course)
        with django_capture_on_commit_callbacks(execute=True):
            activity_confirm(trainee=trainee, activity=online_lecture)
    with CaptureQueriesContext(connection) as three:
        page = client.get(url).text

    assert page.count("YH-") == 3
    assert len(three) == len(one)
