import datetime

import pytest
from django.db import IntegrityError, transaction

from courses.exceptions import EngineRefusal, NotAllowed
from lms.audit.models import AuditEntry
from mentoring.exceptions import NoMatchingFits
from mentoring.models import MatchingProposal, MentorAssignment
from mentoring.services import (
    assignment_create,
    assignment_end,
    assignment_propose_for_cohort,
    mentor_profile_set,
    proposal_change_row,
    proposal_confirm,
)

from . import factories as f

pytestmark = pytest.mark.django_db
PRIMARY, CROSS = MentorAssignment.Kind.PRIMARY, MentorAssignment.Kind.CROSS


def test_a_cross_mentor_from_the_trainees_own_community_is_refused(office, east):
    trainee, neighbour = f.trainee(east), f.mentor(east)

    with pytest.raises(EngineRefusal, match="community other than the trainee's"):
        assignment_create(actor=office, trainee=trainee, mentor=neighbour, kind=CROSS)
    assert not MentorAssignment.objects.exists()


def test_a_cross_mentor_from_another_community_is_assigned_and_audited(office, east, west):
    trainee, outsider = f.trainee(east), f.mentor(west)

    assignment = assignment_create(actor=office, trainee=trainee, mentor=outsider, kind=CROSS)

    assert assignment.is_current()
    assert AuditEntry.objects.filter(action="assignment.create", actor=office).count() == 1


def test_only_the_office_assigns(east, west):
    trainee, outsider = f.trainee(east), f.mentor(west)
    with pytest.raises(NotAllowed):
        assignment_create(actor=outsider, trainee=trainee, mentor=outsider, kind=PRIMARY)


def test_a_mentor_at_capacity_is_refused(office, east):
    mentor = f.mentor(east, capacity=1)
    assignment_create(actor=office, trainee=f.trainee(east), mentor=mentor, kind=PRIMARY)

    with pytest.raises(EngineRefusal, match="at capacity"):
        assignment_create(actor=office, trainee=f.trainee(east), mentor=mentor, kind=PRIMARY)


def test_one_current_primary_mentor_per_trainee_in_the_service_and_the_database(office, east):
    trainee, first, second = f.trainee(east), f.mentor(east), f.mentor(east)
    assignment_create(actor=office, trainee=trainee, mentor=first, kind=PRIMARY)

    with pytest.raises(EngineRefusal, match="already has a primary mentor"):
        assignment_create(actor=office, trainee=trainee, mentor=second, kind=PRIMARY)
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorAssignment.objects.create(
            trainee=trainee, mentor=second, kind=PRIMARY, starts_on=datetime.date.today()
        )


def test_the_same_mentor_cannot_be_primary_and_cross(office, east, west):
    trainee, outsider = f.trainee(east), f.mentor(west)
    assignment_create(actor=office, trainee=trainee, mentor=outsider, kind=PRIMARY)

    with pytest.raises(EngineRefusal, match="two different people"):
        assignment_create(actor=office, trainee=trainee, mentor=outsider, kind=CROSS)


def test_ending_keeps_the_history_and_frees_the_place(office, east):
    trainee, first, second = f.trainee(east), f.mentor(east, capacity=1), f.mentor(east)
    old = assignment_create(
        actor=office,
        trainee=trainee,
        mentor=first,
        kind=PRIMARY,
        starts_on=datetime.date.today() - datetime.timedelta(days=90),
    )

    with pytest.raises(EngineRefusal):
        assignment_end(actor=office, assignment=old, reason="")
    assignment_end(actor=office, assignment=old, reason="工作调动")
    assignment_create(actor=office, trainee=trainee, mentor=second, kind=PRIMARY)
    assignment_create(actor=office, trainee=f.trainee(east), mentor=first, kind=PRIMARY)

    history = MentorAssignment.objects.filter(trainee=trainee).order_by("starts_on")
    assert [(a.mentor, a.ends_on is None) for a in history] == [(first, False), (second, True)]
    assert history[0].end_reason == "工作调动"


def test_a_profile_capacity_cannot_drop_below_the_current_load(office, east):
    mentor = f.mentor(east, capacity=2)
    f.assignment(f.trainee(east), mentor)
    f.assignment(f.trainee(east), mentor)
    with pytest.raises(EngineRefusal, match="mentors 2 trainees"):
        mentor_profile_set(actor=office, user=mentor, capacity=1)


# Matching ------------------------------------------------------------------------------------


def test_a_matching_respects_capacity_and_the_cross_rule(office, programme, east, west, north):
    trainees = [f.trainee(c) for c in (east, east, west, west, north, north)]
    mentors = [f.mentor(east, capacity=4), f.mentor(west, capacity=4), f.mentor(north, capacity=4)]
    cohort = f.cohort(programme, trainees)

    proposal = assignment_propose_for_cohort(actor=office, cohort=cohort)

    rows = list(proposal.rows.select_related("trainee", "primary_mentor", "cross_mentor"))
    assert len(rows) == 6 and not MentorAssignment.objects.exists()  # nothing assigned yet
    for row in rows:
        assert row.primary_mentor and row.cross_mentor
        assert row.primary_mentor != row.cross_mentor
        assert row.cross_mentor.community_id != row.trainee.community_id
    per_mentor = {m.pk: 0 for m in mentors}
    for row in rows:
        per_mentor[row.primary_mentor_id] += 1
        per_mentor[row.cross_mentor_id] += 1
    assert sorted(per_mentor.values()) == [4, 4, 4]  # spread evenly


def test_the_proposal_is_confirmed_in_one_go(office, programme, east, west):
    trainees = [f.trainee(east), f.trainee(west)]
    f.mentor(east), f.mentor(west)
    proposal = assignment_propose_for_cohort(actor=office, cohort=f.cohort(programme, trainees))

    created = proposal_confirm(actor=office, proposal=proposal)

    assert len(created) == 4
    proposal.refresh_from_db()
    assert proposal.status == MatchingProposal.Status.CONFIRMED
    assert {a.proposal_id for a in created} == {proposal.pk}
    with pytest.raises(EngineRefusal, match="no longer change"):
        proposal_confirm(actor=office, proposal=proposal)


def test_no_matching_names_the_trainee_and_the_constraint(office, programme, east):
    trainees = [f.trainee(east, display_name="李学员")]
    f.mentor(east, capacity=5), f.mentor(east, capacity=5)

    with pytest.raises(NoMatchingFits) as refusal:
        assignment_propose_for_cohort(actor=office, cohort=f.cohort(programme, trainees))

    assert refusal.value.binding == {"cross_rule"}
    assert "李学员" in refusal.value.messages[0]
    assert not MatchingProposal.objects.exists()


def test_no_matching_when_mentors_are_full(office, programme, east, west):
    trainees = [f.trainee(east, display_name=f"学员{i}") for i in range(3)]
    f.mentor(west, capacity=2, display_name="赵导师")

    with pytest.raises(NoMatchingFits) as refusal:
        assignment_propose_for_cohort(
            actor=office, cohort=f.cohort(programme, trainees), include_cross=False
        )

    assert refusal.value.binding == {"capacity"}
    assert "赵导师" in refusal.value.messages[0]


def test_trainees_who_have_mentors_keep_them(office, programme, east, west):
    kept, new = f.trainee(east), f.trainee(east)
    current = f.mentor(east)
    f.assignment(kept, current)
    f.mentor(west)
    proposal = assignment_propose_for_cohort(
        actor=office, cohort=f.cohort(programme, [kept, new]), include_cross=False
    )

    rows = {row.trainee_id: row for row in proposal.rows.all()}
    assert rows[kept.pk].primary_mentor_id is None
    assert rows[new.pk].primary_mentor_id is not None


def test_a_row_can_be_changed_but_not_against_the_rules(office, programme, east, west):
    trainee = f.trainee(east)
    home, away, full = f.mentor(east), f.mentor(west), f.mentor(west, capacity=1)
    f.assignment(f.trainee(east), full)
    proposal = assignment_propose_for_cohort(actor=office, cohort=f.cohort(programme, [trainee]))
    row = proposal.rows.get()

    with pytest.raises(EngineRefusal, match="community other than"):
        proposal_change_row(actor=office, row=row, cross_mentor=home, primary_mentor=away)
    with pytest.raises(EngineRefusal, match="more than 1 trainees"):
        proposal_change_row(actor=office, row=row, primary_mentor=full)
    proposal_change_row(actor=office, row=row, primary_mentor=home, cross_mentor=away)

    row.refresh_from_db()
    assert (row.primary_mentor, row.cross_mentor, row.changed_by) == (home, away, office)


def test_confirming_rechecks_and_assigns_nothing_if_one_row_fails(office, programme, east, west):
    first, second = f.trainee(east), f.trainee(east)
    f.mentor(east, capacity=2)
    away = f.mentor(west, capacity=2)
    proposal = assignment_propose_for_cohort(
        actor=office, cohort=f.cohort(programme, [first, second])
    )
    # Meanwhile the west mentor takes on someone else and has room for one cross trainee only.
    f.assignment(f.trainee(north_of(west)), away)

    with pytest.raises(EngineRefusal, match="Nothing was assigned"):
        proposal_confirm(actor=office, proposal=proposal)
    assert not MentorAssignment.objects.filter(proposal=proposal).exists()


def north_of(_community):
    return f.community()
