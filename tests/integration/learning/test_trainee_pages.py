"""The trainee's view of the engine: course page progress, activity status, my learning."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import ActivityProgress, Enrolment
from courses.services import activity_confirm, enrolment_create
from lms.people.roles import OFFICE_ADMIN, TRAINEE
from tests.factories import (
    ExchangeSessionPageFactory,
    LecturePageFactory,
    studio_tree,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    _home, _programme, course = studio_tree()
    office = user_with_role(OFFICE_ADMIN)
    trainee = user_with_role(TRAINEE)
    return course, office, trainee


def test_a_trainee_enrols_themselves_from_the_course_page(client, setup):
    course, _office, trainee = setup
    course.allow_self_enrolment = True
    course.save_revision().publish()
    client.force_login(trainee)

    before = client.get(course.url)
    response = client.post(reverse("courses:course-enrol", args=[course.pk]), follow=True)

    assert "Enrol in this course" in before.text or "报名" in before.text
    assert Enrolment.objects.filter(trainee=trainee, course_id=course.pk).exists()
    assert response.status_code == 200


def test_a_course_without_self_enrolment_explains_why(client, setup):
    course, _office, trainee = setup
    client.force_login(trainee)

    page = client.get(course.url)
    refused = client.post(reverse("courses:course-enrol", args=[course.pk]), follow=True)

    assert page.context["enrol_refusal"]
    assert refused.status_code == 200
    assert not Enrolment.objects.exists()


def test_confirming_a_lecture_from_its_page_completes_it(client, setup):
    course, office, trainee = setup
    lecture = LecturePageFactory(parent=course)
    enrolment_create(actor=office, trainee=trainee, course=course)
    client.force_login(trainee)

    client.get(lecture.url)
    assert ActivityProgress.objects.get(trainee=trainee).viewed_at
    client.post(reverse("courses:activity-confirm", args=[lecture.pk]))

    assert ActivityProgress.objects.get(trainee=trainee).completed_at
    course_page = client.get(course.url)
    assert course_page.context["percent"] == 100


def test_attendance_activities_cannot_be_confirmed(client, setup):
    course, office, trainee = setup
    session = ExchangeSessionPageFactory(parent=course)
    enrolment_create(actor=office, trainee=trainee, course=course)
    client.force_login(trainee)

    response = client.post(reverse("courses:activity-confirm", args=[session.pk]))

    assert response.status_code == 404
    assert not ActivityProgress.objects.filter(completed_at__isnull=False).exists()


def test_my_learning_shows_courses_hours_and_sessions(client, setup):
    course, office, trainee = setup
    lecture = LecturePageFactory(parent=course, learning_hours="2.0")
    ExchangeSessionPageFactory(
        parent=course, title="三方协调会交流", starts_at=timezone.now() + datetime.timedelta(days=2)
    )
    enrolment_create(actor=office, trainee=trainee, course=course)
    activity_confirm(trainee=trainee, activity=lecture)
    client.force_login(trainee)

    response = client.get(reverse("cms:my-learning"))

    assert response.status_code == 200
    assert response.context["hours"].earned == 2
    assert [c.percent for c in response.context["courses"]] == [50]
    assert [s.activity.title for s in response.context["upcoming"]] == ["三方协调会交流"]


def test_my_learning_needs_a_login(client):
    response = client.get(reverse("cms:my-learning"))
    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]


def _queries_to_render(client, route, n_activities):
    """Build a course with n lectures and n/2 sessions, a trainee part-way through, and count
    the queries of a second request (the first warms per-process caches)."""
    _home, _programme, course = studio_tree()
    office = user_with_role(OFFICE_ADMIN)
    trainee = user_with_role(TRAINEE)
    enrolment_create(actor=office, trainee=trainee, course=course)
    for i in range(n_activities):
        lecture = LecturePageFactory(parent=course, title=f"讲座{i}", slug=f"lecture-{i}")
        if i % 2:
            ExchangeSessionPageFactory(parent=course, title=f"交流{i}", slug=f"session-{i}")
        if i < n_activities // 2:
            activity_confirm(trainee=trainee, activity=lecture)
    client.force_login(trainee)
    url = course.url if route == "course" else reverse("cms:my-learning")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("route", ["course", "my-learning"])
def test_the_course_page_and_my_learning_run_a_fixed_number_of_queries(client, route):
    few = _queries_to_render(client, route, 2)
    many = _queries_to_render(client, route, 40)

    assert few == many


def test_a_finished_run_cannot_be_reported_by_hand(client, setup):
    """Runs are recorded choice by choice on the server; there is no "I finished" endpoint."""
    course, office, trainee = setup
    enrolment_create(actor=office, trainee=trainee, course=course)
    client.force_login(trainee)

    response = client.post(f"/learn/activities/{course.pk}/run-finished/")

    assert response.status_code == 404


def test_attendance_pages_offer_the_code_to_trainees_and_the_screen_to_the_office(client, setup):
    course, office, trainee = setup
    session = ExchangeSessionPageFactory(parent=course)
    enrolment_create(actor=office, trainee=trainee, course=course)
    screen = reverse("courses:signin-screen", args=[session.pk])

    client.force_login(trainee)
    as_trainee = client.get(session.url).text
    client.force_login(office)
    as_office = client.get(session.url).text

    assert f"{reverse('courses:signin-code')}?activity={session.pk}" in as_trainee
    assert screen not in as_trainee
    assert screen in as_office


def test_office_staff_enrolling_themselves_follow_the_trainees_rules(client, setup):
    course, office, _trainee = setup
    client.force_login(office)

    client.post(reverse("courses:course-enrol", args=[course.pk]), follow=True)

    assert not Enrolment.objects.filter(trainee=office).exists()


def test_a_mentor_trying_to_enrol_gets_a_message_not_an_error_page(client, setup):
    from lms.people.roles import MENTOR

    course, _office, _trainee = setup
    course.allow_self_enrolment = True
    course.save_revision().publish()
    client.force_login(user_with_role(MENTOR))

    response = client.post(reverse("courses:course-enrol", args=[course.pk]), follow=True)

    assert response.status_code == 200
    assert not Enrolment.objects.exists()
