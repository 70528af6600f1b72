"""Only the office administrator reaches the planning pages and the mentoring records' admin:
they ask for ``mentoring.plan_mentoring``, which the office's editors and reviewers do not hold."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import Menu

from lms.people.roles import (
    HOST_SECRETARY,
    MENTOR,
    OFFICE_EDITOR,
    OFFICE_REVIEWER,
    TRAINEE,
)
from mentoring.admin_hooks import MENTORING_MENU_HOOK
from mentoring.models import (
    LivelihoodProject,
    MatchingProposal,
    MatchingProposalRow,
    MentorAssignment,
    RotationPlan,
    RotationPlanRow,
    Stage,
)
from tests.factories import BranchFactory, user_with_role

from . import factories as f

pytestmark = pytest.mark.django_db
START = datetime.date(2031, 3, 3)


@pytest.fixture
def records(office, programme, east, west):
    trainee = f.trainee(east)
    mentor, host = f.mentor(west), f.host(west)
    cohort = f.cohort(programme, [trainee])
    proposal = MatchingProposal.objects.create(
        cohort=cohort, starts_on=datetime.date.today(), created_by=office
    )
    match = MatchingProposalRow.objects.create(
        proposal=proposal, trainee=trainee, primary_mentor=mentor
    )
    plan = RotationPlan.objects.create(
        cohort=cohort,
        rotations_each=1,
        starts_on=START,
        ends_on=START + datetime.timedelta(weeks=4, days=-1),
        weeks_per_rotation=4,
        created_by=office,
    )
    planned = RotationPlanRow.objects.create(
        plan=plan,
        trainee=trainee,
        host=host,
        host_community=west,
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
    )
    rubric = f.rubric()
    project = LivelihoodProject.objects.create(
        title="加装电梯", branch=BranchFactory(community=east), lead=trainee, budget=1
    )
    return {
        "cohort": cohort.pk,
        "proposal": proposal.pk,
        "match": match.pk,
        "plan": plan.pk,
        "planned": planned.pk,
        "mentor_profile": mentor.mentor_profile.pk,
        "host_profile": host.host_profile.pk,
        "rubric": rubric.pk,
        "project": project.pk,
        "stage": Stage.objects.order_by("order").first().pk,
        "trainee": trainee,
        "mentor": mentor,
        "host": host,
        "editor": user_with_role(OFFICE_EDITOR),
        "reviewer": user_with_role(OFFICE_REVIEWER),
    }


ROUTES = [
    ("mentoring_planning:cohorts", ()),
    ("mentoring_planning:matching-propose", ("cohort",)),
    ("mentoring_planning:plan-propose", ("cohort",)),
    ("mentoring_planning:matching", ("proposal",)),
    ("mentoring_planning:matching-row", ("proposal", "match")),
    ("mentoring_planning:matching-confirm", ("proposal",)),
    ("mentoring_planning:matching-discard", ("proposal",)),
    ("mentoring_planning:plan", ("plan",)),
    ("mentoring_planning:plan-row", ("plan", "planned")),
    ("mentoring_planning:plan-confirm", ("plan",)),
    ("mentoring_planning:plan-discard", ("plan",)),
    *[
        (f"{viewset}:{view}", args)
        for viewset, pk in (
            ("mentoring_mentors", "mentor_profile"),
            ("mentoring_hosts", "host_profile"),
            ("mentoring_rubrics", "rubric"),
            ("mentoring_projects", "project"),
            ("mentoring_stages", "stage"),
        )
        for view, args in (
            ("index", ()),
            ("add", ()),
            ("edit", (pk,)),
            ("delete", (pk,)),
            ("history", (pk,)),
        )
    ],
    ("mentoring_rubrics:dimensions", ("rubric",)),
]


def _url(records, name, args):
    return reverse(name, args=[records[a] for a in args])


def _nothing_changed(records):
    assert MatchingProposal.objects.get(pk=records["proposal"]).status == "proposed"
    assert RotationPlan.objects.get(pk=records["plan"]).status == "proposed"
    assert not MentorAssignment.objects.exists()


@pytest.mark.parametrize("who", ["trainee", "mentor", "host", "editor", "reviewer"])
@pytest.mark.parametrize(("name", "args"), ROUTES)
def test_everyone_but_the_office_administrator_is_kept_out(client, records, who, name, args):
    client.force_login(records[who])
    url = _url(records, name, args)

    read = client.get(url)
    write = client.post(url, {"objectives": "x", "capacity": 99, "name": "x"})

    assert read.status_code in (302, 403)
    assert write.status_code in (302, 403)
    if read.status_code == 302:
        assert "/admin/login/" in read["Location"] or read["Location"] == reverse(
            "wagtailadmin_home"
        )
    _nothing_changed(records)


@pytest.mark.parametrize(("name", "args"), ROUTES)
def test_someone_with_admin_access_but_no_office_role_is_refused(client, records, name, args):
    # A mentor given the admin (for instance to edit pages) is still not the office.
    mentor = records["mentor"]
    mentor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(mentor)
    url = _url(records, name, args)

    read = client.get(url)
    write = client.post(url, {"objectives": "x", "capacity": 99, "name": "x"})

    assert read.status_code in (302, 403)
    assert write.status_code in (302, 403)
    _nothing_changed(records)


@pytest.mark.parametrize(
    ("name", "args"),
    [(n, a) for n, a in ROUTES if n.endswith(("cohorts", "index", "add", "edit", "dimensions"))]
    + [("mentoring_planning:matching", ("proposal",)), ("mentoring_planning:plan", ("plan",))],
)
def test_the_office_administrator_reads_the_pages(client, records, office, name, args):
    client.force_login(office)

    response = client.get(_url(records, name, args))

    assert response.status_code == 200


def _menu_labels(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {
        str(item.label)
        for item in Menu(register_hook_name=MENTORING_MENU_HOOK).menu_items_for_request(request)
    }


def test_the_menu_shows_planning_and_records_to_the_office_only(office, records):
    office_menu = _menu_labels(office)
    expected = {
        "Mentor matching and rotation plans",
        "Mentors and capacities",
        "Host secretaries and capacities",
        "Evaluation rubrics",
        "Livelihood micro-projects",
        "Progression stages",
    }
    assert expected <= office_menu
    for role in (TRAINEE, MENTOR, HOST_SECRETARY, OFFICE_EDITOR, OFFICE_REVIEWER):
        assert not expected & _menu_labels(user_with_role(role))
