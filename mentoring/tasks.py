"""Background work for the mentoring app. Each task takes ids and calls one service."""

import logging

from celery import shared_task
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError

from lms.people.models import User

from .models import Dossier
from .services.dossiers import dossier_generate as dossier_generate_service

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),  # a lock wait or a dropped connection: try again
    retry_backoff=True,
    max_retries=3,
)
def dossier_generate(trainee_id: int, actor_id: int) -> str | None:
    """Draw the trainee's evidence dossier; the stored file's name, or ``None``.

    Enqueued on commit by ``mentoring.services.dossier_request``, which marks the dossier
    pending. Safe to run twice: once the dossier is ready nothing is pending any more, so a
    second delivery of the same request returns the file already drawn instead of drawing it
    again. Each new request marks the dossier pending, and its task draws it anew.
    """
    trainee = User.objects.filter(pk=trainee_id).select_related("community").first()
    actor = User.objects.filter(pk=actor_id).first()
    if trainee is None or actor is None:
        logger.warning("dossier_generate: trainee %s or actor %s is gone", trainee_id, actor_id)
        return None
    current = Dossier.objects.filter(trainee_id=trainee_id).first()
    if current is not None and current.status == Dossier.Status.READY and current.file:
        logger.info("dossier_generate: the dossier of trainee %s is already drawn", trainee_id)
        return current.file.name
    try:
        dossier = dossier_generate_service(actor=actor, trainee=trainee)
    except (PermissionDenied, ValidationError) as refusal:
        # The actor is no longer in the office, or the person no longer a trainee: retrying
        # cannot help; the dossier stays pending until the office asks again.
        logger.warning("dossier_generate: refused for trainee %s: %s", trainee_id, refusal)
        return None
    if dossier.status != Dossier.Status.READY:
        logger.error("dossier_generate: trainee %s: %s", trainee_id, dossier.failure)
        return None
    return dossier.file.name
