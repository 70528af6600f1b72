"""The coaching log: a trainee's sessions for their mentors, and the forms acting on them."""

from django.urls import path

from ..views import coaching

urlpatterns = [
    path("trainee/<id:trainee_id>/", coaching.coaching_trainee, name="coaching-trainee"),
    path(
        "session/<id:pk>/actions/",
        coaching.coaching_action_add_view,
        name="coaching-action-add",
    ),
    path(
        "session/<id:pk>/acknowledge/",
        coaching.coaching_acknowledge,
        name="coaching-acknowledge",
    ),
    path("action/<id:pk>/status/", coaching.coaching_action_status, name="coaching-action-status"),
]
