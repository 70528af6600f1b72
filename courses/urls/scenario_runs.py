"""The scenario player's endpoints: a run is started (or resumed), then played choice by choice."""

from django.urls import path

from ..views import scenario_runs

urlpatterns = [
    path(
        "<id:activity_id>/runs/",
        scenario_runs.scenario_run_start,
        name="scenario-run-start",
    ),
    path(
        "runs/<id:run_id>/choose/",
        scenario_runs.scenario_run_choose,
        name="scenario-run-choose",
    ),
]
