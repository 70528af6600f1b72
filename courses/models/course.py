"""What a course page tells the engine about who may enrol and when."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField


class EnrolmentPolicy(models.Model):
    """Mixed into the course page type: self-enrolment, prerequisites and the window."""

    allow_self_enrolment = models.BooleanField(_("trainees may enrol themselves"), default=False)
    enrolment_opens_at = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(_("enrolment closes"), null=True, blank=True)
    prerequisites = ParentalManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("courses to complete first"),
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True
