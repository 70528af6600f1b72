"""Background work for the learning engine. Each task takes ids and calls one service."""

import logging

from celery import shared_task
from django.db import OperationalError

from .certificates.fonts import MissingGlyphs
from .exceptions import EngineRefusal
from .models import Certificate, Enrolment
from .services.attempts import attempt_close_overdue, overdue_attempt_ids
from .services.certificates import certificate_issue as certificate_issue_service
from .services.certificates import certificates_due_enrolment_ids
from .services.submissions import submission_photo_process as submission_photo_process_service

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    # A worker that dies mid-task (killed, out of memory) puts the message back for another.
    reject_on_worker_lost=True,
    # Whatever escapes is taken as passing (a lock wait, a lost connection, a full disk, a
    # time limit): what cannot succeed on a second run is caught below and not retried.
    autoretry_for=(Exception,),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,  # over twenty minutes at most; after that the sweeper picks it up
)
def certificate_issue(enrolment_id: int) -> str | None:
    """Issue the certificate of a completed enrolment and draw its files; the serial, or ``None``.

    Enqueued on commit when an enrolment completes (``courses.services.progress``). Safe to run
    twice, or in two workers at once: the service issues one certificate per enrolment and
    draws its files only if they are missing, so a retry after a failure halfway (the row
    committed, the files not yet drawn) just finishes the job.
    """
    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    if enrolment is None:
        logger.warning("certificate_issue: enrolment %s does not exist", enrolment_id)
        return None
    try:
        certificate = certificate_issue_service(enrolment=enrolment)
    except EngineRefusal:
        logger.info("certificate_issue: enrolment %s is not completed", enrolment_id)
        return None
    except MissingGlyphs:
        # Retrying cannot help: the name or title needs a font that covers it
        # (CERTIFICATE_FONT_PATH). The certificate is issued; the sweeper draws its files
        # once a font that covers them is configured.
        logger.exception("certificate_issue: enrolment %s cannot be drawn", enrolment_id)
        return Certificate.objects.get(enrolment_id=enrolment_id).serial
    return certificate.serial


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def certificates_sweep() -> int:
    """Issue the certificates that completed enrolments still lack, and draw missing files.

    Run by Celery beat every ten minutes as the safety net behind ``certificate_issue``: a
    task lost with a killed worker or a broker outage, or one whose retries ran out, is done
    here. Safe to run twice, or alongside the tasks it stands in for: issuing is idempotent.
    How many certificates it completed.
    """
    done = 0
    for enrolment_id in certificates_due_enrolment_ids():
        try:
            certificate_issue_service(enrolment=Enrolment.objects.get(pk=enrolment_id))
        except OperationalError:
            raise  # the database is busy or gone: the whole run is retried
        except Exception:
            # One certificate that cannot be drawn (a name the font lacks) must not hold up
            # the others every time.
            logger.exception("certificates_sweep: enrolment %s has no certificate", enrolment_id)
        else:
            done += 1
    if done:
        logger.info("certificates_sweep: completed %d certificates", done)
    return done


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def attempts_close_overdue() -> int:
    """Submit every quiz attempt whose time (and grace period) ran out; how many it closed.

    Run by Celery beat every minute, so an attempt left open on a phone that went offline is
    still submitted on time. Safe to run twice, or in two workers at once: each attempt is
    submitted by a compare-and-set inside ``attempt_close_overdue``, which does nothing for an
    attempt already submitted or still within its grace period.
    """
    closed = 0
    for attempt_id in overdue_attempt_ids():
        try:
            closed += bool(attempt_close_overdue(attempt_id=attempt_id))
        except OperationalError:
            raise  # the database is busy or gone: the whole run is retried
        except Exception:
            # One attempt that cannot be marked must not hold up everyone else's every minute.
            logger.exception("attempts_close_overdue: attempt %s could not be closed", attempt_id)
    if closed:
        logger.info("attempts_close_overdue: submitted %d attempts", closed)
    return closed


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def submission_photo_process(photo_id: int) -> str | None:
    """Decode and re-encode a photo a trainee attached; its new state, or ``None`` if it had
    already been processed or removed.

    Enqueued on commit by ``submission_save``, one task per photo, so one worker decodes one
    photo at a time. Safe to run twice, or in two workers at once (see the service).
    """
    photo = submission_photo_process_service(photo_id=photo_id)
    return photo.state if photo is not None else None
