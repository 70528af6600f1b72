"""The office's quiz reports, under ``/admin/quiz-reports/`` (see ``wagtail_hooks``)."""

from django.urls import path

from .views import quiz_reports

app_name = "courses_quiz_reports"

urlpatterns = [
    path("", quiz_reports.QuizReportIndexView.as_view(), name="index"),
    path("<id:quiz_id>/", quiz_reports.QuizReportView.as_view(), name="quiz"),
    path("<id:quiz_id>/export/", quiz_reports.QuizReportExportView.as_view(), name="export"),
]
