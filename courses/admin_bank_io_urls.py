"""Admin URLs of the question bank's files; mounted under /admin/question-bank/io/."""

from django.urls import path

from .views import bank_io

app_name = "courses_bank_io"

urlpatterns = [
    path("import/", bank_io.ImportView.as_view(), name="import"),
    path("import/confirm/", bank_io.ImportCommitView.as_view(), name="import-commit"),
    path("export/", bank_io.ExportView.as_view(), name="export"),
    path("export/download/", bank_io.ExportDownloadView.as_view(), name="export-download"),
    path("template.xlsx", bank_io.TemplateDownloadView.as_view(), name="template"),
]
