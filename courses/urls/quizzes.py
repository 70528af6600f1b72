"""Quizzes for trainees: a quiz's page, its attempts, and their reviews."""

from django.urls import path

from ..views import attempt_pages, quiz_pages

urlpatterns = [
    path("<id:quiz_id>/", quiz_pages.quiz_detail, name="quiz"),
    path("<id:quiz_id>/start/", quiz_pages.quiz_start, name="quiz-start"),
    path("attempt/<id:attempt_id>/", attempt_pages.attempt_page, name="quiz-attempt"),
    path("attempt/<id:attempt_id>/review/", attempt_pages.review_page, name="quiz-review"),
]
