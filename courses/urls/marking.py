"""Marking the written answers of quiz attempts: the marker's queue and one answer's page."""

from django.urls import path

from ..views import marking

urlpatterns = [
    path("", marking.marking_queue, name="marking-queue"),
    path("answer/<id:pk>/", marking.marking_answer, name="marking-answer"),
]
