"""The public verification page the QR code opens: valid, revoked, unknown."""

import uuid

import pytest
from django.urls import reverse

from courses.models import Certificate
from courses.services import activity_confirm, certificate_revoke, enrolment_create
from lms.people.roles import TRAINEE
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(office, course, online_lecture, django_capture_on_commit_callbacks):
    trainee = user_with_role(TRAINEE, username="zhang", display_name="张晓华")
    enrolment_create(actor=office, trainee=trainee, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        activity_confirm(trainee=trainee, activity=online_lecture)
    return Certificate.objects.get(trainee=trainee)


def _verify(client, code):
    url = reverse("courses:certificate-verify", args=[str(code)])
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en")


def test_anyone_sees_a_valid_certificate_with_the_name_partly_hidden(client, certificate, course):
    response = _verify(client, certificate.verification_code)

    assert response.status_code == 200
    page = response.text
    assert "Valid certificate" in page
    assert "张*华" in page
    assert "张晓华" not in page
    for fact in (course.title, certificate.serial, "<dd>2</dd>", f"{certificate.issued_at:%Y}"):
        assert fact in page
    assert 'name="robots" content="noindex' in page


def test_a_revoked_certificate_says_so_and_when_but_not_why(client, office, certificate):
    certificate_revoke(actor=office, certificate=certificate, reason="学时记录有误,需重新核定")

    response = _verify(client, certificate.verification_code)

    assert response.status_code == 200
    page = response.text
    assert "Revoked certificate" in page
    assert "was revoked on" in page
    assert "学时记录有误" not in page
    assert "Valid certificate" not in page


@pytest.mark.parametrize("code", [uuid.uuid4(), "not-a-code", "0" * 32])
def test_an_unknown_code_is_a_404_that_says_so(client, certificate, code):
    response = _verify(client, code)

    assert response.status_code == 404
    assert "No certificate has this verification code" in response.text


def test_the_verification_page_reads_one_row(client, certificate, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert _verify(client, certificate.verification_code).status_code == 200
