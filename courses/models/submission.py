"""Written work a reviewer accepts or returns: study-tour reports and scenario reflections."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage


def _photo_path(instance, filename):
    # Random names: the original name may say more than the trainee meant to share.
    return f"submissions/{instance.submission.trainee_id}/{uuid.uuid4().hex}.{instance.extension}"


class Submission(models.Model):
    class Kind(models.TextChoices):
        TOUR_REPORT = "tour_report", _("Study tour report")
        REFLECTION = "reflection", _("Scenario reflection")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for changes")

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    activity = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("activity"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField(_("reviewer's comments"), blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "activity", "kind"], name="one_submission_per_activity"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="submission_sent_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.trainee}"


class SubmissionPhoto(models.Model):
    """A photo attached to a submission, re-encoded after upload (no location metadata).

    The upload is kept as it came, in private storage, while a Celery task decodes and
    re-encodes it (``submission_photo_process``); until then its ``state`` is ``processing``
    and it is never served, so its metadata never leaves the server. A file that turns out to be
    damaged when decoded is ``failed``: its file is deleted and the trainee is asked to choose
    it again. ``width`` and ``height`` are the header's until the photo is ready.
    """

    class State(models.TextChoices):
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be read")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=_photo_path, storage=private_storage)
    extension = models.CharField(max_length=5)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.READY)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("submission photo")
        verbose_name_plural = _("submission photos")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.caption or self.image.name
