"""The office's progression pages in the admin, under ``/admin/mentoring/progression/``."""

from django.urls import path

from . import progression_views as views

app_name = "mentoring_progression"

urlpatterns = [
    path("", views.ReadinessBoardView.as_view(), name="board"),
    path("nominate/<id:trainee_id>/", views.NominateView.as_view(), name="nominate"),
    path("cases/", views.CaseListView.as_view(), name="cases"),
    path("cases/<id:case_id>/", views.CaseView.as_view(), name="case"),
    path("figures/", views.FiguresView.as_view(), name="figures"),
    path("figures/export/", views.FiguresExportView.as_view(), name="figures-export"),
]
