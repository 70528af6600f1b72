"""Evaluations against the office's rubrics: the form, and a trainee's averages over time."""

from django.urls import path

from ..views import evaluations

urlpatterns = [
    path("new/", evaluations.evaluation_new, name="evaluation-new"),
    path("trainee/<id:pk>/", evaluations.evaluation_trainee, name="evaluation-trainee"),
]
