"""A trainee's whole course over HTTP: enrol, sign in with the rotating code, study online,
watch hours and progress move, and download a certificate whose QR address verifies."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.models import Certificate, Enrolment
from courses.signin import code_make, token_make
from lms.people.roles import OFFICE_ADMIN, TRAINEE
from tests.factories import (
    ExchangeSessionPageFactory,
    LecturePageFactory,
    studio_tree,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_today():
    _home, _programme, course = studio_tree()
    course.allow_self_enrolment = True
    course.save_revision().publish()
    now = timezone.now()
    meeting = ExchangeSessionPageFactory(
        parent=course,
        title="开班式",
        starts_at=now - datetime.timedelta(minutes=10),
        ends_at=now + datetime.timedelta(hours=2),
        learning_hours="1.0",
    )
    handbook = LecturePageFactory(parent=course, title="学员手册导读", learning_hours="1.5")
    return course, meeting, handbook


def test_enrol_sign_in_study_and_verify_the_certificate(
    client, course_today, django_capture_on_commit_callbacks
):
    course, meeting, handbook = course_today
    trainee = user_with_role(TRAINEE, display_name="林晓雯")
    client.force_login(trainee)

    client.post(reverse("courses:course-enrol", args=[course.pk]))
    assert Enrolment.objects.filter(trainee=trainee, course_id=course.pk).exists()

    # Staff open the screen on another device; the trainee types the code it shows.
    staff = Client()
    staff.force_login(user_with_role(OFFICE_ADMIN))
    assert staff.get(reverse("courses:signin-screen", args=[meeting.pk])).status_code == 200
    code = code_make(activity_id=meeting.pk, day=timezone.localdate())
    signed_in = client.post(
        reverse("courses:signin-code"), {"activity": meeting.pk, "code": code}, follow=True
    )
    assert signed_in.status_code == 200
    assert client.get(reverse("cms:my-learning")).context["hours"].earned == 1

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("courses:activity-confirm", args=[handbook.pk]))

    home = client.get(reverse("cms:my-learning")).context
    assert home["hours"].earned == 2.5
    assert [c.percent for c in home["courses"]] == [100]
    certificate = Certificate.objects.get(trainee=trainee)
    for fmt in ("png", "pdf"):
        download = client.get(reverse("courses:certificate-download", args=[certificate.pk, fmt]))
        assert download.status_code == 200
    verify = Client().get(
        reverse("courses:certificate-verify", args=[certificate.verification_code])
    )
    assert verify.status_code == 200
    assert certificate.serial in verify.text


def test_scanning_the_rotating_qr_code_signs_in_too(client, course_today):
    course, meeting, _handbook = course_today
    trainee = user_with_role(TRAINEE)
    Enrolment.objects.create(trainee=trainee, course=course)
    client.force_login(trainee)

    token = token_make(activity_id=meeting.pk, day=timezone.localdate())
    response = client.get(reverse("courses:signin-scan", args=[token]))

    assert response.status_code == 200
    assert meeting.pk in {a.activity_id for a in trainee.attendances.all()}
