"""Role × record × route for the learning engine: nobody reaches another trainee's progress,
attendance, work or certificates through a page, a download or an admin route."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from courses.models import Enrolment
from courses.services import (
    activity_attendance_record,
    certificate_issue,
    enrolment_create,
    submission_save,
    submission_start,
    submission_submit,
)
from lms.people.roles import HOST_SECRETARY, MENTOR, OFFICE_ADMIN, TRAINEE
from tests.factories import (
    ExchangeSessionPageFactory,
    StudyTourPageFactory,
    studio_tree,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def records():
    """Trainee B's records of every kind; the tests try to reach them as someone else."""
    _home, _programme, course = studio_tree()
    office = user_with_role(OFFICE_ADMIN)
    owner = user_with_role(TRAINEE, username="owner")
    session = ExchangeSessionPageFactory(parent=course)
    tour = StudyTourPageFactory(parent=course)
    enrolment = enrolment_create(actor=office, trainee=owner, course=course)
    activity_attendance_record(trainee=owner, activity=session, actor=office, how="manual")
    submission_start(actor=owner, activity=tour)
    submission = submission_save(
        actor=owner, activity=tour, body="<p>杭州见闻</p>", new_photos=[_jpeg()]
    )
    submission = submission_submit(actor=owner, submission=submission)
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.completed_at = timezone.now()
    enrolment.save()
    certificate = certificate_issue(enrolment=enrolment)
    photo = submission.photos.get()
    return {
        "owner": owner,
        "course": course,
        "session": session,
        "enrolment": enrolment,
        "submission": submission,
        "photo": photo,
        "certificate": certificate,
    }


ROUTES = {
    "submission edit": lambda r: reverse("courses:submission-edit", args=[r["submission"].pk]),
    "submission photo": lambda r: reverse(
        "courses:submission-photo", args=[r["submission"].pk, r["photo"].pk]
    ),
    "submission review": lambda r: reverse("courses:submission-review", args=[r["submission"].pk]),
    "certificate png": lambda r: reverse(
        "courses:certificate-download", args=[r["certificate"].pk, "png"]
    ),
    "certificate pdf": lambda r: reverse(
        "courses:certificate-download", args=[r["certificate"].pk, "pdf"]
    ),
    "certificate revoke": lambda r: reverse(
        "courses:certificate-revoke", args=[r["certificate"].pk]
    ),
    "sign-in screen": lambda r: reverse("courses:signin-screen", args=[r["session"].pk]),
    "sign-in state": lambda r: reverse("courses:signin-screen-state", args=[r["session"].pk]),
    "office course roster": lambda r: reverse("courses_office:course", args=[r["course"].pk]),
    "office withdraw": lambda r: reverse("courses_office:withdraw", args=[r["enrolment"].pk]),
    "office hours export": lambda r: (
        reverse("courses_office:hours-export") + "?export-start=2020-01-01&export-end=2030-12-31"
    ),
    "admin cohorts": lambda r: reverse("training_cohorts:index"),
    "admin person": lambda r: reverse("wagtailusers_users:edit", args=[r["owner"].pk]),
    "django admin": lambda r: "/django-admin/",
}


@pytest.mark.parametrize("role", [TRAINEE, MENTOR, HOST_SECRETARY], ids=lambda r: r.code)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_nobody_but_the_owner_and_the_office_reaches_a_trainees_records(
    client, records, role, route
):
    client.force_login(user_with_role(role))

    response = client.get(ROUTES[route](records))

    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert "/login/" in response["Location"] or response["Location"] == "/admin/"
    assert b"%PDF" not in response.content[:8]
    assert "杭州见闻" not in response.content.decode(errors="ignore")


@pytest.mark.parametrize(
    "route", ["submission edit", "submission photo", "certificate png", "certificate pdf"]
)
def test_the_owner_reaches_their_own_records(client, records, route):
    client.force_login(records["owner"])
    assert client.get(ROUTES[route](records)).status_code == 200


def test_my_learning_shows_only_the_visitors_own_hours_and_work(client, records):
    client.force_login(user_with_role(TRAINEE))

    context = client.get(reverse("cms:my-learning")).context

    assert context["hours"].earned == 0
    assert context["courses"] == []
    assert context["waiting"] == []
