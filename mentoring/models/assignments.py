"""Who mentors whom, and the proposals the office reviews before assignments are made.

An assignment covers the days ``starts_on`` ≤ day < ``ends_on``: ``ends_on`` is the first day
the mentor no longer mentors the trainee, so an assignment ended today and its successor
starting today never overlap. Ending sets ``ends_on``; rows are never deleted.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .proposals import Proposal


def current_assignment_q(on: datetime.date | None = None, prefix: str = "") -> Q:
    """Assignments (under ``prefix``) running on ``on`` (today by default)."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}starts_on__lte": on}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gt": on})
    )


def place_held_q(on: datetime.date, prefix: str = "") -> Q:
    """Assignments (under ``prefix``) still open on ``on`` or later, whenever they start: each
    holds one of the mentor's places from ``on`` on (what the capacity rule counts)."""
    return Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gt": on})


class MentorAssignment(models.Model):
    class Kind(models.TextChoices):
        PRIMARY = "primary", _("Primary mentor")
        CROSS = "cross", _("Cross mentor")

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="mentor_assignments",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="mentee_assignments",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ended on"), null=True, blank=True, help_text=_("The first day without this mentor.")
    )
    end_reason = models.CharField(_("reason for ending"), max_length=200, blank=True)
    proposal = models.ForeignKey(
        "mentoring.MatchingProposal",
        verbose_name=_("from proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "kind"],
                condition=Q(ends_on__isnull=True),
                name="one_open_mentor_assignment_per_kind",
                violation_error_message=_(
                    "This trainee already has a current mentor of this kind; end that "
                    "assignment first."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(mentor=F("trainee")),
                name="mentor_is_not_own_trainee",
                violation_error_message=_("Nobody mentors themselves."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="assignment_ends_after_start",
                violation_error_message=_("An assignment cannot end before it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "ends_on"]),
            models.Index(fields=["trainee", "ends_on"]),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.trainee} ({self.get_kind_display()})"

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on > on)


class MatchingProposal(Proposal):
    """A proposed matching of a cohort's trainees with mentors, reviewed before it is confirmed."""

    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("assignments start on"))

    class Meta:
        verbose_name = _("mentor matching proposal")
        verbose_name_plural = _("mentor matching proposals")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.cohort} {self.created_at:%Y-%m-%d}"


class MatchingProposalRow(models.Model):
    """One trainee's proposed mentors; an empty mentor means nothing changes for that kind."""

    proposal = models.ForeignKey(
        MatchingProposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="rows"
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    primary_mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("primary mentor"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    cross_mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cross mentor"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("proposed matching")
        verbose_name_plural = _("proposed matchings")
        ordering = ["proposal", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "trainee"], name="matching_row_once_per_trainee"
            ),
            models.CheckConstraint(
                condition=Q(primary_mentor__isnull=True)
                | Q(cross_mentor__isnull=True)
                | ~Q(primary_mentor=F("cross_mentor")),
                name="matching_row_two_different_mentors",
                violation_error_message=_(
                    "The primary and the cross mentor must be two different people."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.trainee}: {self.primary_mentor} / {self.cross_mentor}"
