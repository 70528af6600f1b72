from django.urls import path

from . import planning_views as views

app_name = "mentoring_planning"

urlpatterns = [
    path("", views.CohortListView.as_view(), name="cohorts"),
    path(
        "cohorts/<int:cohort_id>/matching/",
        views.MatchingProposeView.as_view(),
        name="matching-propose",
    ),
    path(
        "cohorts/<int:cohort_id>/rotations/",
        views.RotationPlanProposeView.as_view(),
        name="plan-propose",
    ),
    path("matching/<int:proposal_id>/", views.MatchingProposalView.as_view(), name="matching"),
    path(
        "matching/<int:proposal_id>/rows/<int:row_id>/",
        views.MatchingRowChangeView.as_view(),
        name="matching-row",
    ),
    path(
        "matching/<int:proposal_id>/confirm/",
        views.MatchingConfirmView.as_view(),
        name="matching-confirm",
    ),
    path(
        "matching/<int:proposal_id>/discard/",
        views.MatchingDiscardView.as_view(),
        name="matching-discard",
    ),
    path("rotations/<int:plan_id>/", views.RotationPlanView.as_view(), name="plan"),
    path(
        "rotations/<int:plan_id>/rows/<int:row_id>/",
        views.RotationPlanRowChangeView.as_view(),
        name="plan-row",
    ),
    path(
        "rotations/<int:plan_id>/confirm/",
        views.RotationPlanConfirmView.as_view(),
        name="plan-confirm",
    ),
    path(
        "rotations/<int:plan_id>/discard/",
        views.RotationPlanDiscardView.as_view(),
        name="plan-discard",
    ),
]
