"""Scenario runs side by side, for mentors and the office."""

from django.urls import path

from ..views import scenario_runs

urlpatterns = [
    path("", scenario_runs.scenario_exercise_list, name="scenario-exercises"),
    path("<id:activity_id>/", scenario_runs.scenario_runs, name="scenario-runs"),
]
