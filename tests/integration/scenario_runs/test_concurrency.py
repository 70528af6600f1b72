"""Two requests at once (a double tap, two tabs) leave one account of the run (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from courses.exceptions import EngineRefusal
from courses.models import ScenarioRun, ScenarioRunChoice
from courses.services import scenario_run_choose, scenario_run_start

from .conftest import CONVENE, LEAVE_IT, START

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _at_once(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait()
            outcomes.append(call())
        except EngineRefusal as refusal:
            outcomes.append(refusal)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_choices_on_the_same_step_record_one(trainee, scenario):
    run = scenario_run_start(trainee=trainee, activity=scenario).run

    outcomes = _at_once(
        *(
            lambda choice=choice: scenario_run_choose(
                trainee=trainee, run_id=run.pk, step_key=START, choice_index=choice
            )
            for choice in (CONVENE, LEAVE_IT)
        )
    )

    refused = [o for o in outcomes if isinstance(o, EngineRefusal)]
    assert len(refused) == 1
    # The loser learns the run moved on (or, when the winner's choice ended it, that it ended).
    assert any(text in refused[0].messages[0] for text in ("already left", "already ended"))
    (recorded,) = ScenarioRunChoice.objects.all()
    run.refresh_from_db()
    assert run.score == recorded.score
    assert run.current_key == recorded.next_key


def test_two_starts_open_one_run(trainee, scenario):
    outcomes = _at_once(
        lambda: scenario_run_start(trainee=trainee, activity=scenario).run.pk,
        lambda: scenario_run_start(trainee=trainee, activity=scenario).run.pk,
    )

    assert len(set(outcomes)) == 1
    assert ScenarioRun.objects.count() == 1
