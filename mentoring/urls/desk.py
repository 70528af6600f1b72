"""The mentor's desk and the trainee's own mentoring page."""

from django.urls import path

from ..views import desk

urlpatterns = [
    path("", desk.mentor_desk, name="desk"),
    path("me/", desk.my_mentoring, name="my-mentoring"),
]
