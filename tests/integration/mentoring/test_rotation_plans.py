import datetime

import pytest

from courses.exceptions import EngineRefusal
from mentoring.exceptions import NoPlanFits
from mentoring.models import Rotation, RotationPlan
from mentoring.services import (
    rotation_plan_change_row,
    rotation_plan_confirm,
    rotation_plan_propose,
)

from . import factories as f

pytestmark = pytest.mark.django_db

START = datetime.date(2031, 3, 3)
END = START + datetime.timedelta(weeks=8, days=-1)


def propose(office, cohort, k=2, start=START, end=END, weeks=4):
    return rotation_plan_propose(
        actor=office, cohort=cohort, k=k, start=start, end=end, weeks_per_rotation=weeks
    )


@pytest.fixture
def setting(programme, east, west, north):
    trainees = [f.trainee(c) for c in (east, east, west, west, north, north)]
    hosts = {c.name: f.host(c, capacity=2) for c in (east, west, north)}
    return f.cohort(programme, trainees), trainees, hosts


def test_a_feasible_plan_is_proposed_then_confirmed(office, setting):
    cohort, trainees, _hosts = setting

    plan = propose(office, cohort)

    rows = list(plan.rows.select_related("trainee"))
    assert len(rows) == 12 and not Rotation.objects.exists()
    for trainee in trainees:
        mine = [r for r in rows if r.trainee_id == trainee.pk]
        assert len({r.host_community_id for r in mine}) == 2
        assert trainee.community_id not in {r.host_community_id for r in mine}

    rotations = rotation_plan_confirm(actor=office, plan=plan, objectives="熟悉兄弟社区工作")

    assert len(rotations) == 12 and {r.plan_id for r in rotations} == {plan.pk}
    plan.refresh_from_db()
    assert plan.status == RotationPlan.Status.CONFIRMED


def test_too_short_a_period_is_named(office, setting):
    cohort, _trainees, _hosts = setting
    with pytest.raises(NoPlanFits) as refusal:
        propose(office, cohort, k=3)
    assert refusal.value.binding == {"period"}
    assert "only 2 rotations of 4 weeks" in refusal.value.messages[0]


def test_host_capacity_is_named_when_it_binds(office, programme, east, west, north):
    trainees = [f.trainee(east, display_name=f"东{i}") for i in range(3)]
    f.host(west, capacity=1, display_name="西书记"), f.host(north, capacity=1)
    # Three east trainees must each visit west and north; one place each per period is two.
    with pytest.raises(NoPlanFits) as refusal:
        propose(office, f.cohort(programme, trainees))
    assert refusal.value.binding == {"host_capacity"}


def test_the_solver_names_the_binding_host(office, programme, east, west, north):
    # Every trainee must visit the three communities other than their own, so all nine visit
    # the south, whose two hosts have 2 places per period, 6 in all. The totals look fine
    # (33 places for 27 rotations); only the search finds that the south binds.
    south = f.community("南社区")
    trainees = [f.trainee(c) for c in (east, west, north) for _ in range(3)]
    f.host(north, capacity=5), f.host(east, capacity=2), f.host(west, capacity=2)
    south_hosts = {f.host(south, capacity=1).pk, f.host(south, capacity=1).pk}
    three_periods = START + datetime.timedelta(weeks=12, days=-1)

    with pytest.raises(NoPlanFits) as refusal:
        propose(office, f.cohort(programme, trainees), k=3, end=three_periods)

    named = {p.other_id for p in refusal.value.problems if p.code == "host_capacity"}
    assert named == south_hosts
    assert not RotationPlan.objects.exists()


def test_existing_rotations_are_respected(office, setting, west, north):
    cohort, trainees, hosts = setting
    f.rotation(trainees[0], hosts["西社区"], starts_on=START, ends_on=END)

    with pytest.raises(NoPlanFits) as refusal:
        propose(office, cohort)
    assert refusal.value.binding == {"trainee_busy"}


def test_a_row_can_be_moved_to_another_host_within_the_rules(office, setting, east):
    cohort, _trainees, hosts = setting
    plan = propose(office, cohort)
    row = plan.rows.select_related("trainee").filter(trainee__community=east).first()
    spare = f.host(row.host_community, capacity=5)

    with pytest.raises(EngineRefusal, match="another community"):
        rotation_plan_change_row(actor=office, row=row, host=hosts["东社区"])
    rotation_plan_change_row(actor=office, row=row, host=spare)

    row.refresh_from_db()
    assert row.host == spare and row.changed_by == office
