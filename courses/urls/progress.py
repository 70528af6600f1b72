from django.urls import path

from ..views import progress

urlpatterns = [
    path("courses/<id:course_id>/enrol/", progress.course_enrol, name="course-enrol"),
    path(
        "activities/<id:activity_id>/confirm/", progress.activity_confirm, name="activity-confirm"
    ),
]
