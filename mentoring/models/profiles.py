"""How many trainees a mentor or a host secretary takes on at once."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MentorProfile(models.Model):
    """A mentor's capacity: primary and cross mentees both count against it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentor_profile",
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=4,
        help_text=_("The most trainees this mentor coaches at once, as primary or cross mentor."),
    )
    is_active = models.BooleanField(_("takes new trainees"), default=True)

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="mentor_capacity_positive",
                violation_error_message=_("A mentor's capacity is at least one trainee."),
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.capacity})"


class HostProfile(models.Model):
    """A host secretary's capacity: the most shadowing trainees at the same time."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("host secretary"),
        on_delete=models.CASCADE,
        related_name="host_profile",
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=2,
        help_text=_("The most trainees shadowing this secretary at the same time."),
    )
    is_active = models.BooleanField(_("takes trainees"), default=True)

    class Meta:
        verbose_name = _("host profile")
        verbose_name_plural = _("host profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="host_capacity_positive",
                violation_error_message=_("A host's capacity is at least one trainee."),
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.capacity})"
