"""Attendance at in-person activities: how a trainee was marked present, and by whom."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignInWindow(models.Model):
    """Mixed into activities held in person: how long before and after sign-in stays open."""

    signin_opens_minutes_before = models.PositiveSmallIntegerField(
        _("sign-in opens (minutes before the start)"), default=30
    )
    signin_closes_minutes_after = models.PositiveSmallIntegerField(
        _("sign-in closes (minutes after the end)"), default=30
    )

    class Meta:
        abstract = True

    def attendance_days(self) -> list[tuple[datetime.date, datetime.datetime, datetime.datetime]]:
        """Each day attendance is taken, with the moment it starts and ends (aware)."""
        raise NotImplementedError

    def signin_windows(self):
        """Each day with the window in which a trainee may sign in, grace included."""
        before = datetime.timedelta(minutes=self.signin_opens_minutes_before)
        after = datetime.timedelta(minutes=self.signin_closes_minutes_after)
        return [(day, start - before, end + after) for day, start, end in self.attendance_days()]

    def signin_window_at(self, moment=None):
        """The day whose sign-in window contains ``moment`` (now by default), or None."""
        moment = moment or timezone.now()
        for day, opens, closes in self.signin_windows():
            if opens <= moment <= closes:
                return day, opens, closes
        return None


class Attendance(models.Model):
    class Method(models.TextChoices):
        QR = "qr", _("Scanned the QR code")
        CODE = "code", _("Entered the short code")
        MANUAL = "manual", _("Marked by staff")

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    activity = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("activity"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("day"))
    method = models.CharField(_("how"), max_length=10, choices=Method)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["-day", "-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "activity", "day"], name="attend_once_per_day"
            ),
            models.CheckConstraint(
                condition=~Q(method="manual") | ~Q(reason=""), name="manual_attendance_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.trainee} {self.day}"
