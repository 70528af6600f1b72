"""Issuing certificates when a course is completed, and revoking them (the office only).

Issuing is two steps, each committed on its own, and both safe to run any number of times and
from several workers at once:

1. The certificate row, in one short transaction: the enrolment row is locked first, so a
   second issuer of the same certificate waits and then finds it (the one-to-one link from
   certificate to enrolment is the backstop where locks are not available: SQLite serialises
   writers instead); the serial is taken from the year's counter in the same transaction (see
   ``courses.certificates.serial``), whose lock is held only for this short step.
2. The PNG and PDF, drawn after that commit, outside any lock, then attached in a second short
   transaction unless another drawer attached theirs first. A failure here (a worker killed, a
   full disk, a font that cannot draw the trainee's name) can neither lose the certificate nor
   issue a second one: the row and its serial stay, the pages say the files are being
   prepared, and the task's retries or the sweeper (``courses.tasks.certificates_sweep``) draw
   them later. Files written by a drawer that died before attaching them stay unreferenced in
   storage; their names are random, so they are never served.

The hours on a certificate are the learning-hours ledger's ``activity`` lines for the course's
activities: what the trainee was actually credited when each activity was completed, required
activities and optional ones alike. Later edits to an activity's hours and manual credits or
corrections (which belong to no course) do not change them. Name, course title and hours are
copied onto the certificate so it keeps saying what it said when it was issued.
"""

import secrets
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.audit.services import audit_record
from lms.people.roles import MANAGE_CERTIFICATES

from ..certificates.display import verify_url
from ..certificates.render import CertificateContent, certificate_layout, render_pdf, render_png
from ..certificates.serial import serial_allocate
from ..exceptions import EngineRefusal, NotAllowed
from ..models import Certificate, Enrolment, HoursEntry

REASON_MAX_LENGTH = Certificate._meta.get_field("revocation_reason").max_length


def certificate_hours(enrolment: Enrolment) -> Decimal:
    """The hours the trainee was credited for completing this course's activities."""
    course = Page.objects.only("path", "depth").get(pk=enrolment.course_id)
    total = HoursEntry.objects.filter(
        trainee_id=enrolment.trainee_id,
        kind=HoursEntry.Kind.ACTIVITY,
        activity__path__startswith=course.path,
        activity__depth=course.depth + 1,
    ).aggregate(total=Sum("hours"))["total"]
    return total or Decimal("0")


def _name_on_certificate(trainee) -> str:
    return (trainee.display_name or trainee.get_full_name() or trainee.username).strip()


def _files_attach(certificate_pk: int, png: bytes, pdf: bytes, serial: str) -> Certificate:
    """Store the drawn files on the certificate, unless another drawer already did."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate_pk)
        if certificate.has_files:
            return certificate  # drawn twice (a retry racing the sweeper): keep the first
        # The files are served only through the access-checked download view; the random part
        # keeps their names unguessable wherever the media folder might be exposed.
        stem = f"{serial}-{secrets.token_hex(8)}"
        try:
            certificate.png.save(f"{stem}.png", ContentFile(png), save=False)
            certificate.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
            certificate.save(update_fields=["png", "pdf"])
        except Exception:
            for field in (certificate.png, certificate.pdf):
                if field.name:
                    field.storage.delete(field.name)
            raise
        return certificate


def certificate_files_draw(*, certificate: Certificate) -> Certificate:
    """Draw the certificate's PNG and PDF if it has none yet; the certificate, with its files.

    Drawing takes a while, so it happens outside any transaction and lock; only attaching the
    finished files is a (short) transaction. Raises ``MissingGlyphs`` before anything is drawn
    when the font cannot draw the name or the title; the certificate stays, without files.
    """
    if certificate.has_files:
        return certificate
    content = CertificateContent(
        trainee_name=certificate.trainee_name,
        course_title=certificate.course_title,
        hours=certificate.hours,
        issued_on=timezone.localdate(certificate.issued_at),
        serial=certificate.serial,
        verify_url=verify_url(certificate.verification_code),
    )
    layout = certificate_layout(content)  # raises MissingGlyphs before anything is drawn
    png, pdf = render_png(content, layout), render_pdf(content, layout)
    return _files_attach(certificate.pk, png, pdf, certificate.serial)


@transaction.atomic
def _certificate_record(*, enrolment: Enrolment) -> Certificate:
    """The enrolment's certificate row, inserted with the next serial if it has none yet."""
    # Lock the enrolment: a second issuer of the same certificate waits here, then finds it.
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    certificate = Certificate.objects.filter(enrolment=enrolment).first()
    if certificate is not None:
        return certificate
    if enrolment.status != Enrolment.Status.COMPLETED:
        raise EngineRefusal(_("A certificate is issued only for a completed course."))
    trainee = enrolment.trainee
    course = Page.objects.get(pk=enrolment.course_id)
    issued_at = timezone.now()
    certificate = Certificate(
        enrolment=enrolment,
        trainee=trainee,
        course_id=course.pk,
        trainee_name=_name_on_certificate(trainee)[:50],
        course_title=course.title[:255],
        hours=certificate_hours(enrolment),
        issued_at=issued_at,
    )
    try:
        # One savepoint for the serial and the row: a failed insert gives the number back.
        with transaction.atomic():
            # The serial last: from here to the commit, every other issuer waits for this one.
            certificate.serial = serial_allocate(timezone.localdate(issued_at).year)
            certificate.full_clean(exclude=["png", "pdf"], validate_unique=False)
            certificate.save(force_insert=True)
    except IntegrityError:
        # Without row locks (SQLite) a second issuer can get this far: the first one's row wins.
        existing = Certificate.objects.filter(enrolment_id=enrolment.pk).first()
        if existing is None:
            raise
        return existing
    audit_record(
        actor=None,
        action="certificate.issue",
        target=certificate,
        serial=certificate.serial,
        hours=certificate.hours,
    )
    return certificate


def certificate_issue(*, enrolment: Enrolment) -> Certificate:
    """The enrolment's certificate, issued if it has none yet, with its PNG and PDF drawn.

    Not one transaction but two steps (see the module's docstring): the row is committed before
    anything is drawn, so a drawing that fails or never ends leaves the certificate issued, once,
    with its files to follow. Raises ``EngineRefusal`` for an enrolment that is not completed
    and ``MissingGlyphs`` (after the row is committed) for a name the font cannot draw.
    """
    return certificate_files_draw(certificate=_certificate_record(enrolment=enrolment))


def certificates_due_enrolment_ids() -> list[int]:
    """Completed enrolments whose certificate is missing or has no files yet, oldest first.

    Normally empty: the task sent when an enrolment completes issues and draws the certificate
    a moment later. What is left here was lost to a worker killed mid-task, a broker outage, or
    retries that ran out; the sweeper (``courses.tasks.certificates_sweep``) issues it.
    """
    return list(
        Enrolment.objects.filter(status=Enrolment.Status.COMPLETED)
        .filter(Q(certificate__isnull=True) | Q(certificate__png="") | Q(certificate__pdf=""))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def certificate_revoke(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """Withdraw a certificate; the verification page says so from then on."""
    if not actor.has_perm(MANAGE_CERTIFICATES):
        raise NotAllowed(_("Only the training office can revoke a certificate."))
    reason = (reason or "").strip()
    if not reason:
        raise EngineRefusal(_("Give a reason for revoking the certificate."))
    if len(reason) > REASON_MAX_LENGTH:
        raise EngineRefusal(
            _("Keep the reason to %(count)d characters or fewer.") % {"count": REASON_MAX_LENGTH}
        )
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise EngineRefusal(
            _("Certificate %(serial)s was already revoked.") % {"serial": certificate.serial}
        )
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = actor
    certificate.revocation_reason = reason
    certificate.full_clean(exclude=["png", "pdf"], validate_unique=False)
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    audit_record(
        actor=actor,
        action="certificate.revoke",
        target=certificate,
        serial=certificate.serial,
        reason=reason,
    )
    return certificate
