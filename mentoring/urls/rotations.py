"""Shadowing rotations: the list, one rotation, its journal, the host's evaluation, completion."""

from django.urls import path

from ..views import rotations

urlpatterns = [
    path("", rotations.rotation_list, name="rotation-list"),
    path("<id:pk>/", rotations.rotation_detail, name="rotation-detail"),
    path("<id:pk>/journal/", rotations.rotation_journal, name="rotation-journal"),
    path("<id:pk>/evaluate/", rotations.rotation_evaluate, name="rotation-evaluate"),
    path("<id:pk>/complete/", rotations.rotation_complete_view, name="rotation-complete"),
]
