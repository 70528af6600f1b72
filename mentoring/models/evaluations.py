"""Rubrics the office keeps, and evaluations against them by mentors, hosts, peers and oneself."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Rubric(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation rubric")
        verbose_name_plural = _("evaluation rubrics")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")),
                name="rubric_scale_not_empty",
                violation_error_message=_("The highest score must be above the lowest."),
            )
        ]

    def __str__(self):
        return self.name


class RubricDimension(models.Model):
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubric"), on_delete=models.CASCADE, related_name="dimensions"
    )
    name = models.CharField(_("dimension"), max_length=100)
    descriptor = models.TextField(
        _("descriptor"), blank=True, help_text=_("What a high and a low score look like.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("rubric dimension")
        verbose_name_plural = _("rubric dimensions")
        ordering = ["rubric", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "name"], name="dimension_unique_in_rubric")
        ]

    def __str__(self):
        return self.name


class Evaluation(models.Model):
    class Kind(models.TextChoices):
        MENTOR = "mentor", _("Mentor's evaluation")
        HOST = "host", _("Host secretary's evaluation")
        SELF = "self", _("Self-evaluation")
        PEER = "peer", _("Peer evaluation")

    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubric"), on_delete=models.PROTECT, related_name="evaluations"
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="evaluations_received",
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.PROTECT,
        related_name="evaluations_given",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    rotation = models.ForeignKey(
        "mentoring.Rotation",
        verbose_name=_("rotation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evaluated_on = models.DateField(_("date"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-evaluated_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="host") | Q(rotation__isnull=False),
                name="host_evaluation_has_rotation",
            ),
            models.CheckConstraint(
                condition=~Q(kind="peer") | Q(cohort__isnull=False),
                name="peer_evaluation_has_cohort",
            ),
            models.CheckConstraint(
                condition=(Q(kind="self") & Q(evaluator=F("trainee")))
                | (~Q(kind="self") & ~Q(evaluator=F("trainee"))),
                name="self_evaluation_is_by_oneself",
            ),
            models.UniqueConstraint(
                fields=["rotation"],
                condition=Q(kind="host"),
                name="one_host_evaluation_per_rotation",
                violation_error_message=_("This rotation has already been evaluated by its host."),
            ),
        ]
        indexes = [models.Index(fields=["trainee", "evaluated_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.trainee} · {self.evaluated_on}"


class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="scores"
    )
    dimension = models.ForeignKey(
        RubricDimension, verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "dimension"], name="score_once_per_dimension"
            )
        ]

    def __str__(self):
        return f"{self.dimension_id}: {self.score}"
