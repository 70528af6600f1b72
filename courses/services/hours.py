"""Manual changes to the learning-hours ledger and annual targets, by the office only."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.people.roles import CREDIT_HOURS

from ..exceptions import EngineRefusal, NotAllowed
from ..models import HoursEntry, HoursTarget


def _decimal(value, *, allow_negative: bool) -> Decimal:
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError) as error:
        raise EngineRefusal(_("Enter the hours as a number, e.g. 1.5.")) from error
    if not hours.is_finite() or abs(hours) >= 1000:
        raise EngineRefusal(_("Enter the hours as a number below 1000."))
    if hours == 0 or (hours < 0 and not allow_negative):
        raise EngineRefusal(_("A credit must be more than zero hours."))
    return hours


@transaction.atomic
def hours_credit_manual(*, actor, trainee, hours, reason: str, earned_on=None, correction=False):
    """Credit (or, as a correction, debit) hours with a reason; the ledger keeps both lines."""
    if not actor.has_perm(CREDIT_HOURS):
        raise NotAllowed(_("Only the training office can change learning hours."))
    reason = (reason or "").strip()
    if not reason:
        raise EngineRefusal(_("Give a reason for the change in hours."))
    entry = HoursEntry.objects.create(
        trainee=trainee,
        kind=HoursEntry.Kind.CORRECTION if correction else HoursEntry.Kind.MANUAL,
        hours=_decimal(hours, allow_negative=correction),
        earned_on=earned_on or timezone.localdate(),
        reason=reason[:200],
        recorded_by=actor,
    )
    audit_record(
        actor=actor, action=f"hours.{entry.kind}", target=entry, hours=entry.hours, reason=reason
    )
    return entry


@transaction.atomic
def hours_target_set(*, actor, trainee, year: int, hours) -> HoursTarget:
    if not actor.has_perm(CREDIT_HOURS):
        raise NotAllowed(_("Only the training office can set hours targets."))
    value = _decimal(hours, allow_negative=False)
    target, _created = HoursTarget.objects.update_or_create(
        trainee=trainee, year=year, defaults={"hours": value}
    )
    audit_record(actor=actor, action="hours.target", target=target, year=year, hours=value)
    return target


@transaction.atomic
def stage_hours_target_save(*, actor, instance):
    if not actor.has_perm(CREDIT_HOURS):
        raise NotAllowed(_("Only the training office can set hours targets."))
    instance.full_clean()
    instance.save()
    audit_record(
        actor=actor,
        action="hours.stage_target",
        target=instance,
        stage=instance.stage,
        hours=instance.hours,
    )
    return instance
