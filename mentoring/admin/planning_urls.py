from django.urls import path

from . import planning_views as views

app_name = "mentoring_planning"

urlpatterns = [
    path("", views.CohortListView.as_view(), name="cohorts"),
    path(
        "cohorts/<id:cohort_id>/matching/",
        views.MatchingProposeView.as_view(),
        name="matching-propose",
    ),
    path(
        "cohorts/<id:cohort_id>/rotations/",
        views.RotationPlanProposeView.as_view(),
        name="plan-propose",
    ),
    path("matching/<id:proposal_id>/", views.MatchingProposalView.as_view(), name="matching"),
    path(
        "matching/<id:proposal_id>/rows/<id:row_id>/",
        views.MatchingRowChangeView.as_view(),
        name="matching-row",
    ),
    path(
        "matching/<id:proposal_id>/confirm/",
        views.MatchingConfirmView.as_view(),
        name="matching-confirm",
    ),
    path(
        "matching/<id:proposal_id>/discard/",
        views.MatchingDiscardView.as_view(),
        name="matching-discard",
    ),
    path("rotations/<id:plan_id>/", views.RotationPlanView.as_view(), name="plan"),
    path(
        "rotations/<id:plan_id>/rows/<id:row_id>/",
        views.RotationPlanRowChangeView.as_view(),
        name="plan-row",
    ),
    path(
        "rotations/<id:plan_id>/confirm/",
        views.RotationPlanConfirmView.as_view(),
        name="plan-confirm",
    ),
    path(
        "rotations/<id:plan_id>/discard/",
        views.RotationPlanDiscardView.as_view(),
        name="plan-discard",
    ),
]
