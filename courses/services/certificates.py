"""Issuing certificates when a course is completed, and revoking them (the office only).

Issuing is safe to run any number of times and from two workers at once: the enrolment row is
locked first, so a second issuer waits and then finds the first one's certificate; the
one-to-one link from certificate to enrolment is the backstop when locks are not available
(SQLite serialises writers instead). The serial is taken in the same transaction; see
``courses.certificates.serial`` for why numbers cannot collide.

The hours on a certificate are the learning-hours ledger's ``activity`` lines for the course's
activities: what the trainee was actually credited when each activity was completed, required
activities and optional ones alike. Later edits to an activity's hours and manual credits or
corrections (which belong to no course) do not change them. Name, course title and hours are
copied onto the certificate so it keeps saying what it said when it was issued.

Both files are drawn inside the issuing transaction: a certificate row exists only with its PNG
and PDF, and a font that cannot draw the trainee's name stops the issue instead of leaving
a half-made certificate (the task logs the error; configure ``CERTIFICATE_FONT_PATH`` and run
it again).
"""

import secrets
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.audit.services import audit_record
from lms.people.roles import MANAGE_CERTIFICATES

from ..certificates.display import verify_url
from ..certificates.render import CertificateContent, certificate_layout, render_pdf, render_png
from ..certificates.serial import serial_next
from ..exceptions import EngineRefusal, NotAllowed
from ..models import Certificate, Enrolment, HoursEntry

SERIAL_ATTEMPTS = 5
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


def _files_draw(certificate: Certificate) -> None:
    """Draw the PNG and PDF and attach them; nothing is stored unless both are drawn."""
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
    # The files are served only through the access-checked download view; the random part keeps
    # their names unguessable wherever the media folder might be exposed.
    stem = f"{certificate.serial}-{secrets.token_hex(8)}"
    try:
        certificate.png.save(f"{stem}.png", ContentFile(png), save=False)
        certificate.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        certificate.save(update_fields=["png", "pdf"])
    except Exception:
        for field in (certificate.png, certificate.pdf):
            if field.name:
                field.storage.delete(field.name)
        raise


def _certificate_create(*, enrolment: Enrolment, trainee, course: Page) -> Certificate | None:
    """Insert the row with the next serial; ``None`` if another issuer got there first."""
    issued_at = timezone.now()
    year = timezone.localdate(issued_at).year
    hours = certificate_hours(enrolment)
    attempts = 0
    while True:
        certificate = Certificate(
            enrolment=enrolment,
            trainee=trainee,
            course_id=course.pk,
            serial=serial_next(year),
            trainee_name=_name_on_certificate(trainee)[:50],
            course_title=course.title[:255],
            hours=hours,
            issued_at=issued_at,
        )
        certificate.full_clean(exclude=["png", "pdf"], validate_unique=False)
        try:
            with transaction.atomic():
                certificate.save(force_insert=True)
            return certificate
        except IntegrityError:
            if Certificate.objects.filter(enrolment_id=enrolment.pk).exists():
                return None
            attempts += 1
            if attempts == SERIAL_ATTEMPTS:
                raise
            # Another certificate took this serial a moment ago: read the highest one again.


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment) -> Certificate:
    """The enrolment's certificate, issued (with its PNG and PDF) if it has none yet."""
    # Lock the enrolment: a second issuer of the same certificate waits here, then finds it.
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    certificate = Certificate.objects.filter(enrolment=enrolment).first()
    if certificate is None:
        if enrolment.status != Enrolment.Status.COMPLETED:
            raise EngineRefusal(_("A certificate is issued only for a completed course."))
        certificate = _certificate_create(
            enrolment=enrolment,
            trainee=enrolment.trainee,
            course=Page.objects.get(pk=enrolment.course_id),
        )
        if certificate is None:
            return Certificate.objects.get(enrolment=enrolment)
        _files_draw(certificate)
        audit_record(
            actor=None,
            action="certificate.issue",
            target=certificate,
            serial=certificate.serial,
            hours=certificate.hours,
        )
    elif not (certificate.png and certificate.pdf):
        _files_draw(certificate)  # a certificate whose files were lost: draw them again
    return certificate


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
