import datetime

import pytest

from mentoring.planning.rotations import (
    PlanHost,
    PlanTrainee,
    peak_overlap,
    plan_rotations,
    slots_between,
)

START = datetime.date(2026, 3, 2)  # a Monday
END = datetime.date(2026, 4, 26)  # eight weeks later, a Sunday


def host(pk, community, capacity=2, booked=()):
    return PlanHost(pk, f"h{pk}", community, f"c{community}", capacity, tuple(booked))


def plan(trainees, hosts, k=2, start=START, end=END, weeks=4):
    return plan_rotations(
        trainees=trainees, hosts=hosts, k=k, start=start, end=end, weeks_per_rotation=weeks
    )


def test_slots_fill_the_period_with_whole_rotations():
    slots = slots_between(START, END + datetime.timedelta(days=3), 4)
    assert [(s.starts_on, s.ends_on) for s in slots] == [
        (START, datetime.date(2026, 3, 29)),
        (datetime.date(2026, 3, 30), END),
    ]


def test_peak_overlap_counts_days_not_periods():
    periods = [
        (START, START + datetime.timedelta(days=2)),
        (START + datetime.timedelta(days=5), END),
    ]
    assert peak_overlap(periods, START, END) == 1
    assert peak_overlap([*periods, (START, END)], START, END) == 2


def test_a_feasible_plan_respects_every_rule():
    trainees = [PlanTrainee(i, f"t{i}", i % 3) for i in range(6)]
    hosts = [host(100 + c, c) for c in range(3)]

    outcome = plan(trainees, hosts)

    assert outcome.ok and len(outcome.rotations) == 12
    community = {h.id: h.community_id for h in hosts}
    for t in trainees:
        mine = [r for r in outcome.rotations if r.trainee_id == t.id]
        assert len(mine) == 2
        assert len({r.slot.index for r in mine}) == 2  # never in two places at once
        assert len({community[r.host_id] for r in mine}) == 2  # two different communities
        assert all(community[r.host_id] != t.community_id for r in mine)
    for h in hosts:
        for index in (0, 1):
            here = [r for r in outcome.rotations if r.host_id == h.id and r.slot.index == index]
            assert len(here) <= h.capacity


def test_the_plan_is_deterministic():
    trainees = [PlanTrainee(i, f"t{i}", i % 3) for i in range(6)]
    hosts = [host(100 + c, c, capacity=3) for c in range(3)]
    assert plan(trainees, hosts).rotations == plan(trainees, hosts).rotations


def test_existing_bookings_and_busy_trainees_are_respected():
    busy = ((START, datetime.date(2026, 3, 29)),)
    trainees = [PlanTrainee(1, "t1", 0, busy=busy)]
    hosts = [host(100, 1, capacity=1, booked=[(datetime.date(2026, 3, 30), END)]), host(101, 2)]

    outcome = plan(trainees, hosts, k=1)

    assert [(r.host_id, r.slot.index) for r in outcome.rotations] == [(101, 1)]


@pytest.mark.parametrize(
    ("trainees", "hosts", "k", "code"),
    [
        ([PlanTrainee(1, "t1", 0)], [host(100, 1), host(101, 2), host(102, 3)], 3, "period"),
        ([PlanTrainee(1, "t1", 0)], [host(100, 1), host(101, 1)], 2, "communities"),
        (
            [PlanTrainee(1, "t1", 0, busy=((START, END),))],
            [host(100, 1), host(101, 2)],
            1,
            "trainee_busy",
        ),
        (
            [PlanTrainee(i, f"t{i}", 0) for i in range(5)],
            [host(100, 1), host(101, 2)],
            2,
            "host_capacity",
        ),
        ([PlanTrainee(1, "t1", None)], [host(100, 1)], 1, "no_community"),
    ],
)
def test_counting_checks_name_the_binding_constraint(trainees, hosts, k, code):
    outcome = plan(trainees, hosts, k=k)
    assert not outcome.ok
    assert {p.code for p in outcome.problems} == {code}


def test_the_solver_names_the_host_that_is_too_small_and_who_needs_it():
    # Community 1's trainees must visit communities 0 and 2; the only host in 2 takes one
    # trainee at a time, so three of them cannot fit in two periods. Totals look fine.
    trainees = [PlanTrainee(i, f"t{i}", 1 + i % 2) for i in range(6)]
    hosts = [host(100, 0), host(101, 1), host(102, 2, capacity=1), host(200, 0, capacity=5)]

    outcome = plan(trainees, hosts)

    assert outcome.status == "INFEASIBLE"
    capacity = [p for p in outcome.problems if p.code == "host_capacity"]
    assert [p.other_id for p in capacity] == [102]
    assert {p.trainee_id for p in outcome.problems if p.trainee_id is not None} == {0, 2, 4}
