from django.contrib.auth import views as auth_views
from django.urls import path

from .views import account

app_name = "people"

urlpatterns = [
    path("login/", account.StudioLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", account.ProfileView.as_view(), name="profile"),
    path(
        "logout-everywhere/",
        account.LogoutEverywhereView.as_view(),
        name="logout-everywhere",
    ),
    path("password/", account.StudioPasswordChangeView.as_view(), name="password-change"),
    path(
        "password/done/",
        account.StudioPasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
    path("password-reset/", account.StudioPasswordResetView.as_view(), name="password-reset"),
    path(
        "password-reset/sent/",
        account.StudioPasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        account.StudioPasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        account.StudioPasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
]
