"""The coaching log: sessions a mentor records, and the actions agreed in them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CoachingSession(models.Model):
    """One coaching conversation.

    ``summary`` is written for the trainee; ``private_notes`` are for the mentor who wrote them
    and the office only. Selectors annotate ``notes_visible`` for the requesting user and leave
    the notes column out of a trainee's query; read the notes through ``visible_private_notes``.
    """

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video call")

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="coaching_sessions",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="coaching_sessions_given",
    )
    held_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode)
    topics = models.CharField(_("topics"), max_length=300)
    summary = models.TextField(_("summary for the trainee"))
    private_notes = models.TextField(
        _("private notes"), blank=True, help_text=_("Seen by you and the training office only.")
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    reflection = models.TextField(_("trainee's reflection"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=600),
                name="coaching_duration_1_to_600",
                violation_error_message=_("A session lasts from 1 to 600 minutes."),
            ),
            models.CheckConstraint(
                condition=~Q(mentor=models.F("trainee")),
                name="coaching_not_with_oneself",
            ),
        ]
        indexes = [models.Index(fields=["trainee", "held_on"])]

    def __str__(self):
        return f"{self.held_on} {self.mentor} → {self.trainee}"

    @property
    def visible_private_notes(self) -> str:
        """The private notes if the selector said this user may read them, else nothing."""
        if not getattr(self, "notes_visible", False):
            return ""
        return self.private_notes


class AgreedAction(models.Model):
    class Owner(models.TextChoices):
        TRAINEE = "trainee", _("Trainee")
        MENTOR = "mentor", _("Mentor")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    session = models.ForeignKey(
        CoachingSession,
        verbose_name=_("coaching session"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    owner = models.CharField(_("owner"), max_length=10, choices=Owner)
    description = models.CharField(_("action"), max_length=300)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | (~Q(status="open") & Q(closed_at__isnull=False)),
                name="action_closed_has_date",
            )
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return self.description
