"""The coaching log: a trainee's sessions for their mentors, and the forms acting on them."""

from django.urls import path

from ..views import coaching

urlpatterns = [
    path("trainee/<int:trainee_id>/", coaching.coaching_trainee, name="coaching-trainee"),
    path(
        "session/<int:pk>/actions/",
        coaching.coaching_action_add_view,
        name="coaching-action-add",
    ),
    path(
        "session/<int:pk>/acknowledge/",
        coaching.coaching_acknowledge,
        name="coaching-acknowledge",
    ),
    path("action/<int:pk>/status/", coaching.coaching_action_status, name="coaching-action-status"),
]
