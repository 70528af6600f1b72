"""The engine's own pages: sign-in, submissions, certificates. Each area keeps its own module."""

from django.urls import include, path

app_name = "courses"

urlpatterns = [
    path("", include("courses.urls.progress")),
    path("signin/", include("courses.urls.signin")),
    path("work/", include("courses.urls.submissions")),
    path("certificates/", include("courses.urls.certificates")),
    path("marking/", include("courses.urls.marking")),
    path("scenario/", include("courses.urls.scenario_runs")),
    path("quiz/", include("courses.urls.quizzes")),
]
