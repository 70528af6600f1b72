"""The office's mentoring records in the Wagtail admin (capacities, rubrics, micro-projects,
stages), through the HTTP interface: listing, creating and editing go through services."""

import datetime
import html
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.exceptions import NotAllowed
from lms.audit.models import AuditEntry
from lms.people.roles import HOST_SECRETARY, MENTOR
from mentoring.models import (
    Evaluation,
    EvaluationScore,
    HostProfile,
    LivelihoodProject,
    MentorProfile,
    Rubric,
    Stage,
)
from mentoring.services import (
    livelihood_project_update,
    rubric_dimensions_set,
    rubric_update,
    stage_create,
    stage_update,
)
from tests.factories import BranchFactory, user_with_role

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def _messages(response):
    return [html.unescape(str(m)).strip() for m in response.context["messages"]]


# Listings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "viewset",
    [
        "mentoring_mentors",
        "mentoring_hosts",
        "mentoring_rubrics",
        "mentoring_projects",
        "mentoring_stages",
    ],
)
def test_every_listing_and_add_form_opens_for_the_office(office_client, east, viewset):
    f.mentor(east, display_name="东导师"), f.host(east, display_name="东书记"), f.rubric()
    LivelihoodProject.objects.create(
        title="加装电梯", branch=BranchFactory(community=east), lead=f.trainee(east), budget=1
    )

    listing = office_client.get(reverse(f"{viewset}:index"))
    add = office_client.get(reverse(f"{viewset}:add"))

    assert listing.status_code == 200
    assert add.status_code == 200


def test_the_mentor_listing_shows_load_and_capacity_and_filters_by_community(
    office_client, east, west
):
    mentor = f.mentor(east, capacity=3, display_name="东导师")
    f.mentor(west, display_name="西导师")
    f.assignment(f.trainee(west), mentor)

    everyone = office_client.get(reverse("mentoring_mentors:index"))
    east_only = office_client.get(reverse("mentoring_mentors:index"), {"community": east.pk})
    searched = office_client.get(reverse("mentoring_mentors:index"), {"q": "西导"})

    assert [p.load for p in everyone.context["object_list"] if p.user == mentor] == [1]
    assert [str(p.user) for p in east_only.context["object_list"]] == ["东导师"]
    assert [str(p.user) for p in searched.context["object_list"]] == ["西导师"]


# Mentors' and hosts' capacities --------------------------------------------------------------


def test_the_office_makes_a_mentor_available_with_a_capacity(office_client, office, east):
    person = user_with_role(MENTOR, community=east, display_name="新导师")

    response = office_client.post(
        reverse("mentoring_mentors:add"), {"user": person.pk, "capacity": 5, "is_active": "on"}
    )

    assert response.status_code == 302
    profile = MentorProfile.objects.get(user=person)
    assert (profile.capacity, profile.is_active) == (5, True)
    assert AuditEntry.objects.filter(action="mentor_profile.set", actor=office).exists()


def test_only_mentors_without_a_profile_are_offered(office_client, east):
    has_profile = f.mentor(east)
    free = user_with_role(MENTOR, community=east)
    trainee = f.trainee(east)

    form = office_client.get(reverse("mentoring_mentors:add")).context["form"]

    offered = set(form.fields["user"].queryset)
    assert free in offered and has_profile not in offered and trainee not in offered


def test_a_capacity_below_the_current_load_is_a_form_error(office_client, east):
    mentor = f.mentor(east, capacity=3)
    f.assignment(f.trainee(east), mentor), f.assignment(f.trainee(east), mentor)
    profile = mentor.mentor_profile

    response = office_client.post(
        reverse("mentoring_mentors:edit", args=[profile.pk]), {"capacity": 1, "is_active": "on"}
    )

    assert response.status_code == 200
    assert "the capacity cannot be lower" in str(response.context["form"].non_field_errors())
    profile.refresh_from_db()
    assert profile.capacity == 3


def test_the_office_changes_a_hosts_capacity_and_stops_them_taking_trainees(
    office_client, office, east
):
    profile = f.host(east, capacity=2).host_profile

    response = office_client.post(
        reverse("mentoring_hosts:edit", args=[profile.pk]), {"capacity": 4}
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.capacity, profile.is_active) == (4, False)
    assert AuditEntry.objects.filter(action="host_profile.set", actor=office).exists()


def test_the_office_makes_a_host_available(office_client, east):
    person = user_with_role(HOST_SECRETARY, community=east)

    response = office_client.post(
        reverse("mentoring_hosts:add"), {"user": person.pk, "capacity": 3, "is_active": "on"}
    )

    assert response.status_code == 302
    assert HostProfile.objects.get(user=person).capacity == 3


@pytest.mark.parametrize("viewset", ["mentoring_mentors", "mentoring_hosts", "mentoring_stages"])
def test_nothing_is_deleted_through_the_admin(office_client, east, viewset):
    record = {
        "mentoring_mentors": lambda: f.mentor(east).mentor_profile,
        "mentoring_hosts": lambda: f.host(east).host_profile,
        "mentoring_stages": lambda: Stage.objects.order_by("order").first(),
    }[viewset]()

    response = office_client.post(reverse(f"{viewset}:delete", args=[record.pk]))

    assert response.status_code in (302, 403)
    assert type(record).objects.filter(pk=record.pk).exists()


# Rubrics -------------------------------------------------------------------------------------


def test_the_office_creates_a_rubric_then_describes_its_dimensions(office_client, office):
    response = office_client.post(
        reverse("mentoring_rubrics:add"),
        {
            "name": "跟班锻炼评价",
            "description": "",
            "scale_min": 1,
            "scale_max": 5,
            "dimensions": "政治素质\n\n群众工作\n统筹协调\n",
        },
    )

    rubric = Rubric.objects.get(name="跟班锻炼评价")
    assert response.status_code == 302
    assert response["Location"] == reverse("mentoring_rubrics:dimensions", args=[rubric.pk])
    assert list(rubric.dimensions.values_list("name", flat=True)) == [
        "政治素质",
        "群众工作",
        "统筹协调",
    ]

    page = office_client.get(response["Location"])
    assert page.status_code == 200 and "群众工作" in page.text

    first, second, third = rubric.dimensions.order_by("sort_order")
    data = _formset(
        [
            (first.pk, "政治素质", "5分：立场坚定；1分：认识模糊", 2, False),
            (second.pk, "群众工作", "", 3, True),
            (third.pk, "统筹协调", "", 1, False),
            (None, "依法办事", "按规则议事", 4, False),
            (None, "", "", "", False),
        ]
    )
    saved = office_client.post(response["Location"], data, follow=True)

    assert "The dimensions of “跟班锻炼评价” are saved." in _messages(saved)
    dimensions = list(rubric.dimensions.order_by("sort_order"))
    assert [d.name for d in dimensions] == ["统筹协调", "政治素质", "依法办事"]
    assert dimensions[1].descriptor == "5分：立场坚定；1分：认识模糊"
    assert AuditEntry.objects.filter(action="rubric.dimensions", actor=office).exists()


def _formset(rows):
    data = {
        "dimensions-TOTAL_FORMS": len(rows),
        "dimensions-INITIAL_FORMS": sum(1 for r in rows if r[0]),
        "dimensions-MIN_NUM_FORMS": 0,
        "dimensions-MAX_NUM_FORMS": 1000,
    }
    for i, (pk, name, descriptor, order, delete) in enumerate(rows):
        data.update(
            {
                f"dimensions-{i}-id": pk or "",
                f"dimensions-{i}-name": name,
                f"dimensions-{i}-descriptor": descriptor,
                f"dimensions-{i}-ORDER": order,
            }
        )
        if delete:
            data[f"dimensions-{i}-DELETE"] = "on"
    return data


def _scored(rubric, east):
    trainee, mentor = f.trainee(east), f.mentor(east)
    evaluation = Evaluation.objects.create(
        rubric=rubric,
        trainee=trainee,
        evaluator=mentor,
        kind=Evaluation.Kind.MENTOR,
        evaluated_on=datetime.date.today(),
    )
    for dimension in rubric.dimensions.all():
        EvaluationScore.objects.create(evaluation=evaluation, dimension=dimension, score=4)


def test_a_scored_dimension_cannot_be_removed(office_client, east):
    rubric = f.rubric(dimensions=("政治素质", "群众工作"))
    _scored(rubric, east)
    first, second = rubric.dimensions.order_by("sort_order")

    response = office_client.post(
        reverse("mentoring_rubrics:dimensions", args=[rubric.pk]),
        _formset([(first.pk, "政治素质", "", 1, False), (second.pk, "群众工作", "", 2, True)]),
    )

    assert response.status_code == 200
    assert any("cannot be removed" in m for m in _messages(response))
    assert rubric.dimensions.count() == 2


def test_a_used_rubrics_scale_is_fixed_but_it_can_be_retired(office_client, east):
    rubric = f.rubric(name="带教考核")
    _scored(rubric, east)
    edit = reverse("mentoring_rubrics:edit", args=[rubric.pk])

    rescaled = office_client.post(
        edit, {"name": "带教考核", "description": "", "scale_min": 1, "scale_max": 10}
    )
    retired = office_client.post(
        edit, {"name": "带教考核", "description": "", "scale_min": 1, "scale_max": 5}
    )

    assert rescaled.status_code == 200
    assert "can no longer change" in str(rescaled.context["form"].non_field_errors())
    assert retired.status_code == 302
    rubric.refresh_from_db()
    assert (rubric.scale_max, rubric.is_active) == (5, False)


# Livelihood micro-projects -------------------------------------------------------------------


def test_the_office_records_and_completes_a_micro_project(office_client, office, east):
    branch, lead = BranchFactory(community=east), f.trainee(east, display_name="李学员")

    created = office_client.post(
        reverse("mentoring_projects:add"),
        {
            "title": "小区加装电梯",
            "branch": branch.pk,
            "lead": lead.pk,
            "budget": "68000.00",
            "status": LivelihoodProject.Status.PROPOSED,
        },
    )
    project = LivelihoodProject.objects.get(title="小区加装电梯")
    completed = office_client.post(
        reverse("mentoring_projects:edit", args=[project.pk]),
        {
            "title": "小区加装电梯",
            "branch": branch.pk,
            "lead": lead.pk,
            "budget": "70000.00",
            "status": LivelihoodProject.Status.COMPLETED,
        },
    )

    assert created.status_code == 302 and completed.status_code == 302
    project.refresh_from_db()
    assert project.budget == Decimal("70000.00")
    assert project.completed_on == datetime.date.today()
    assert project.created_by == office
    assert AuditEntry.objects.filter(action="project.update", actor=office).exists()
    listing = office_client.get(reverse("mentoring_projects:index"), {"q": "电梯"})
    assert [p.title for p in listing.context["object_list"]] == ["小区加装电梯"]


# Stages --------------------------------------------------------------------------------------


def test_the_office_adds_a_stage_and_renames_it_but_not_its_code(office_client, office):
    last = Stage.objects.order_by("-order").first().order

    created = office_client.post(
        reverse("mentoring_stages:add"),
        {"code": "street_cadre", "name": "街道干部", "order": last + 1},
    )
    stage = Stage.objects.get(code="street_cadre")
    renamed = office_client.post(
        reverse("mentoring_stages:edit", args=[stage.pk]),
        {"code": "changed", "name": "街道后备干部", "order": last + 2},
    )

    assert created.status_code == 302 and renamed.status_code == 302
    stage.refresh_from_db()
    assert (stage.code, stage.name, stage.order) == ("street_cadre", "街道后备干部", last + 2)
    assert AuditEntry.objects.filter(action="stage.update", actor=office).exists()


def test_two_stages_cannot_share_a_place_on_the_ladder(office_client):
    first = Stage.objects.order_by("order").first()

    response = office_client.post(
        reverse("mentoring_stages:add"), {"code": "x", "name": "X", "order": first.order}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["order"]
    assert not Stage.objects.filter(code="x").exists()


# The configuration services themselves -------------------------------------------------------


def test_two_dimensions_can_swap_names(office):
    rubric = f.rubric(dimensions=("甲", "乙"))
    first, second = rubric.dimensions.order_by("sort_order")

    rubric_dimensions_set(
        actor=office, rubric=rubric, dimensions=[(first.pk, "乙", ""), (second.pk, "甲", "")]
    )

    first.refresh_from_db(), second.refresh_from_db()
    assert (first.name, second.name) == ("乙", "甲")


def test_repeated_or_missing_dimension_names_are_refused(office):
    rubric = f.rubric(dimensions=("甲",))
    with pytest.raises(ValidationError, match="repeated: 乙"):
        rubric_dimensions_set(
            actor=office, rubric=rubric, dimensions=[(None, "乙", ""), (None, "乙", "")]
        )
    with pytest.raises(ValidationError, match="at least one dimension"):
        rubric_dimensions_set(actor=office, rubric=rubric, dimensions=[])
    assert list(rubric.dimensions.values_list("name", flat=True)) == ["甲"]


@pytest.mark.parametrize("role", [MENTOR, HOST_SECRETARY])
def test_only_the_office_configures(role, east):
    someone = user_with_role(role, community=east)
    rubric, stage = f.rubric(), Stage.objects.order_by("order").first()
    project = LivelihoodProject.objects.create(
        title="加装电梯", branch=BranchFactory(community=east), lead=f.trainee(east), budget=1
    )
    calls = [
        lambda: rubric_update(actor=someone, rubric=rubric, name="x", scale_min=1, scale_max=5),
        lambda: rubric_dimensions_set(actor=someone, rubric=rubric, dimensions=[(None, "x", "")]),
        lambda: stage_create(actor=someone, code="x", name="x", order=99),
        lambda: stage_update(actor=someone, stage=stage, name="x", order=stage.order),
        lambda: livelihood_project_update(
            actor=someone,
            project=project,
            title="x",
            branch=project.branch,
            lead=project.lead,
            budget=1,
            status=project.status,
        ),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
    assert not AuditEntry.objects.exists()
