"""The rules a scenario script must obey, checked without a database.

The admin refuses a script that breaks them and the player trusts one that keeps them, so each
rule is pinned here with the smallest script that breaks it.
"""

import pytest
from django.utils import translation

from courses.scenario_script import Choice, Ending, Step, best_score, script_errors


def step(key, *choices, title="", situation=""):
    return Step(key=key, title=title or key, situation=situation, choices=tuple(choices))


def to(next_key, score=0, label=None):
    return Choice(label=label or f"go {next_key}", consequence="…", score=score, next_key=next_key)


def ending(key):
    return Ending(key=key, title=key, outcome="…")


def valid_script():
    return [
        step("start", to("meeting", 3), to("bad", -2)),
        step("meeting", to("good", 3), to("bad", 0)),
        ending("good"),
        ending("bad"),
    ]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def messages(nodes):
    return [error.message for error in script_errors(nodes)]


def test_a_valid_script_has_no_errors():
    assert script_errors(valid_script()) == []


def test_a_choice_leading_to_a_missing_key_is_named():
    nodes = [step("start", to("ghost")), ending("end")]

    errors = script_errors(nodes)

    assert len(errors) == 1
    assert errors[0].position == 1
    assert "“ghost”" in errors[0].message
    assert "does not exist" in errors[0].message


def test_a_duplicate_key_names_both_positions():
    nodes = [step("start", to("end")), step("start", to("end")), ending("end")]

    errors = script_errors(nodes)

    assert [error.position for error in errors] == [2]
    assert "“start”" in errors[0].message
    assert "node 1 and node 2" in errors[0].message


def test_an_unreachable_ending_is_named():
    nodes = [step("start", to("good")), ending("good"), ending("orphan")]

    errors = script_errors(nodes)

    assert [(error.position, error.message) for error in errors] == [
        (3, "Ending “orphan” cannot be reached from the first step.")
    ]


def test_an_unreachable_step_is_named():
    nodes = [step("start", to("end")), step("island", to("end")), ending("end")]

    assert messages(nodes) == ["Step “island” cannot be reached from the first step."]


def test_a_step_with_no_way_to_an_ending_is_named():
    # "loop" and "back" only lead to each other: a trainee who goes there is trapped.
    nodes = [
        step("start", to("end"), to("loop")),
        step("loop", to("back")),
        step("back", to("loop")),
        ending("end"),
    ]

    assert messages(nodes) == [
        "From step “loop” no path leads to an ending.",
        "From step “back” no path leads to an ending.",
    ]


def test_a_script_without_an_ending_is_refused():
    nodes = [step("start", to("next")), step("next", to("start"))]

    assert "The script has no ending." in messages(nodes)


def test_a_script_must_start_with_a_step():
    nodes = [ending("end"), step("start", to("end"))]

    errors = script_errors(nodes)

    assert errors[0].position == 1
    assert errors[0].message == "The script must start with a step, not an ending."


def test_an_empty_script_is_refused():
    assert messages([]) == ["The script needs at least one step and one ending."]


@pytest.mark.parametrize(
    ("nodes", "expected"),
    [
        pytest.param(
            [step("start", to("end"), to("end")), step("", to("end")), ending("end")],
            "Node 2 has no key.",
            id="missing-key",
        ),
        pytest.param(
            [step("start"), ending("end")], "Step “start” has no choices.", id="no-choices"
        ),
        pytest.param(
            [step("start", to("start"), to("end")), ending("end")],
            "leads back to itself",
            id="choice-leads-to-own-step",
        ),
    ],
)
def test_other_malformed_steps_are_named(nodes, expected):
    assert any(expected in message for message in messages(nodes))


@pytest.mark.parametrize(
    ("nodes", "expected"),
    [
        pytest.param(valid_script(), 6, id="best-path-through-two-steps"),
        pytest.param([step("start", to("end", 2), to("end", 5)), ending("end")], 5, id="one-step"),
        pytest.param(
            [step("start", to("end", -3), to("end", -1)), ending("end")], -1, id="all-negative"
        ),
        pytest.param(
            # The long way round scores more than the shortcut.
            [
                step("start", to("end", 4), to("detour", 1)),
                step("detour", to("end", 5)),
                ending("end"),
            ],
            6,
            id="longer-path-wins",
        ),
        pytest.param([], 0, id="empty"),
    ],
)
def test_best_score_is_the_highest_total_to_an_ending(nodes, expected):
    assert best_score(nodes) == expected
