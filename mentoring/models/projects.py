"""Livelihood micro-projects (民生微实事) led by trainees through a compound branch."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LivelihoodProject(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    branch = models.ForeignKey(
        "people.Branch",
        verbose_name=_("branch"),
        on_delete=models.PROTECT,
        related_name="livelihood_projects",
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("led by"),
        on_delete=models.PROTECT,
        related_name="led_livelihood_projects",
    )
    budget = models.DecimalField(_("budget (yuan)"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PROPOSED)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("livelihood micro-project")
        verbose_name_plural = _("livelihood micro-projects")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="project_budget_not_negative",
                violation_error_message=_("A budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_on__isnull=False),
                name="project_completed_has_date",
                violation_error_message=_("A completed project needs its completion date."),
            ),
        ]

    def __str__(self):
        return self.title
