"""The office decides whether a scenario may be replayed and which finished run counts."""

import pytest

from courses.models import CountedRun, ScenarioRun
from courses.selectors import scenario_counted_run, scenario_runs_for_trainee
from tests.factories import simple_script

from .conftest import ADJOURN, CALL_STREET, CONVENE, LEAVE_IT, MEETING, START

pytestmark = pytest.mark.django_db

BEST = ((START, CONVENE), (MEETING, CALL_STREET))  # 6
MIDDLE = ((START, CONVENE), (MEETING, ADJOURN))  # 3
WORST = ((START, LEAVE_IT),)  # -2


def _set_policy(scenario, **policy):
    for name, value in policy.items():
        setattr(scenario, name, value)
    scenario.save_revision().publish()


def test_a_finished_scenario_cannot_be_replayed_when_the_office_forbids_it(player, scenario):
    _set_policy(scenario, replay_allowed=False)
    _run_id, first = player.play(*WORST)

    again = player.start()

    assert first.json()["replay_allowed"] is False
    assert again.status_code == 400
    assert "only once" in again.json()["message"]
    assert ScenarioRun.objects.count() == 1


def test_an_unfinished_run_is_still_resumed_when_replays_are_forbidden(player, scenario):
    _set_policy(scenario, replay_allowed=False)
    run_id, _answer = player.play((START, CONVENE))

    resumed = player.start()

    assert resumed.status_code == 200
    assert resumed.json()["run"]["id"] == run_id


def test_a_scenario_may_be_replayed_when_the_office_allows_it(player, trainee, scenario):
    first_id, _ = player.play(*WORST)
    second_id, _ = player.play(*BEST)

    runs = list(scenario_runs_for_trainee(trainee=trainee, activity=scenario))

    assert [run.pk for run in runs] == [first_id, second_id]
    assert [(run.number, run.score) for run in runs] == [(1, -2), (2, 6)]
    assert [len(run.choices.all()) for run in runs] == [1, 2]


@pytest.mark.parametrize(
    ("counted", "expected"),
    [(CountedRun.FIRST, 1), (CountedRun.BEST, 2), (CountedRun.LAST, 3)],
)
def test_the_run_that_counts_follows_the_office_setting(
    player, trainee, scenario, counted, expected
):
    _set_policy(scenario, counted_run=counted)
    for path in (MIDDLE, BEST, WORST):
        player.play(*path)
    player.start()  # an open fourth run never counts

    run = scenario_counted_run(trainee=trainee, activity=scenario)

    assert run.number == expected


def test_the_best_run_is_the_earliest_of_equal_scores(player, trainee, scenario):
    for path in (WORST, BEST, BEST):
        player.play(*path)

    assert scenario_counted_run(trainee=trainee, activity=scenario).number == 2


def test_no_run_counts_before_one_is_finished(player, trainee, scenario):
    assert scenario_counted_run(trainee=trainee, activity=scenario) is None
    player.start()
    assert scenario_counted_run(trainee=trainee, activity=scenario) is None


def test_a_run_left_on_a_step_the_office_removed_is_abandoned_not_stuck(player, scenario):
    # Given a run open on the "meeting" step, and the office republishes without that step
    run_id, _answer = player.play((START, CONVENE))
    _set_policy(scenario, replay_allowed=False)
    script = simple_script()
    script[0]["value"]["choices"][0]["next_key"] = "good"
    del script[1]
    scenario.script = script
    scenario.save_revision().publish()

    # When the trainee goes on, then starts again
    stuck = player.choose(run_id, MEETING, CALL_STREET)
    restarted = player.start()

    # Then the old run is closed without an ending, and a new one starts at the first step
    assert stuck.status_code == 400
    assert "changed while you were playing" in stuck.json()["message"]
    assert restarted.status_code == 201
    assert restarted.json()["run"]["number"] == 2
    assert restarted.json()["node"]["key"] == START
    old = ScenarioRun.objects.get(pk=run_id)
    assert old.finished_at is not None and old.ending_key == ""
