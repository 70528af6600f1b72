"""Shadowing rotations: the list, one rotation, its journal, the host's evaluation, completion."""

from django.urls import path

from ..views import rotations

urlpatterns = [
    path("", rotations.rotation_list, name="rotation-list"),
    path("<int:pk>/", rotations.rotation_detail, name="rotation-detail"),
    path("<int:pk>/journal/", rotations.rotation_journal, name="rotation-journal"),
    path("<int:pk>/evaluate/", rotations.rotation_evaluate, name="rotation-evaluate"),
    path("<int:pk>/complete/", rotations.rotation_complete_view, name="rotation-complete"),
]
