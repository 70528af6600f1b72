"""A trainee's readiness for the next stage (the office's promotion pages are in the admin)."""

from django.urls import path

from ..views import progression

urlpatterns = [
    path("readiness/<id:trainee_id>/", progression.readiness, name="readiness"),
]
