"""Certificates of course completion, verifiable by anyone through a public code."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage


class Certificate(models.Model):
    enrolment = models.OneToOneField(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("course"), on_delete=models.PROTECT, related_name="+"
    )
    serial = models.CharField(_("serial number"), max_length=30, unique=True)
    verification_code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trainee_name = models.CharField(_("name on the certificate"), max_length=50)
    course_title = models.CharField(_("course on the certificate"), max_length=255)
    hours = models.DecimalField(_("learning hours"), max_digits=5, decimal_places=1)
    issued_at = models.DateTimeField(_("issued at"))
    png = models.FileField(
        _("image"), upload_to="certificates/", storage=private_storage, blank=True
    )
    pdf = models.FileField(_("PDF"), upload_to="certificates/", storage=private_storage, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.CharField(_("reason for revocation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revocation_reason=""),
                name="revocation_has_reason",
            )
        ]

    def __str__(self):
        return self.serial

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def has_files(self) -> bool:
        """Whether the PNG and PDF are drawn: they follow the row a moment after it is issued."""
        return bool(self.png and self.pdf)


class CertificateSerialCounter(models.Model):
    """The last serial number given out in a year; see ``courses.certificates.serial``."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number issued"))

    class Meta:
        verbose_name = _("certificate serial counter")
        verbose_name_plural = _("certificate serial counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"
