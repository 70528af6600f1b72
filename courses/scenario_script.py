"""A scenario exercise's branching script as plain data, and the rules it must obey.

The script is a list of nodes. A *step* has a key, a situation and choices; each choice has a
consequence, a score and the key of the node it leads to. An *ending* has a key and an outcome.
Play starts at the first step. The rules are checked here, without a database, so the admin,
the player and a later run recorder agree on what a valid script is.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Choice:
    label: str
    consequence: str
    score: int
    next_key: str


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    situation: str
    choices: tuple[Choice, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Ending:
    key: str
    title: str
    outcome: str


@dataclass(frozen=True)
class ScriptError:
    """One problem, located by node position (1-based) so the editor can find it."""

    position: int | None
    message: str


def script_errors(nodes: list[Step | Ending]) -> list[ScriptError]:
    """Every reason the script cannot be played; an empty list means it is sound."""
    errors: list[ScriptError] = []
    if not nodes:
        return [ScriptError(None, _("The script needs at least one step and one ending."))]
    if not isinstance(nodes[0], Step):
        errors.append(ScriptError(1, _("The script must start with a step, not an ending.")))

    keys: dict[str, int] = {}
    for position, node in enumerate(nodes, start=1):
        if not node.key:
            errors.append(ScriptError(position, _("Node %(pos)d has no key.") % {"pos": position}))
        elif node.key in keys:
            errors.append(
                ScriptError(
                    position,
                    _("Key “%(key)s” is used by node %(first)d and node %(pos)d.")
                    % {"key": node.key, "first": keys[node.key], "pos": position},
                )
            )
        else:
            keys[node.key] = position

    if not any(isinstance(node, Ending) for node in nodes):
        errors.append(ScriptError(None, _("The script has no ending.")))

    for position, node in enumerate(nodes, start=1):
        if not isinstance(node, Step):
            continue
        if not node.choices:
            errors.append(
                ScriptError(
                    position,
                    _("Step “%(key)s” has no choices.") % {"key": node.key},
                )
            )
        for choice in node.choices:
            if choice.next_key not in keys:
                errors.append(
                    ScriptError(
                        position,
                        _(
                            "In step “%(key)s”, the choice “%(choice)s” leads to "
                            "“%(next)s”, which does not exist."
                        )
                        % {"key": node.key, "choice": choice.label, "next": choice.next_key},
                    )
                )
            elif choice.next_key == node.key:
                errors.append(
                    ScriptError(
                        position,
                        _("In step “%(key)s”, the choice “%(choice)s” leads back to itself.")
                        % {"key": node.key, "choice": choice.label},
                    )
                )

    if errors:
        return errors

    by_key = {node.key: node for node in nodes}
    reachable = _reachable_from(nodes[0].key, by_key)
    for position, node in enumerate(nodes, start=1):
        if node.key not in reachable:
            if isinstance(node, Ending):
                message = _("Ending “%(key)s” cannot be reached from the first step.")
            else:
                message = _("Step “%(key)s” cannot be reached from the first step.")
            errors.append(ScriptError(position, message % {"key": node.key}))

    # Every step must lead, by some path, to an ending; otherwise a trainee can be trapped.
    can_finish = _steps_that_reach_an_ending(nodes, by_key)
    for position, node in enumerate(nodes, start=1):
        if isinstance(node, Step) and node.key in reachable and node.key not in can_finish:
            errors.append(
                ScriptError(
                    position,
                    _("From step “%(key)s” no path leads to an ending.") % {"key": node.key},
                )
            )
    return errors


def _reachable_from(start: str, by_key: dict[str, Step | Ending]) -> set[str]:
    seen = {start}
    frontier = [start]
    while frontier:
        node = by_key[frontier.pop()]
        if isinstance(node, Step):
            for choice in node.choices:
                if choice.next_key not in seen:
                    seen.add(choice.next_key)
                    frontier.append(choice.next_key)
    return seen


def _steps_that_reach_an_ending(nodes, by_key) -> set[str]:
    finishing = {node.key for node in nodes if isinstance(node, Ending)}
    changed = True
    while changed:
        changed = False
        for node in nodes:
            if (
                isinstance(node, Step)
                and node.key not in finishing
                and any(choice.next_key in finishing for choice in node.choices)
            ):
                finishing.add(node.key)
                changed = True
    return finishing


def best_score(nodes: list[Step | Ending]) -> int:
    """The highest total a path from the first step to an ending can score."""
    by_key = {node.key: node for node in nodes}
    memo: dict[str, int] = {}

    def best(key: str, path: frozenset[str]) -> int:
        node = by_key[key]
        if isinstance(node, Ending):
            return 0
        if key in memo:
            return memo[key]
        options = [
            choice.score + best(choice.next_key, path | {key})
            for choice in node.choices
            if choice.next_key not in path
        ]
        result = max(options, default=0)
        memo[key] = result
        return result

    return best(nodes[0].key, frozenset()) if nodes else 0
