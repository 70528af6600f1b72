"""Mentor matching and rotation plans in the office's admin, through the HTTP interface."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.audit.models import AuditEntry
from mentoring.models import (
    MatchingProposal,
    MentorAssignment,
    Rotation,
    RotationPlan,
)

from . import factories as f

pytestmark = pytest.mark.django_db

START = datetime.date(2031, 3, 3)
END = START + datetime.timedelta(weeks=8, days=-1)


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def _messages(response):
    """Wagtail's admin messages, as the office reads them (unescaped, without trailing space)."""
    return [html.unescape(str(m)).strip() for m in response.context["messages"]]


def _propose_matching(client, cohort, **data):
    return client.post(
        reverse("mentoring_planning:matching-propose", args=[cohort.pk]),
        {"starts_on": datetime.date.today().isoformat(), "include_cross": "on", **data},
    )


# Cohorts -------------------------------------------------------------------------------------


def test_the_cohort_list_offers_matching_and_rotation_plans(office_client, programme):
    cohort = f.cohort(programme, [f.trainee(f.community())], name="第三小班")

    response = office_client.get(reverse("mentoring_planning:cohorts"))

    assert response.status_code == 200
    assert "第三小班" in response.text
    assert reverse("mentoring_planning:matching-propose", args=[cohort.pk]) in response.text
    assert reverse("mentoring_planning:plan-propose", args=[cohort.pk]) in response.text


# Matching ------------------------------------------------------------------------------------


@pytest.fixture
def matching_setting(programme, east, west, north):
    trainees = [
        f.trainee(east, display_name="东一"),
        f.trainee(east, display_name="东二"),
        f.trainee(west, display_name="西一"),
    ]
    mentors = {
        "east": f.mentor(east, capacity=3, display_name="东导师"),
        "west": f.mentor(west, capacity=3, display_name="西导师"),
        "north": f.mentor(north, capacity=3, display_name="北导师"),
    }
    return f.cohort(programme, trainees), trainees, mentors


def test_the_office_proposes_changes_and_confirms_a_matching(
    office_client, office, matching_setting
):
    cohort, trainees, mentors = matching_setting

    # Given a proposal asked for from the cohort list (one click: today, with cross mentors)
    response = _propose_matching(office_client, cohort)
    proposal = MatchingProposal.objects.get(cohort=cohort)
    assert response.status_code == 302
    assert response["Location"] == reverse("mentoring_planning:matching", args=[proposal.pk])
    assert not MentorAssignment.objects.exists()

    # it is reviewed: every trainee, the proposed mentors, each mentor's load against capacity
    review = office_client.get(response["Location"])
    assert review.status_code == 200
    for name in ("东一", "东二", "西一", "东导师", "西导师", "北导师"):
        assert name in review.text
    assert len(review.context["lines"]) == 3
    assert sum(m.proposed for m in review.context["mentors"]) == 6

    # when the office changes one trainee's cross mentor to another mentor who fits,
    row = proposal.rows.get(trainee=trainees[2])
    other = next(
        m
        for m in (mentors["east"], mentors["north"])
        if m.pk not in (row.primary_mentor_id, row.cross_mentor_id)
    )
    changed = office_client.post(
        reverse("mentoring_planning:matching-row", args=[proposal.pk, row.pk]),
        {
            f"row-{row.pk}-primary_mentor": row.primary_mentor_id,
            f"row-{row.pk}-cross_mentor": other.pk,
        },
        follow=True,
    )
    assert "The mentors of 西一 are changed." in _messages(changed)
    row.refresh_from_db()
    assert row.cross_mentor == other and row.changed_by == office

    # and confirms, then the assignments exist as reviewed
    confirmed = office_client.post(
        reverse("mentoring_planning:matching-confirm", args=[proposal.pk]), follow=True
    )

    assert any("6 mentor assignments are made" in m for m in _messages(confirmed))
    proposal.refresh_from_db()
    assert proposal.status == MatchingProposal.Status.CONFIRMED
    assignments = MentorAssignment.objects.filter(proposal=proposal)
    assert assignments.count() == 6
    assert assignments.get(trainee=trainees[2], kind=MentorAssignment.Kind.CROSS).mentor == other
    for trainee in trainees:
        cross = assignments.get(trainee=trainee, kind=MentorAssignment.Kind.CROSS)
        assert cross.mentor.community_id != trainee.community_id
    assert "Confirm and assign" not in confirmed.text  # a decided proposal is read-only


def _load_table(response):
    """Each mentor's (load, proposed, total, over) as the mentors' table shows them."""
    return {str(m.user): (m.load, m.proposed, m.total, m.over) for m in response.context["mentors"]}


def test_a_confirmed_matching_counts_each_assignment_once(office_client, programme, east, west):
    # Given mentors each at their capacity once the matching is made
    trainee = f.trainee(east, display_name="东一")
    f.assignment(f.trainee(east), f.mentor(east, capacity=2, display_name="东导师"))
    f.mentor(west, capacity=1, display_name="西导师")
    cohort = f.cohort(programme, [trainee])
    _propose_matching(office_client, cohort)
    proposal = MatchingProposal.objects.get(cohort=cohort)
    url = reverse("mentoring_planning:matching", args=[proposal.pk])

    # while proposed, the table adds the proposal's places to the current trainees
    before = office_client.get(url)
    assert _load_table(before) == {"东导师": (1, 1, 2, False), "西导师": (0, 1, 1, False)}
    assert "In this proposal" in before.text

    # once confirmed, the assignments are the mentors' trainees, counted once
    office_client.post(reverse("mentoring_planning:matching-confirm", args=[proposal.pk]))
    after = office_client.get(url)

    assert MentorAssignment.objects.filter(proposal=proposal).count() == 2
    assert _load_table(after) == {"东导师": (2, 0, 2, False), "西导师": (1, 0, 1, False)}
    assert "over capacity" not in after.text and "In this proposal" not in after.text
    assert "Number of trainees" in after.text


def test_the_load_counts_places_held_from_the_matchings_start(office_client, programme, east, west):
    # Given a mentor whose one place is already taken by an assignment starting next month
    mentor = f.mentor(west, capacity=2, display_name="西导师")
    later = datetime.date.today() + datetime.timedelta(days=30)
    f.assignment(f.trainee(west), mentor, starts_on=later)
    cohort = f.cohort(programme, [f.trainee(east)])

    # when a matching starting after that is proposed,
    starts_on = later + datetime.timedelta(days=1)
    _propose_matching(office_client, cohort, starts_on=starts_on, include_cross="")
    proposal = MatchingProposal.objects.get(cohort=cohort)
    page = office_client.get(reverse("mentoring_planning:matching", args=[proposal.pk]))

    # the table counts that place, as the capacity rule does
    assert _load_table(page)["西导师"][0] == 1


def test_a_change_the_service_refuses_is_shown_as_a_message(office_client, programme, east, west):
    trainees = [f.trainee(east, display_name=f"东{i}") for i in range(2)]
    f.mentor(east, capacity=2), f.mentor(west, capacity=2)
    cohort = f.cohort(programme, trainees)
    _propose_matching(office_client, cohort, include_cross="")
    proposal = MatchingProposal.objects.get(cohort=cohort)
    rows = list(proposal.rows.all())
    # A mentor with one place joins; the first trainee takes it, the second cannot.
    full = f.mentor(west, capacity=1, display_name="满员导师")
    office_client.post(
        reverse("mentoring_planning:matching-row", args=[proposal.pk, rows[0].pk]),
        {f"row-{rows[0].pk}-primary_mentor": full.pk},
    )

    response = office_client.post(
        reverse("mentoring_planning:matching-row", args=[proposal.pk, rows[1].pk]),
        {f"row-{rows[1].pk}-primary_mentor": full.pk},
        follow=True,
    )

    assert any("满员导师 would have more than 1 trainees" in m for m in _messages(response))
    rows[1].refresh_from_db()
    assert rows[1].primary_mentor != full


def test_a_cross_mentor_from_the_trainees_community_is_not_offered(office_client, matching_setting):
    cohort, trainees, mentors = matching_setting
    _propose_matching(office_client, cohort)
    proposal = MatchingProposal.objects.get(cohort=cohort)
    row = proposal.rows.get(trainee=trainees[0])

    response = office_client.post(
        reverse("mentoring_planning:matching-row", args=[proposal.pk, row.pk]),
        {f"row-{row.pk}-cross_mentor": mentors["east"].pk},
        follow=True,
    )

    assert any("choose among the mentors offered" in m for m in _messages(response))
    row.refresh_from_db()
    assert row.cross_mentor != mentors["east"]


def test_a_trainee_who_has_a_primary_mentor_keeps_them(office_client, matching_setting):
    cohort, trainees, mentors = matching_setting
    f.assignment(trainees[0], mentors["east"])
    _propose_matching(office_client, cohort)
    proposal = MatchingProposal.objects.get(cohort=cohort)
    row = proposal.rows.get(trainee=trainees[0])
    assert row.primary_mentor is None and row.cross_mentor is not None

    review = office_client.get(reverse("mentoring_planning:matching", args=[proposal.pk]))
    line = next(line for line in review.context["lines"] if line["row"] == row)
    assert line["form"].fields["primary_mentor"].choices == [("", "keeps the current mentor")]
    assert mentors["east"].pk not in dict(line["form"].fields["cross_mentor"].choices)
    response = office_client.post(
        reverse("mentoring_planning:matching-row", args=[proposal.pk, row.pk]),
        {f"row-{row.pk}-primary_mentor": mentors["west"].pk},
        follow=True,
    )

    assert any("choose among the mentors offered" in m for m in _messages(response))
    row.refresh_from_db()
    assert row.primary_mentor is None


def test_an_infeasible_matching_names_the_cross_rule(office_client, programme, east):
    trainees = [f.trainee(east, display_name="东一"), f.trainee(east, display_name="东二")]
    f.mentor(east, capacity=5), f.mentor(east, capacity=5)
    cohort = f.cohort(programme, trainees)

    response = _propose_matching(office_client, cohort)

    assert response.status_code == 200
    assert "No matching fits" in response.text
    assert response.context["binding"] == [
        "Cross-mentoring rule: a cross mentor from another community"
    ]
    assert "No mentor from a community other than 东社区" in response.text
    assert not MatchingProposal.objects.exists()


def test_an_infeasible_matching_names_the_mentors_capacity(office_client, programme, east):
    trainees = [f.trainee(east, display_name=f"东{i}") for i in range(3)]
    f.mentor(east, capacity=1, display_name="唯一导师")
    cohort = f.cohort(programme, trainees)

    response = _propose_matching(office_client, cohort, include_cross="")

    assert response.status_code == 200
    assert response.context["binding"] == ["Mentors' capacity"]
    assert "唯一导师 (capacity 1)" in response.text
    assert not MatchingProposal.objects.exists()


def test_the_propose_page_offers_the_options(office_client, matching_setting):
    cohort, _trainees, _mentors = matching_setting

    response = office_client.get(reverse("mentoring_planning:matching-propose", args=[cohort.pk]))

    assert response.status_code == 200
    assert 'name="include_cross"' in response.text and 'name="starts_on"' in response.text


def test_an_empty_cohort_is_not_matched(office_client, programme):
    cohort = f.cohort(programme, [])

    response = _propose_matching(office_client, cohort)

    assert "This cohort has no trainees yet." in _messages(response)
    assert not MatchingProposal.objects.exists()


def test_a_discarded_matching_assigns_nobody(office_client, matching_setting):
    cohort, _trainees, _mentors = matching_setting
    _propose_matching(office_client, cohort)
    proposal = MatchingProposal.objects.get(cohort=cohort)

    response = office_client.post(
        reverse("mentoring_planning:matching-discard", args=[proposal.pk])
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == MatchingProposal.Status.DISCARDED
    assert not MentorAssignment.objects.exists()
    again = office_client.post(
        reverse("mentoring_planning:matching-confirm", args=[proposal.pk]), follow=True
    )
    assert any("can no longer change" in m for m in _messages(again))


# Rotation plans ------------------------------------------------------------------------------


@pytest.fixture
def rotation_setting(programme, east, west, north):
    trainees = [f.trainee(c) for c in (east, east, west, west, north, north)]
    hosts = {c.name: f.host(c, capacity=2) for c in (east, west, north)}
    return f.cohort(programme, trainees), trainees, hosts


def _propose_plan(client, cohort, *, k=2, start=START, end=END, weeks=4):
    return client.post(
        reverse("mentoring_planning:plan-propose", args=[cohort.pk]),
        {
            "k": k,
            "starts_on": start.isoformat(),
            "ends_on": end.isoformat(),
            "weeks_per_rotation": weeks,
        },
    )


def test_the_office_proposes_changes_and_confirms_a_rotation_plan(
    office_client, office, rotation_setting, east
):
    cohort, _trainees, _hosts = rotation_setting
    form = office_client.get(reverse("mentoring_planning:plan-propose", args=[cohort.pk]))
    assert form.status_code == 200 and 'name="weeks_per_rotation"' in form.text

    response = _propose_plan(office_client, cohort)

    plan = RotationPlan.objects.get(cohort=cohort)
    assert response.status_code == 302
    assert response["Location"] == reverse("mentoring_planning:plan", args=[plan.pk])
    review = office_client.get(response["Location"])
    assert review.status_code == 200
    assert len(review.context["trainees"]) == 6
    assert sum(len(t["lines"]) for t in review.context["trainees"]) == 12
    assert "2031-03-03" in review.text

    # Move one east trainee's rotation to a spare host in the same host community.
    row = plan.rows.select_related("trainee").filter(trainee__community=east).first()
    spare = f.host(row.host_community, capacity=5, display_name="备用书记")
    changed = office_client.post(
        reverse("mentoring_planning:plan-row", args=[plan.pk, row.pk]),
        {f"row-{row.pk}-host": spare.pk},
        follow=True,
    )
    assert any("now goes to 备用书记" in m for m in _messages(changed))
    row.refresh_from_db()
    assert row.host == spare

    confirmed = office_client.post(
        reverse("mentoring_planning:plan-confirm", args=[plan.pk]),
        {"objectives": "熟悉兄弟社区的小区治理"},
        follow=True,
    )

    assert any("12 rotations are scheduled" in m for m in _messages(confirmed))
    plan.refresh_from_db()
    assert plan.status == RotationPlan.Status.CONFIRMED
    rotations = Rotation.objects.filter(plan=plan)
    assert rotations.count() == 12
    assert rotations.filter(host=spare, trainee=row.trainee, starts_on=row.starts_on).exists()
    assert AuditEntry.objects.filter(action="rotation_plan.confirm", actor=office).exists()


def test_a_plan_is_not_confirmed_without_objectives(office_client, rotation_setting):
    cohort, _trainees, _hosts = rotation_setting
    _propose_plan(office_client, cohort)
    plan = RotationPlan.objects.get(cohort=cohort)

    response = office_client.post(
        reverse("mentoring_planning:plan-confirm", args=[plan.pk]), {"objectives": ""}
    )

    assert response.status_code == 200
    assert "State the rotations' objectives to confirm the plan." in _messages(response)
    assert not Rotation.objects.exists()


def test_a_host_in_the_trainees_own_community_is_refused(office_client, rotation_setting, east):
    cohort, _trainees, hosts = rotation_setting
    _propose_plan(office_client, cohort)
    plan = RotationPlan.objects.get(cohort=cohort)
    row = plan.rows.filter(trainee__community=east).first()

    response = office_client.post(
        reverse("mentoring_planning:plan-row", args=[plan.pk, row.pk]),
        {f"row-{row.pk}-host": hosts["东社区"].pk},
        follow=True,
    )

    assert any("choose among the host secretaries offered" in m for m in _messages(response))
    row.refresh_from_db()
    assert row.host != hosts["东社区"]


def test_a_change_over_a_hosts_capacity_is_refused_with_the_reason(
    office_client, programme, east, west, north
):
    trainees = [f.trainee(east, display_name=f"东{i}") for i in range(2)]
    f.host(north, capacity=2), f.host(f.community("南社区"), capacity=2)
    cohort = f.cohort(programme, trainees)
    _propose_plan(office_client, cohort, k=1, end=START + datetime.timedelta(weeks=4, days=-1))
    plan = RotationPlan.objects.get(cohort=cohort)
    rows = list(plan.rows.all())
    small = f.host(west, capacity=1, display_name="西书记")
    for row in rows:  # the first move fills 西书记, the second finds the host full
        response = office_client.post(
            reverse("mentoring_planning:plan-row", args=[plan.pk, row.pk]),
            {f"row-{row.pk}-host": small.pk},
            follow=True,
        )

    assert any("西书记 takes at most 1 trainees at a time" in m for m in _messages(response))
    assert plan.rows.filter(host=small).count() == 1


def test_too_short_a_period_is_named_as_the_binding_constraint(office_client, rotation_setting):
    cohort, _trainees, _hosts = rotation_setting

    response = _propose_plan(office_client, cohort, k=3)

    assert response.status_code == 200
    assert "No rotation plan fits" in response.text
    assert response.context["binding"] == ["Length of the period"]
    assert "only 2 rotations of 4 weeks" in response.text
    assert not RotationPlan.objects.exists()


def test_hosts_capacity_is_named_when_it_binds(office_client, programme, east, west, north):
    trainees = [f.trainee(east, display_name=f"东{i}") for i in range(3)]
    f.host(west, capacity=1), f.host(north, capacity=1)
    cohort = f.cohort(programme, trainees)

    response = _propose_plan(office_client, cohort)

    assert response.status_code == 200
    assert response.context["binding"] == ["Host secretaries' capacity"]
    assert not RotationPlan.objects.exists()


def test_a_period_ending_before_it_starts_is_a_form_error(office_client, rotation_setting):
    cohort, _trainees, _hosts = rotation_setting

    response = _propose_plan(office_client, cohort, start=END, end=START)

    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"]
    assert not RotationPlan.objects.exists()


def test_a_discarded_plan_schedules_nothing(office_client, rotation_setting):
    cohort, _trainees, _hosts = rotation_setting
    _propose_plan(office_client, cohort)
    plan = RotationPlan.objects.get(cohort=cohort)

    response = office_client.post(reverse("mentoring_planning:plan-discard", args=[plan.pk]))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == RotationPlan.Status.DISCARDED
    assert not Rotation.objects.exists()


# Query counts --------------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["matching", "plan"])
def test_the_review_pages_cost_the_same_for_two_trainees_or_eight(
    office_client, programme, east, west, north, page
):
    for c in (east, west, north):
        f.mentor(c, capacity=10), f.host(c, capacity=8)

    def review_url(size):
        trainees = [f.trainee((east, west)[i % 2]) for i in range(size)]
        cohort = f.cohort(programme, trainees)
        if page == "matching":
            _propose_matching(office_client, cohort)
            proposal = MatchingProposal.objects.get(cohort=cohort)
            return reverse("mentoring_planning:matching", args=[proposal.pk])
        _propose_plan(office_client, cohort)
        return reverse("mentoring_planning:plan", args=[RotationPlan.objects.get(cohort=cohort).pk])

    small, large = review_url(2), review_url(8)
    _queries(office_client, small)  # warm the caches the admin's chrome keeps

    assert _queries(office_client, large) == _queries(office_client, small)
