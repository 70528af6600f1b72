"""Matching a cohort's trainees with a primary and a cross mentor (交叉管).

The matching is a min-cost flow::

    source ─1→ trainee·primary ─→ (trainee, mentor) ─1→ mentor ═unit edges═→ sink
    source ─1→ trainee·cross   ─→ (trainee, mentor)

* A cross mentor edge exists only to mentors whose community differs from the trainee's, so
  every flow respects the cross rule by construction.
* The (trainee, mentor) node passes one unit, so nobody is both primary and cross mentor of
  the same trainee.
* A mentor with ``capacity`` c and ``load`` l current trainees has c − l unit edges to the
  sink; no flow can exceed a capacity. The k-th new trainee costs (l + k) / c, a convex cost
  in the mentor's load ratio, so the least-cost flow is the one that keeps load ratios even
  (the next unit always goes where the ratio after it is lowest), and a small extra cost
  prefers a primary mentor from the trainee's own community when that is as good.
* Max flow is found exactly, so when it falls short no matching exists at all (not merely
  not found); the residual graph's source side then names the trainees who compete for the
  same full mentors.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..exceptions import Problem
from .flow import MinCostFlow

SCALE = 1_000_000  # load-ratio costs in millionths; the community preference costs 1
PRIMARY, CROSS = "primary", "cross"


@dataclass(frozen=True)
class MatchTrainee:
    id: int
    name: str
    community_id: int | None
    community_name: str = ""
    needs_primary: bool = True
    needs_cross: bool = True
    current_mentor_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class MatchMentor:
    id: int
    name: str
    community_id: int | None
    capacity: int
    load: int = 0

    @property
    def free(self) -> int:
        return max(self.capacity - self.load, 0)


@dataclass
class Matching:
    primary: dict[int, int] = field(default_factory=dict)  # trainee id → mentor id
    cross: dict[int, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _kind_label(kind):
    return _("primary mentor") if kind == PRIMARY else _("cross mentor")


def match_mentors(trainees: list[MatchTrainee], mentors: list[MatchMentor]) -> Matching:
    """The most balanced matching, or the problems that make any matching impossible."""
    trainees = sorted(trainees, key=lambda t: t.id)
    mentors = sorted(mentors, key=lambda m: m.id)
    network = MinCostFlow(2)
    source, sink = 0, 1
    mentor_node = {m.id: network.add_node() for m in mentors}
    for mentor in mentors:
        for k in range(1, mentor.free + 1):
            cost = SCALE * (mentor.load + k) // mentor.capacity
            network.add_edge(mentor_node[mentor.id], sink, 1, cost)

    demands = []  # (trainee, kind, node, source edge)
    candidates: dict[tuple[int, str], list[MatchMentor]] = {}
    pair_edges = []  # (trainee id, kind, mentor id, edge)
    for trainee in trainees:
        pair_node = {}
        for kind, needed in ((PRIMARY, trainee.needs_primary), (CROSS, trainee.needs_cross)):
            if not needed:
                continue
            node = network.add_node()
            demands.append((trainee, kind, node, network.add_edge(source, node, 1, 0)))
            eligible = [
                m
                for m in mentors
                if m.id != trainee.id
                and m.id not in trainee.current_mentor_ids
                and (
                    kind == PRIMARY
                    or (
                        trainee.community_id is not None
                        and m.community_id is not None
                        and m.community_id != trainee.community_id
                    )
                )
            ]
            candidates[(trainee.id, kind)] = eligible
            for mentor in eligible:
                if mentor.id not in pair_node:
                    pair_node[mentor.id] = network.add_node()
                    network.add_edge(pair_node[mentor.id], mentor_node[mentor.id], 1, 0)
                local = kind == CROSS or mentor.community_id == trainee.community_id
                preference = 0 if local else 1
                edge = network.add_edge(node, pair_node[mentor.id], 1, preference)
                pair_edges.append((trainee.id, kind, mentor.id, edge))

    network.run(source, sink, len(demands))
    result = Matching()
    for trainee_id, kind, mentor_id, edge in pair_edges:
        if network.flow_on(edge):
            (result.primary if kind == PRIMARY else result.cross)[trainee_id] = mentor_id

    unmet = [(t, kind, node) for t, kind, node, edge in demands if network.flow_on(edge) == 0]
    if unmet:
        result.problems = _explain(unmet, candidates, mentors, mentor_node, network, source)
    return result


def _explain(unmet, candidates, mentors, mentor_node, network, source) -> list[Problem]:
    side = network.reachable(source)
    full_mentors = [m for m in mentors if mentor_node[m.id] in side]
    problems = []
    for trainee, kind, _node in unmet:
        params = {"trainee": trainee.name, "kind": _kind_label(kind)}
        eligible = candidates[(trainee.id, kind)]
        if kind == CROSS and trainee.community_id is None:
            problems.append(
                Problem(
                    "no_community",
                    _("%(trainee)s belongs to no community, so no cross mentor can be chosen.")
                    % params,
                    trainee.id,
                )
            )
        elif not eligible and kind == CROSS:
            params["community"] = trainee.community_name
            problems.append(
                Problem(
                    "cross_rule",
                    _(
                        "No mentor from a community other than %(community)s is available as "
                        "cross mentor of %(trainee)s."
                    )
                    % params,
                    trainee.id,
                )
            )
        elif not eligible:
            problems.append(
                Problem(
                    "no_mentor", _("No mentor is available for %(trainee)s.") % params, trainee.id
                )
            )
        else:
            competing = [m for m in full_mentors if m in eligible] or eligible
            params.update(
                mentors="、".join(
                    _("%(name)s (capacity %(capacity)d)") % {"name": m.name, "capacity": m.capacity}
                    for m in competing
                ),
                others="、".join(
                    sorted({t.name for t, _k, n in unmet if n in side and t.id != trainee.id})
                )
                or "—",
            )
            either = candidates.get((trainee.id, PRIMARY), []) + candidates.get(
                (trainee.id, CROSS), []
            )
            if len({m.id for m in either}) < 2 and trainee.needs_primary and trainee.needs_cross:
                code = "two_mentors"
                message = _(
                    "%(trainee)s needs two different mentors, but only %(mentors)s can be "
                    "their %(kind)s."
                )
            else:
                code = "capacity"
                message = _(
                    "No %(kind)s for %(trainee)s: the mentors open to them, %(mentors)s, are "
                    "at capacity (also wanted by: %(others)s)."
                )
            problems.append(Problem(code, message % params, trainee.id))
    return problems
