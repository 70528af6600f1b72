"""Evidence dossiers: the office asks for one, the office and the primary mentor download it."""

from django.urls import path

from ..views import dossiers

urlpatterns = [
    path("<id:trainee_id>/", dossiers.dossier_request, name="dossier-request"),
    path("<id:trainee_id>/download/", dossiers.dossier_download, name="dossier-download"),
]
