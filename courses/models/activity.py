"""What every curriculum activity must tell the engine, whatever page type presents it.

The cms page types inherit this mixin; the engine only ever sees ``wagtailcore.Page`` rows
and these fields, so it never needs to import the presentation layer.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .quizzes import Quiz


class CompletionRule(models.TextChoices):
    """How an activity is completed; each rule reads the trainee's progress record."""

    VIEW_AND_CONFIRM = "view_confirm", _("Viewed and confirmed (and quiz passed, if any)")
    ATTENDANCE = "attendance", _("Attendance")
    ATTENDANCE_OR_VIEW = "attend_or_view", _("Attendance, or viewed and confirmed online")
    RUN_AND_REFLECTION = "run_reflection", _("Scenario run finished and reflection accepted")
    ATTENDANCE_AND_REPORT = "attendance_report", _("Attendance and an accepted report")

    @property
    def accepts_confirmation(self) -> bool:
        return self in (CompletionRule.VIEW_AND_CONFIRM, CompletionRule.ATTENDANCE_OR_VIEW)

    def steps(self, progress, *, requires_quiz: bool = False) -> list[tuple[str, bool]]:
        """What completing needs, each with whether this progress record shows it done."""

        def done(field):
            return bool(progress is not None and getattr(progress, field))

        watched = [(_("Studied and confirmed"), done("confirmed_at"))]
        if requires_quiz:
            watched.append((_("Quiz passed"), done("quiz_passed_at")))
        attended = [(_("Attended (sign in with the QR code at the session)"), done("attended_at"))]
        accepted = [(_("Written work accepted by a reviewer"), done("work_accepted_at"))]
        return {
            CompletionRule.VIEW_AND_CONFIRM: watched,
            CompletionRule.ATTENDANCE: attended,
            CompletionRule.ATTENDANCE_OR_VIEW: attended + watched,
            CompletionRule.RUN_AND_REFLECTION: [
                (_("Scenario played to an ending"), done("run_finished_at")),
                *accepted,
            ],
            CompletionRule.ATTENDANCE_AND_REPORT: attended + accepted,
        }[self]

    def is_met(self, progress, *, requires_quiz: bool = False) -> bool:
        steps = [ok for _label, ok in self.steps(progress, requires_quiz=requires_quiz)]
        if self == CompletionRule.ATTENDANCE_OR_VIEW:
            attended, *watched = steps
            return attended or all(watched)
        return all(steps)


class LearningActivity(models.Model):
    """An activity that earns learning hours (学时) and may be required for its course."""

    learning_hours = models.DecimalField(
        _("learning hours"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("99.9"))],
        help_text=_("Hours credited to a trainee who completes this activity."),
    )
    is_required = models.BooleanField(
        _("required for the course"),
        default=True,
        help_text=_("A course is complete when every required activity is complete."),
    )

    class Meta:
        abstract = True

    def completion_rule(self) -> CompletionRule:
        """How a trainee completes this activity; each page type says."""
        raise NotImplementedError

    def requires_quiz(self) -> bool:
        """Whether a passed quiz is part of completing this activity: a published quiz on it
        that the office set to count for completion."""
        return Quiz.objects.filter(
            activity_id=self.pk, is_published=True, counts_for_completion=True
        ).exists()

    @property
    def takes_attendance(self) -> bool:
        return self.completion_rule() in (
            CompletionRule.ATTENDANCE,
            CompletionRule.ATTENDANCE_OR_VIEW,
            CompletionRule.ATTENDANCE_AND_REPORT,
        )
