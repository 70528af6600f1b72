"""The studio's user: one account per person, named as colleagues know them."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

mobile_validator = RegexValidator(
    regex=r"^1[3-9]\d{9}$",
    message=_("Enter an 11-digit mainland mobile number starting with 13–19."),
)


class User(AbstractUser):
    display_name = models.CharField(
        _("display name"),
        max_length=50,
        blank=True,
        help_text=_("The name shown across the studio, usually the Chinese full name."),
    )
    mobile = models.CharField(
        _("mobile number"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[mobile_validator],
        error_messages={"unique": _("Another person already uses this mobile number.")},
    )
    community = models.ForeignKey(
        "people.Community",
        verbose_name=_("community"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )

    # Raised by "log out everywhere": it is part of the session auth hash, so every session
    # signed in before the change stops matching, whatever backend stores the sessions.
    sessions_epoch = models.PositiveIntegerField(default=0, editable=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["display_name", "username"]

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username

    def get_full_name(self):
        return self.display_name or super().get_full_name()

    def get_short_name(self):
        return self.display_name or super().get_short_name()

    def get_session_auth_hash(self):
        return self._session_auth_hash()

    def get_session_auth_fallback_hash(self):
        from django.conf import settings

        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_auth_hash(secret=fallback_secret)

    def _session_auth_hash(self, secret=None):
        """Django's hash of the password, plus the epoch once it has been raised: sessions from
        before the first "log out everywhere" keep Django's own value and stay valid."""
        if not self.sessions_epoch:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "lms.people.User.get_session_auth_hash",
            f"{self.password}:{self.sessions_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()
