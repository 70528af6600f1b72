from django.urls import path

from ..views import progress

urlpatterns = [
    path("courses/<int:course_id>/enrol/", progress.course_enrol, name="course-enrol"),
    path(
        "activities/<int:activity_id>/confirm/", progress.activity_confirm, name="activity-confirm"
    ),
    path(
        "activities/<int:activity_id>/run-finished/",
        progress.activity_run_finished,
        name="activity-run-finished",
    ),
]
