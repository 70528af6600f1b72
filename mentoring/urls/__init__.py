"""Mentoring pages for mentors, hosts and trainees; each area keeps its own module."""

from django.urls import include, path

app_name = "mentoring"

urlpatterns = [
    path("desk/", include("mentoring.urls.desk")),
    path("coaching/", include("mentoring.urls.coaching")),
    path("rotations/", include("mentoring.urls.rotations")),
    path("evaluations/", include("mentoring.urls.evaluations")),
    path("progression/", include("mentoring.urls.progression")),
    path("dossiers/", include("mentoring.urls.dossiers")),
    path("scenarios/", include("mentoring.urls.scenario_runs")),
]
