"""A trainee's progress through each activity, and the learning-hours ledger (学时)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ActivityProgress(models.Model):
    """The evidence towards completing one activity; ``completed_at`` is set once, by a service."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_progress"
    )
    activity = models.ForeignKey("wagtailcore.Page", on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey("wagtailcore.Page", on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(_("viewed at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attended at"), null=True, blank=True)
    run_finished_at = models.DateTimeField(_("scenario run finished at"), null=True, blank=True)
    quiz_passed_at = models.DateTimeField(_("quiz passed at"), null=True, blank=True)
    work_accepted_at = models.DateTimeField(
        _("report or reflection accepted at"), null=True, blank=True
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("activity progress")
        verbose_name_plural = _("activity progress")
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "activity"], name="progress_once_per_activity"
            )
        ]
        indexes = [models.Index(fields=["trainee", "course"])]

    def __str__(self):
        return f"{self.trainee_id}/{self.activity_id}"


class HoursEntry(models.Model):
    """One line of the learning-hours ledger. Lines are never edited: corrections are new lines."""

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("Activity completed")
        MANUAL = "manual", _("Manual credit")
        CORRECTION = "correction", _("Correction")

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="hours_entries",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    activity = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    earned_on = models.DateField(_("date"), db_index=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("learning hours entry")
        verbose_name_plural = _("learning hours ledger")
        ordering = ["-earned_on", "-id"]
        constraints = [
            # An activity credits its hours exactly once, however often completion is reported.
            models.UniqueConstraint(
                fields=["trainee", "activity"],
                condition=Q(kind="activity"),
                name="hours_credited_once_per_activity",
            ),
            models.CheckConstraint(
                condition=Q(kind="activity", activity__isnull=False)
                | (~Q(kind="activity") & ~Q(reason="")),
                name="hours_entry_has_activity_or_reason",
            ),
            models.CheckConstraint(
                condition=~Q(kind="activity") | Q(hours__gte=0),
                name="hours_activity_credit_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["trainee", "earned_on"])]

    def __str__(self):
        return f"{self.earned_on} {self.hours:+}"


class HoursTarget(models.Model):
    """A trainee's annual target, where the office set one; otherwise the stage default applies."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hours_targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    hours = models.DecimalField(_("target hours"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("annual hours target")
        verbose_name_plural = _("annual hours targets")
        constraints = [
            models.UniqueConstraint(fields=["trainee", "year"], name="one_target_per_year"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="target_not_negative"),
        ]

    def __str__(self):
        return f"{self.year}: {self.hours}"


class StageHoursTarget(models.Model):
    """The default annual target for everyone at a progression stage; the office edits these."""

    stage = models.CharField(_("progression stage"), max_length=40, unique=True)
    hours = models.DecimalField(_("target hours"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("default hours target")
        verbose_name_plural = _("default hours targets")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0), name="stage_target_not_negative")
        ]

    def __str__(self):
        return f"{self.stage}: {self.hours}"
