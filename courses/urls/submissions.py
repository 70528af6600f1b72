"""Written work: a trainee's reports and reflections, their photos, and the review queue."""

from django.urls import path

from ..views import submissions

urlpatterns = [
    path("", submissions.submission_list, name="submission-list"),
    path("activity/<id:activity_id>/", submissions.submission_start, name="submission-start"),
    path(
        "activity/<id:activity_id>/autosave/",
        submissions.submission_autosave,
        name="submission-autosave",
    ),
    path("<id:pk>/", submissions.submission_edit, name="submission-edit"),
    path(
        "<id:pk>/photos/<id:photo_pk>/",
        submissions.submission_photo,
        name="submission-photo",
    ),
    path("review/", submissions.review_queue, name="review-queue"),
    path("review/<id:pk>/", submissions.submission_review, name="submission-review"),
]
