"""Progression: stages, each trainee's stage, sign-offs, and the promotion case from nomination
to appointment.

A trainee's stage (``TraineeStage.stage``) is written only by the decision service when the
office approves a promotion; every nomination, review, decision, stage change and appointment
stays on record.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Stage(models.Model):
    """A stage of the path: 学员 → 后备干部 → 社区党委副书记 → 社区党委书记.

    The office may rename the stages or add more; ``order`` says which follows which.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), unique=True)

    class Meta:
        verbose_name = _("progression stage")
        verbose_name_plural = _("progression stages")
        ordering = ["order"]

    def __str__(self):
        return self.name


class TraineeStage(models.Model):
    """Where a trainee stands now. No row means the first stage."""

    trainee = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="progression_stage",
    )
    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="+"
    )
    since = models.DateField(_("since"))
    decision = models.ForeignKey(
        "mentoring.PromotionDecision",
        verbose_name=_("by decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("trainee's stage")
        verbose_name_plural = _("trainees' stages")

    def __str__(self):
        return f"{self.trainee}: {self.stage}"


class SignOff(models.Model):
    """A mentor's statement that the trainee is ready for the step into ``to_stage``."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="signoffs_received",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="signoffs_given",
    )
    to_stage = models.ForeignKey(
        Stage, verbose_name=_("ready for"), on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(_("comment"))
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentor's sign-off")
        verbose_name_plural = _("mentors' sign-offs")
        ordering = ["-signed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "mentor", "to_stage"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_standing_signoff_per_mentor_and_stage",
                violation_error_message=_("You have already signed off this step."),
            )
        ]

    def __str__(self):
        return f"{self.mentor} ✓ {self.trainee} → {self.to_stage}"


class PromotionCase(models.Model):
    """A nomination for the next stage and everything that follows from it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Under review")
        DEFERRED = "deferred", _("Deferred")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="promotion_cases",
    )
    from_stage = models.ForeignKey(
        Stage, verbose_name=_("from stage"), on_delete=models.PROTECT, related_name="+"
    )
    to_stage = models.ForeignKey(
        Stage, verbose_name=_("to stage"), on_delete=models.PROTECT, related_name="+"
    )
    statement = models.TextField(_("grounds for the nomination"), blank=True)
    readiness = models.JSONField(
        _("readiness at nomination"),
        default=list,
        blank=True,
        help_text=_("Each criterion, met or not, with its evidence, as it stood when nominated."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nominated_at = models.DateTimeField(_("nominated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("promotion case")
        verbose_name_plural = _("promotion cases")
        ordering = ["-nominated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee"],
                condition=Q(status__in=["open", "deferred"]),
                name="one_pending_promotion_case_per_trainee",
                violation_error_message=_("This trainee already has a promotion case under way."),
            ),
            models.CheckConstraint(
                condition=~Q(from_stage=F("to_stage")), name="promotion_changes_stage"
            ),
        ]

    def __str__(self):
        return f"{self.trainee}: {self.from_stage} → {self.to_stage}"


class PromotionReview(models.Model):
    class Recommendation(models.TextChoices):
        APPROVE = "approve", _("Approve")
        DEFER = "defer", _("Defer")
        REJECT = "reject", _("Reject")

    case = models.ForeignKey(
        PromotionCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recommendation = models.CharField(_("recommendation"), max_length=10, choices=Recommendation)
    comment = models.TextField(_("comments"))
    created_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("promotion review")
        verbose_name_plural = _("promotion reviews")
        ordering = ["case", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "reviewer"],
                name="one_review_per_reviewer",
                violation_error_message=_("You have already reviewed this case."),
            )
        ]

    def __str__(self):
        return f"{self.reviewer}: {self.get_recommendation_display()}"


class PromotionDecision(models.Model):
    class Outcome(models.TextChoices):
        APPROVE = "approve", _("Approved")
        DEFER = "defer", _("Deferred")
        REJECT = "reject", _("Rejected")

    case = models.ForeignKey(
        PromotionCase, verbose_name=_("case"), on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome)
    reason = models.TextField(_("reasons"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("promotion decision")
        verbose_name_plural = _("promotion decisions")
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return f"{self.case}: {self.get_outcome_display()}"


class StageChange(models.Model):
    """The history of a trainee's stage: one row per approved decision."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="stage_changes",
    )
    from_stage = models.ForeignKey(
        Stage, verbose_name=_("from stage"), on_delete=models.PROTECT, related_name="+"
    )
    to_stage = models.ForeignKey(
        Stage, verbose_name=_("to stage"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.OneToOneField(
        PromotionDecision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="stage_change",
    )
    effective_on = models.DateField(_("effective on"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["trainee", "effective_on", "id"]

    def __str__(self):
        return f"{self.trainee}: {self.from_stage} → {self.to_stage} ({self.effective_on})"


class Appointment(models.Model):
    """The post a promoted trainee takes up (任用)."""

    case = models.OneToOneField(
        PromotionCase,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="appointment",
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    post = models.CharField(_("post"), max_length=100)
    community = models.ForeignKey(
        "people.Community", verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    effective_on = models.DateField(_("effective on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["-effective_on", "-id"]

    def __str__(self):
        return f"{self.trainee}: {self.post} @ {self.community}"
