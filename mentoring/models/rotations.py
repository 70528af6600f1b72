"""Shadowing rotations (跟班锻炼), the trainee's weekly journal, and rotation plans.

A rotation covers ``starts_on`` to ``ends_on``, both days included. On PostgreSQL an exclusion
constraint (migration 0002) keeps a trainee's non-cancelled rotations from overlapping; the
scheduling service checks the same thing under row locks on every database.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .proposals import Proposal

# The host secretary evaluates the trainee in the rotation's last week (its last seven days).
HOST_EVALUATION_DAYS = 7


class RotationPlan(Proposal):
    """A proposed set of rotations for a cohort, reviewed before the rotations are scheduled."""

    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="+"
    )
    rotations_each = models.PositiveSmallIntegerField(_("rotations per trainee"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    weeks_per_rotation = models.PositiveSmallIntegerField(_("weeks per rotation"))
    solver_status = models.CharField(_("planner's result"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("rotation plan")
        verbose_name_plural = _("rotation plans")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="rotation_plan_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(rotations_each__gte=1) & Q(weeks_per_rotation__gte=1),
                name="rotation_plan_positive_sizes",
            ),
        ]

    def __str__(self):
        return f"{self.cohort} {self.starts_on}–{self.ends_on}"


class RotationPlanRow(models.Model):
    plan = models.ForeignKey(
        RotationPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="rows"
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("host secretary"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    host_community = models.ForeignKey(
        "people.Community", verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("planned rotation")
        verbose_name_plural = _("planned rotations")
        ordering = ["plan", "trainee", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "trainee", "starts_on"], name="plan_row_one_place_at_a_time"
            )
        ]

    def __str__(self):
        return f"{self.trainee} @ {self.host} {self.starts_on}"


class Rotation(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="rotations",
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("host secretary"),
        on_delete=models.PROTECT,
        related_name="hosted_rotations",
    )
    host_community = models.ForeignKey(
        "people.Community",
        verbose_name=_("host community"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The host's community when the rotation was scheduled."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    objectives = models.TextField(_("objectives"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SCHEDULED)
    plan = models.ForeignKey(
        RotationPlan,
        verbose_name=_("from plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rotations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("shadowing rotation")
        verbose_name_plural = _("shadowing rotations")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="rotation_ends_after_start",
                violation_error_message=_("A rotation cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(host=F("trainee")), name="rotation_host_is_not_trainee"
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="rotation_completed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False),
                name="rotation_cancelled_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["trainee", "starts_on"]),
            models.Index(fields=["host", "starts_on"]),
        ]

    def __str__(self):
        return f"{self.trainee} @ {self.host_community} {self.starts_on}–{self.ends_on}"

    @property
    def host_evaluation_opens_on(self) -> datetime.date:
        """The first day of the rotation's last week, when the host may evaluate the trainee."""
        return self.ends_on - datetime.timedelta(days=HOST_EVALUATION_DAYS - 1)


class RotationJournalEntry(models.Model):
    """The trainee's journal: one entry per ISO week of a rotation."""

    rotation = models.ForeignKey(
        Rotation, verbose_name=_("rotation"), on_delete=models.CASCADE, related_name="journal"
    )
    iso_year = models.PositiveSmallIntegerField(_("ISO year"))
    iso_week = models.PositiveSmallIntegerField(_("ISO week"))
    week_starts_on = models.DateField(_("week of"))
    body = models.TextField(_("entry"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("rotation journal entry")
        verbose_name_plural = _("rotation journal entries")
        ordering = ["rotation", "week_starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["rotation", "iso_year", "iso_week"],
                name="journal_once_per_week",
                violation_error_message=_("This week already has a journal entry."),
            ),
            models.CheckConstraint(
                condition=Q(iso_week__gte=1) & Q(iso_week__lte=53), name="journal_week_1_to_53"
            ),
        ]

    def __str__(self):
        return f"{self.rotation_id} {self.iso_year}-W{self.iso_week:02d}"
