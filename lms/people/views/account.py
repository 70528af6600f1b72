"""A person's own account: sign in, profile, sessions, password change and reset.

Django's auth views do the work; the studio adds its templates, "remember me" for shared
phones, and sends reset emails through ``services.password_reset_request`` (rate-limited,
queued on commit) instead of from the request.
"""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from wagtail.users.models import UserProfile

from ..forms import ProfileForm, StudioAuthenticationForm
from ..services import (
    PasswordResetLimited,
    password_reset_request,
    profile_update,
    sessions_end_everywhere,
)


class StudioLoginView(auth_views.LoginView):
    template_name = "people/login.html"
    form_class = StudioAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        # None falls back to SESSION_COOKIE_AGE; 0 ends the session with the browser.
        self.request.session.set_expiry(None if form.cleaned_data["remember_me"] else 0)
        return response


class ProfileView(LoginRequiredMixin, FormView):
    template_name = "people/profile.html"
    form_class = ProfileForm
    success_url = reverse_lazy("people:profile")

    def get_initial(self):
        user = self.request.user
        profile = UserProfile.get_for_user(user)
        return {
            "display_name": user.display_name,
            "mobile": user.mobile or "",
            "email": user.email,
            "language": profile.preferred_language or translation.get_language(),
        }

    def form_valid(self, form):
        try:
            profile_update(user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                for message in field_messages:
                    form.add_error(field if field in form.fields else None, message)
            return self.form_invalid(form)
        language = form.cleaned_data["language"]
        translation.activate(language)
        messages.success(self.request, _("Your details have been saved."))
        response = redirect(self.get_success_url())
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        return response


class LogoutEverywhereView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        sessions_end_everywhere(user=request.user)
        logout(request)
        messages.success(request, _("You have been logged out on every device."))
        return redirect("people:login")


class StudioPasswordChangeView(auth_views.PasswordChangeView):
    template_name = "people/password_change.html"
    success_url = reverse_lazy("people:password-change-done")


class StudioPasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "people/password_change_done.html"


class StudioPasswordResetView(auth_views.PasswordResetView):
    """Always the same answer, whether or not anyone has the address (no enumeration)."""

    template_name = "people/password_reset.html"
    success_url = reverse_lazy("people:password-reset-done")

    def form_valid(self, form):
        try:
            password_reset_request(
                email=form.cleaned_data["email"],
                # The same address django-axes locks logins by, so both agree behind a proxy.
                ip_address=get_client_ip_address(self.request),
                language=translation.get_language(),
            )
        except PasswordResetLimited:
            form.add_error(
                None,
                _("Too many reset requests. Wait an hour, or ask the training office for help."),
            )
            return self.form_invalid(form)
        return redirect(self.get_success_url())


class StudioPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "people/password_reset_done.html"


class StudioPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password-reset-complete")


class StudioPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "people/password_reset_complete.html"
