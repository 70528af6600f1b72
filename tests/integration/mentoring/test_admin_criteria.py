"""The office configures promotion criteria in the Wagtail admin: one list of every kind, "Add"
asks which kind and then opens that kind's form; saves go through ``criterion_save``."""

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from lms.audit.models import AuditEntry
from lms.people.roles import HOST_SECRETARY, MENTOR, TRAINEE
from mentoring.models import Criterion, LearningHoursCriterion
from mentoring.selectors import readiness_for
from mentoring.services import criterion_save
from tests.factories import user_with_role

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


@pytest.fixture
def reserve(db):
    return f.stage("reserve_cadre")


def _step_descriptions(trainee):
    return [r.criterion.describe() for r in readiness_for(trainee).results]


def test_the_office_adds_hours_and_courses_criteria_that_the_readiness_then_asks_for(
    office_client, office, east, reserve, course
):
    trainee = f.trainee(east)

    choose = office_client.get(reverse("mentoring_criteria:add"))
    hours = office_client.post(
        reverse("mentoring_criteria_hours:add"),
        {"to_stage": reserve.pk, "hours": "12.5", "within_days": 180, "sort_order": 1},
    )
    courses = office_client.post(
        reverse("mentoring_criteria_courses:add"),
        {"to_stage": reserve.pk, "courses": [course.pk], "sort_order": 2},
    )

    assert choose.status_code == 200
    page = choose.content.decode()
    assert reverse("mentoring_criteria_hours:add") in page
    assert reverse("mentoring_criteria_courses:add") in page
    assert hours.status_code == 302 and hours.url == reverse("mentoring_criteria:index")
    assert courses.status_code == 302
    assert _step_descriptions(trainee) == [
        "At least 12.5 learning hours in the last 180 days: this step's own requirement, "
        "separate from the annual hours target",
        f"Complete the courses: {course.title}",
    ]
    assert AuditEntry.objects.filter(action="criterion.create", actor=office).count() == 2

    listing = office_client.get(reverse("mentoring_criteria:index"))
    text = html.unescape(listing.content.decode())
    assert listing.status_code == 200
    assert "Learning hours in a period" in text and "Courses completed" in text
    assert f"Complete the courses: {course.title}" in text
    assert reserve.name in text
    hours_criterion = LearningHoursCriterion.objects.get()
    assert reverse("mentoring_criteria_hours:edit", args=[hours_criterion.pk]) in text


def test_the_office_edits_and_deletes_a_criterion_through_its_kind(office_client, reserve):
    criterion = LearningHoursCriterion.objects.create(to_stage=reserve, hours=Decimal("10"))

    redirected = office_client.get(reverse("mentoring_criteria:edit", args=[criterion.pk]))
    edit = office_client.post(
        reverse("mentoring_criteria_hours:edit", args=[criterion.pk]),
        {"to_stage": reserve.pk, "hours": "20", "within_days": 365, "sort_order": 0},
    )
    criterion.refresh_from_db()
    deleted = office_client.post(reverse("mentoring_criteria_hours:delete", args=[criterion.pk]))

    assert redirected.url == reverse("mentoring_criteria_hours:edit", args=[criterion.pk])
    assert edit.status_code == 302 and criterion.hours == Decimal("20")
    assert deleted.status_code == 302 and not Criterion.objects.exists()
    assert AuditEntry.objects.filter(action="criterion.delete").exists()


@pytest.mark.parametrize("hours", ["-5", "0"])
def test_hours_not_above_zero_are_a_form_error_and_nothing_is_saved(office_client, reserve, hours):
    response = office_client.post(
        reverse("mentoring_criteria_hours:add"),
        {"to_stage": reserve.pk, "hours": hours, "within_days": 30, "sort_order": 0},
    )

    assert response.status_code == 200
    assert "hours" in response.context["form"].errors
    assert not Criterion.objects.exists()


def test_a_courses_criterion_without_courses_or_for_the_first_stage_is_refused(office_client):
    response = office_client.post(
        reverse("mentoring_criteria_courses:add"),
        {"to_stage": f.stage("trainee").pk, "sort_order": 0},
    )

    errors = response.context["form"].errors
    assert response.status_code == 200
    assert "courses" in errors and "to_stage" in errors
    assert not Criterion.objects.exists()


def test_the_service_refuses_what_the_form_would(office, reserve):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refusal:
        criterion_save(
            actor=office, instance=LearningHoursCriterion(to_stage=reserve, hours=Decimal("-1"))
        )

    assert "hours" in refusal.value.error_dict
    assert not Criterion.objects.exists()


@pytest.mark.parametrize("role", [TRAINEE, MENTOR, HOST_SECRETARY])
def test_other_roles_are_refused_everywhere(client, roles, east, reserve, role):
    criterion = LearningHoursCriterion.objects.create(to_stage=reserve, hours=Decimal("10"))
    client.force_login(user_with_role(role, community=east))

    urls = [
        reverse("mentoring_criteria:index"),
        reverse("mentoring_criteria:add"),
        reverse("mentoring_criteria_hours:add"),
        reverse("mentoring_criteria_hours:edit", args=[criterion.pk]),
        reverse("mentoring_criteria_hours:delete", args=[criterion.pk]),
    ]
    statuses = {url: client.get(url).status_code for url in urls}
    posted = client.post(
        reverse("mentoring_criteria_hours:add"),
        {"to_stage": reserve.pk, "hours": "5", "within_days": 30, "sort_order": 0},
    )

    assert all(status in (302, 403) for status in statuses.values()), statuses
    assert posted.status_code in (302, 403)
    assert list(Criterion.objects.all()) == [criterion]


@pytest.mark.parametrize("role", [TRAINEE, MENTOR])
def test_the_service_refuses_other_roles(roles, east, reserve, role):
    from mentoring.exceptions import NotAllowed

    with pytest.raises(NotAllowed):
        criterion_save(
            actor=user_with_role(role, community=east),
            instance=LearningHoursCriterion(to_stage=reserve, hours=Decimal("5")),
        )


@pytest.mark.parametrize(
    "kind", ["courses", "hours", "rotations", "evaluation", "signoff", "quiz", "project", "stars"]
)
def test_every_kind_has_an_add_form(office_client, tree, kind):
    f.rubric()

    response = office_client.get(reverse(f"mentoring_criteria_{kind}:add"))

    assert response.status_code == 200
