"""Planning shadowing rotations (跟班锻炼) for a cohort with OR-Tools CP-SAT.

The period is cut into consecutive slots of ``weeks_per_rotation`` weeks. Each trainee must
spend ``k`` slots with host secretaries in ``k`` different communities, none of them their own,
never in two places at once and never in a slot that overlaps a rotation they already have;
in every slot a host takes at most their capacity minus the trainees already placed with them.

This is a multi-dimensional assignment problem: a greedy pass can paint itself into a corner
(give a trainee the only host another trainee could use), so the plan is searched with CP-SAT.
The search is bounded (10 s of wall time and a fixed amount of deterministic work), runs on one
worker with a fixed seed, and so gives the same plan for the same input.

When no plan exists, the answer names the constraint that binds. Cheap counting checks catch
the usual causes with exact numbers (the period is too short, a trainee is already busy, too
few other communities have hosts, not enough host places in total); otherwise every trainee's
demand, every trainee's different-communities rule and every host's capacity is switched on by
an assumption literal, and CP-SAT's infeasible core names the ones that cannot hold together.
"""

import datetime
import time
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..exceptions import Problem

TIME_LIMIT_SECONDS = 10.0
DETERMINISTIC_LIMIT = 5.0
RANDOM_SEED = 20240601


@dataclass(frozen=True)
class Slot:
    index: int
    starts_on: datetime.date
    ends_on: datetime.date  # included

    def overlaps(self, start: datetime.date, end: datetime.date) -> bool:
        return start <= self.ends_on and end >= self.starts_on


@dataclass(frozen=True)
class PlanTrainee:
    id: int
    name: str
    community_id: int | None
    busy: tuple[tuple[datetime.date, datetime.date], ...] = ()


@dataclass(frozen=True)
class PlanHost:
    id: int
    name: str
    community_id: int | None
    community_name: str
    capacity: int
    booked: tuple[tuple[datetime.date, datetime.date], ...] = ()


@dataclass(frozen=True)
class PlannedRotation:
    trainee_id: int
    host_id: int
    slot: Slot


@dataclass
class PlanOutcome:
    rotations: list[PlannedRotation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    status: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def slots_between(start: datetime.date, end: datetime.date, weeks: int) -> list[Slot]:
    length = datetime.timedelta(weeks=weeks)
    slots = []
    first = start
    while first + length - datetime.timedelta(days=1) <= end:
        slots.append(Slot(len(slots), first, first + length - datetime.timedelta(days=1)))
        first += length
    return slots


def peak_overlap(periods, start: datetime.date, end: datetime.date) -> int:
    """The most of ``periods`` (inclusive date pairs) running on any one day of start..end."""
    events = []
    for first, last in periods:
        first, last = max(first, start), min(last, end)
        if first <= last:
            events.append((first, 1))
            events.append((last + datetime.timedelta(days=1), -1))
    peak = running = 0
    for _day, change in sorted(events):
        running += change
        peak = max(peak, running)
    return peak


def free_places(host: PlanHost, slot: Slot) -> int:
    return max(host.capacity - peak_overlap(host.booked, slot.starts_on, slot.ends_on), 0)


def plan_rotations(
    *,
    trainees: list[PlanTrainee],
    hosts: list[PlanHost],
    k: int,
    start: datetime.date,
    end: datetime.date,
    weeks_per_rotation: int,
    time_limit: float = TIME_LIMIT_SECONDS,
) -> PlanOutcome:
    trainees = sorted(trainees, key=lambda t: t.id)
    hosts = sorted((h for h in hosts if h.community_id is not None), key=lambda h: h.id)
    slots = slots_between(start, end, weeks_per_rotation)
    problems = _count_checks(trainees, hosts, slots, k, start, end, weeks_per_rotation)
    if problems:
        return PlanOutcome(problems=problems, status="precheck")
    return _solve(trainees, hosts, slots, k, time_limit)


def _open_slots(trainee, slots):
    return [s for s in slots if not any(s.overlaps(a, b) for a, b in trainee.busy)]


def _count_checks(trainees, hosts, slots, k, start, end, weeks) -> list[Problem]:
    if len(slots) < k:
        message = ngettext(
            "From %(start)s to %(end)s there is room for only %(n)d rotation of %(weeks)d "
            "weeks, but each trainee needs %(k)d.",
            "From %(start)s to %(end)s there is room for only %(n)d rotations of %(weeks)d "
            "weeks, but each trainee needs %(k)d.",
            len(slots),
        ) % {"start": start, "end": end, "n": len(slots), "weeks": weeks, "k": k}
        return [Problem("period", message)]
    problems = []
    places = {(h.id, s.index): free_places(h, s) for h in hosts for s in slots}
    for trainee in trainees:
        params = {"trainee": trainee.name, "k": k}
        if trainee.community_id is None:
            problems.append(
                Problem(
                    "no_community",
                    _("%(trainee)s belongs to no community, so no host community can be chosen.")
                    % params,
                    trainee.id,
                )
            )
            continue
        open_slots = _open_slots(trainee, slots)
        if len(open_slots) < k:
            params["n"] = len(open_slots)
            problems.append(
                Problem(
                    "trainee_busy",
                    _(
                        "%(trainee)s already has rotations in this period: only %(n)d of the "
                        "periods are free, %(k)d needed."
                    )
                    % params,
                    trainee.id,
                )
            )
            continue
        communities = {
            h.community_id
            for h in hosts
            if h.community_id != trainee.community_id
            and any(places[(h.id, s.index)] for s in open_slots)
        }
        if len(communities) < k:
            params["n"] = len(communities)
            problems.append(
                Problem(
                    "communities",
                    _(
                        "Only %(n)d communities other than %(trainee)s's own have a host "
                        "secretary with room; %(trainee)s needs %(k)d different ones."
                    )
                    % params,
                    trainee.id,
                )
            )
    if problems:
        return problems
    total = sum(places.values())
    needed = len(trainees) * k
    if total < needed:
        return [
            Problem(
                "host_capacity",
                _(
                    "The hosts have %(total)d places over the period, but %(n)d trainees × "
                    "%(k)d rotations need %(needed)d."
                )
                % {"total": total, "n": len(trainees), "k": k, "needed": needed},
            )
        ]
    # Slot by slot, no more trainees can be away than there are places.
    for slot in slots:
        in_slot = sum(places[(h.id, slot.index)] for h in hosts)
        must_go = sum(
            1 for t in trainees if len(_open_slots(t, slots)) == k and slot in _open_slots(t, slots)
        )
        if must_go > in_slot:
            return [
                Problem(
                    "host_capacity",
                    _(
                        "From %(start)s to %(end)s, %(n)d trainees have no other free period, "
                        "but the hosts have only %(places)d places then."
                    )
                    % {
                        "start": slot.starts_on,
                        "end": slot.ends_on,
                        "n": must_go,
                        "places": in_slot,
                    },
                )
            ]
    return []


def _build(trainees, hosts, slots, k, *, objective: bool):
    """The CP-SAT model; every soft-named constraint is switched on by an assumption literal."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x = {}
    for t in trainees:
        for s in _open_slots(t, slots):
            for h in hosts:
                if h.community_id != t.community_id and free_places(h, s) > 0:
                    x[(t.id, s.index, h.id)] = model.new_bool_var(f"x_{t.id}_{s.index}_{h.id}")
    community_of = {h.id: h.community_id for h in hosts}
    switches: list[tuple[object, Problem]] = []

    def switch(name, problem):
        literal = model.new_bool_var(name)
        switches.append((literal, problem))
        return literal

    for t in trainees:
        mine = {key: var for key, var in x.items() if key[0] == t.id}
        for s in slots:
            in_slot = [var for (_t, si, _h), var in mine.items() if si == s.index]
            if len(in_slot) > 1:
                model.add(sum(in_slot) <= 1)
        params = {"trainee": t.name, "k": k}
        demand = switch(
            f"demand_{t.id}",
            Problem("demand", _("%(trainee)s needs %(k)d rotations.") % params, t.id),
        )
        model.add(sum(mine.values()) == k).only_enforce_if(demand)
        distinct = switch(
            f"distinct_{t.id}",
            Problem(
                "distinct_communities",
                _("%(trainee)s must go to %(k)d different communities, none of them their own.")
                % params,
                t.id,
            ),
        )
        for community in sorted({h.community_id for h in hosts}):
            same = [var for (_t, _s, hid), var in mine.items() if community_of[hid] == community]
            if len(same) > 1:
                model.add(sum(same) <= 1).only_enforce_if(distinct)

    squares = []
    for h in hosts:
        capacity = switch(
            f"capacity_{h.id}",
            Problem(
                "host_capacity",
                ngettext(
                    "%(host)s (%(community)s) takes at most %(n)d trainee at a time.",
                    "%(host)s (%(community)s) takes at most %(n)d trainees at a time.",
                    h.capacity,
                )
                % {"host": h.name, "community": h.community_name, "n": h.capacity},
                None,
                h.id,
            ),
        )
        for s in slots:
            here = [var for (_t, si, hid), var in x.items() if hid == h.id and si == s.index]
            if not here:
                continue
            model.add(sum(here) <= free_places(h, s)).only_enforce_if(capacity)
            if objective:
                # Spread the load: each host's load squared in each slot, weighted by 1/capacity.
                load = model.new_int_var(0, len(here), f"load_{h.id}_{s.index}")
                model.add(load == sum(here))
                square = model.new_int_var(0, len(here) ** 2, f"sq_{h.id}_{s.index}")
                model.add_multiplication_equality(square, [load, load])
                squares.append(max(1, 120 // h.capacity) * square)
    if squares:
        model.minimize(sum(squares))
    return model, x, switches


def _solver(seconds: float, work: float):
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = RANDOM_SEED
    solver.parameters.max_time_in_seconds = max(seconds, 0.1)
    solver.parameters.max_deterministic_time = work
    return solver


def _solve(trainees, hosts, slots, k, time_limit) -> PlanOutcome:
    from ortools.sat.python import cp_model

    deadline = time.monotonic() + time_limit
    model, x, switches = _build(trainees, hosts, slots, k, objective=True)
    model.add_assumptions([literal for literal, _problem in switches])
    solver = _solver(time_limit, DETERMINISTIC_LIMIT)
    status = solver.solve(model)
    name = solver.status_name(status)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        by_index = {s.index: s for s in slots}
        rotations = [
            PlannedRotation(trainee_id=t, host_id=h, slot=by_index[s])
            for (t, s, h), var in sorted(x.items())
            if solver.value(var)
        ]
        return PlanOutcome(rotations=rotations, status=name)
    if status == cp_model.INFEASIBLE:
        return PlanOutcome(problems=_binding(trainees, hosts, slots, k, deadline), status=name)
    return PlanOutcome(
        problems=[
            Problem(
                "time_limit",
                _(
                    "No plan was found within %(seconds)d seconds; try fewer trainees or a "
                    "longer period."
                )
                % {"seconds": int(time_limit)},
            )
        ],
        status=name,
    )


def _binding(trainees, hosts, slots, k, deadline) -> list[Problem]:
    """A minimal set of constraints that cannot hold together (deletion filter on the core).

    Trainees' demands are tried first, then the different-communities rules, then host
    capacities, so what remains names the hosts that are too small for the trainees who need
    them. Each trial is bounded; if time runs out the core found so far is reported.
    """
    from ortools.sat.python import cp_model

    model, _x, switches = _build(trainees, hosts, slots, k, objective=False)
    problem_of = {literal.index: problem for literal, problem in switches}
    literal_of = {literal.index: literal for literal, _problem in switches}

    def infeasible(indices) -> tuple[bool, list[int]]:
        model.clear_assumptions()
        model.add_assumptions([literal_of[i] for i in indices])
        remaining = deadline - time.monotonic()
        solver = _solver(min(remaining, 2.0), 1.0)
        if remaining <= 0:
            return False, []
        if solver.solve(model) == cp_model.INFEASIBLE:
            return True, list(solver.sufficient_assumptions_for_infeasibility())
        return False, []

    found, core = infeasible(list(literal_of))
    core = core if found else list(literal_of)
    rank = {"demand": 0, "distinct_communities": 1, "host_capacity": 2}
    for index in sorted(core, key=lambda i: (rank[problem_of[i].code], i)):
        if index not in core:
            continue
        still, smaller = infeasible([i for i in core if i != index])
        if still:
            core = [i for i in core if i in smaller] if smaller else [i for i in core if i != index]
    return _order([problem_of[i] for i in core])


def _order(problems):
    rank = {"host_capacity": 0, "distinct_communities": 1, "demand": 2}
    return sorted(problems, key=lambda p: (rank.get(p.code, 9), p.trainee_id or 0, p.other_id or 0))
