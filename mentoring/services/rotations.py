"""Shadowing rotations: scheduling under locks, the weekly journal, and rotation plans."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.people.roles import PLAN_MENTORING, TRAINEE, user_has_role

from .. import engine
from ..access import viewer_for
from ..exceptions import MentoringRefusal, NoPlanFits, NotAllowed
from ..models import HostProfile, Rotation, RotationJournalEntry, RotationPlan, RotationPlanRow
from ..planning.rotations import PlanHost, PlanTrainee, peak_overlap, plan_rotations
from ._common import clean_save, lock_users, need_text, require_permission, today

ACTIVE = ~Q(status=Rotation.Status.CANCELLED)


def _overlapping(start, end):
    return ACTIVE & Q(starts_on__lte=end, ends_on__gte=start)


def _check_communities(trainee, host) -> None:
    if trainee.community_id is None:
        raise MentoringRefusal(
            _("%(trainee)s belongs to no community, so no host community can be chosen.")
            % {"trainee": trainee}
        )
    if host.community_id is None:
        raise MentoringRefusal(_("%(host)s belongs to no community.") % {"host": host})
    if host.community_id == trainee.community_id:
        raise MentoringRefusal(
            _(
                "A rotation takes the trainee to another community: %(host)s and %(trainee)s "
                "are both in %(community)s."
            )
            % {"host": host, "trainee": trainee, "community": trainee.community}
        )


def _schedule(*, actor, trainee, host, starts_on, ends_on, objectives, plan=None) -> Rotation:
    """Every check, under a lock on the host's profile (capacity) and the trainee (overlap)."""
    if ends_on < starts_on:
        raise MentoringRefusal(_("A rotation cannot end before it starts."))
    profile = HostProfile.objects.select_for_update().filter(user_id=host.pk).first()
    if profile is None or not profile.is_active:
        raise MentoringRefusal(_("%(host)s is not taking trainees.") % {"host": host})
    lock_users(trainee)
    if not user_has_role(trainee, TRAINEE):
        raise MentoringRefusal(_("%(name)s is not a trainee.") % {"name": trainee})
    _check_communities(trainee, host)
    clash = (
        Rotation.objects.filter(_overlapping(starts_on, ends_on), trainee=trainee)
        .select_related("host_community")
        .first()
    )
    if clash is not None:
        raise MentoringRefusal(
            _(
                "%(trainee)s already has a rotation from %(start)s to %(end)s in %(community)s; "
                "rotations cannot overlap."
            )
            % {
                "trainee": trainee,
                "start": clash.starts_on,
                "end": clash.ends_on,
                "community": clash.host_community,
            }
        )
    booked = Rotation.objects.filter(_overlapping(starts_on, ends_on), host=host).values_list(
        "starts_on", "ends_on"
    )
    if peak_overlap(list(booked), starts_on, ends_on) + 1 > profile.capacity:
        raise MentoringRefusal(
            _(
                "%(host)s already hosts %(n)d trainees at a time between %(start)s and %(end)s, "
                "the most they take."
            )
            % {"host": host, "n": profile.capacity, "start": starts_on, "end": ends_on}
        )
    rotation = Rotation(
        trainee=trainee,
        host=host,
        host_community_id=host.community_id,
        starts_on=starts_on,
        ends_on=ends_on,
        objectives=need_text(objectives, _("State the rotation's objectives.")),
        plan=plan,
        created_by=actor,
    )
    rotation.full_clean()
    try:
        with transaction.atomic():
            rotation.save()
    except IntegrityError as error:  # the PostgreSQL exclusion constraint, as a last resort
        raise MentoringRefusal(
            _("%(trainee)s already has a rotation in this period.") % {"trainee": trainee}
        ) from error
    audit_record(
        actor=actor,
        action="rotation.schedule",
        target=rotation,
        trainee=trainee.pk,
        host=host.pk,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    return rotation


@transaction.atomic
def rotation_schedule(*, actor, trainee, host, starts_on, ends_on, objectives) -> Rotation:
    """Place a trainee with a host secretary in another community for a period."""
    require_permission(actor, PLAN_MENTORING, _("Only the training office can schedule rotations."))
    return _schedule(
        actor=actor,
        trainee=trainee,
        host=host,
        starts_on=starts_on,
        ends_on=ends_on,
        objectives=objectives,
    )


@transaction.atomic
def rotation_cancel(*, actor, rotation, reason: str) -> Rotation:
    require_permission(actor, PLAN_MENTORING, _("Only the training office can cancel a rotation."))
    reason = need_text(reason, _("Give a reason for cancelling."))
    rotation = Rotation.objects.select_for_update().get(pk=rotation.pk)
    if rotation.status != Rotation.Status.SCHEDULED:
        raise MentoringRefusal(_("Only a scheduled rotation can be cancelled."))
    rotation.status = Rotation.Status.CANCELLED
    rotation.cancelled_at, rotation.cancel_reason = timezone.now(), reason[:200]
    clean_save(rotation)
    audit_record(actor=actor, action="rotation.cancel", target=rotation, reason=reason)
    return rotation


@transaction.atomic
def rotation_complete(*, actor, rotation) -> Rotation:
    """The host (or the office) records that the rotation was completed, from its last day on."""
    rotation = Rotation.objects.select_for_update().get(pk=rotation.pk)
    if actor.pk != rotation.host_id and not viewer_for(actor).office:
        raise NotAllowed(_("Only the host secretary or the office can complete a rotation."))
    if rotation.status != Rotation.Status.SCHEDULED:
        raise MentoringRefusal(_("Only a scheduled rotation can be completed."))
    if today() < rotation.ends_on:
        raise MentoringRefusal(_("The rotation runs until %(date)s.") % {"date": rotation.ends_on})
    rotation.status, rotation.completed_at = Rotation.Status.COMPLETED, timezone.now()
    clean_save(rotation)
    audit_record(actor=actor, action="rotation.complete", target=rotation)
    return rotation


@transaction.atomic
def journal_write(*, actor, rotation, week_of: datetime.date, body: str) -> RotationJournalEntry:
    """The trainee's entry for the ISO week containing ``week_of``; writing again revises it."""
    if actor.pk != rotation.trainee_id:
        raise NotAllowed(_("Only the trainee writes their rotation journal."))
    if rotation.status == Rotation.Status.CANCELLED:
        raise MentoringRefusal(_("This rotation was cancelled."))
    body = need_text(body, _("Write the week's entry."))
    monday = week_of - datetime.timedelta(days=week_of.weekday())
    sunday = monday + datetime.timedelta(days=6)
    if sunday < rotation.starts_on or monday > rotation.ends_on:
        raise MentoringRefusal(
            _("The week of %(date)s is outside the rotation (%(start)s to %(end)s).")
            % {"date": monday, "start": rotation.starts_on, "end": rotation.ends_on}
        )
    if monday > today():
        raise MentoringRefusal(_("A week's entry can be written once the week has begun."))
    iso_year, iso_week, _weekday = week_of.isocalendar()
    entry = (
        RotationJournalEntry.objects.select_for_update()
        .filter(rotation=rotation, iso_year=iso_year, iso_week=iso_week)
        .first()
    ) or RotationJournalEntry(
        rotation=rotation, iso_year=iso_year, iso_week=iso_week, week_starts_on=monday
    )
    entry.body = body
    clean_save(entry)
    audit_record(
        actor=actor, action="rotation.journal", target=entry, week=f"{iso_year}-W{iso_week}"
    )
    return entry


# Rotation plans -----------------------------------------------------------------------------


def _periods(rotations, key):
    result: dict[int, list] = {}
    for row in rotations:
        result.setdefault(row[key], []).append((row["starts_on"], row["ends_on"]))
    return result


@transaction.atomic
def rotation_plan_propose(
    *, actor, cohort, k: int, start: datetime.date, end: datetime.date, weeks_per_rotation: int
) -> RotationPlan:
    """Propose K rotations for each trainee of the cohort, in K communities other than their
    own, within the hosts' capacities. Raises ``NoPlanFits`` naming the binding constraint."""
    require_permission(actor, PLAN_MENTORING, _("Only the training office can plan rotations."))
    if k < 1 or weeks_per_rotation < 1:
        raise MentoringRefusal(_("Ask for at least one rotation of at least one week."))
    if end < start:
        raise MentoringRefusal(_("The period ends before it starts."))
    trainees = engine.cohort_trainees(actor=actor, cohort=cohort)
    hosts = list(
        HostProfile.objects.filter(is_active=True, user__community__isnull=False)
        .select_related("user", "user__community")
        .order_by("user_id")
    )
    existing = Rotation.objects.filter(_overlapping(start, end)).filter(
        Q(trainee__in=trainees) | Q(host_id__in=[h.user_id for h in hosts])
    )
    rows = list(existing.values("trainee_id", "host_id", "starts_on", "ends_on"))
    busy, booked = _periods(rows, "trainee_id"), _periods(rows, "host_id")
    outcome = plan_rotations(
        trainees=[
            PlanTrainee(t.pk, str(t), t.community_id, tuple(busy.get(t.pk, ()))) for t in trainees
        ],
        hosts=[
            PlanHost(
                h.user_id,
                str(h.user),
                h.user.community_id,
                str(h.user.community),
                h.capacity,
                tuple(booked.get(h.user_id, ())),
            )
            for h in hosts
        ],
        k=k,
        start=start,
        end=end,
        weeks_per_rotation=weeks_per_rotation,
    )
    if not outcome.ok:
        raise NoPlanFits(outcome.problems)
    plan = clean_save(
        RotationPlan(
            cohort=cohort,
            rotations_each=k,
            starts_on=start,
            ends_on=end,
            weeks_per_rotation=weeks_per_rotation,
            solver_status=outcome.status,
            created_by=actor,
        )
    )
    community_of = {h.user_id: h.user.community_id for h in hosts}
    RotationPlanRow.objects.bulk_create(
        RotationPlanRow(
            plan=plan,
            trainee_id=r.trainee_id,
            host_id=r.host_id,
            host_community_id=community_of[r.host_id],
            starts_on=r.slot.starts_on,
            ends_on=r.slot.ends_on,
        )
        for r in outcome.rotations
    )
    audit_record(
        actor=actor, action="rotation_plan.propose", target=plan, rotations=len(outcome.rotations)
    )
    return plan


def _locked_open_plan(plan) -> RotationPlan:
    plan = RotationPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != RotationPlan.Status.PROPOSED:
        raise MentoringRefusal(
            _("This plan is %(status)s and can no longer change.")
            % {"status": plan.get_status_display().lower()}
        )
    return plan


@transaction.atomic
def rotation_plan_change_row(*, actor, row, host) -> RotationPlanRow:
    """Send the trainee to another host for that period; the plan's rules are checked again."""
    require_permission(
        actor, PLAN_MENTORING, _("Only the training office can change a rotation plan.")
    )
    plan = _locked_open_plan(row.plan)
    row = RotationPlanRow.objects.select_related("trainee").get(pk=row.pk)
    profile = HostProfile.objects.filter(user=host, is_active=True).first()
    if profile is None:
        raise MentoringRefusal(_("%(host)s is not taking trainees.") % {"host": host})
    _check_communities(row.trainee, host)
    if (
        RotationPlanRow.objects.filter(
            plan=plan, trainee=row.trainee, host_community_id=host.community_id
        )
        .exclude(pk=row.pk)
        .exists()
    ):
        raise MentoringRefusal(
            _(
                "%(trainee)s already goes to %(community)s in this plan; each rotation is in a "
                "different community."
            )
            % {"trainee": row.trainee, "community": host.community}
        )
    periods = list(
        Rotation.objects.filter(_overlapping(row.starts_on, row.ends_on), host=host).values_list(
            "starts_on", "ends_on"
        )
    ) + list(
        RotationPlanRow.objects.filter(
            plan=plan, host=host, starts_on__lte=row.ends_on, ends_on__gte=row.starts_on
        )
        .exclude(pk=row.pk)
        .values_list("starts_on", "ends_on")
    )
    if peak_overlap(periods, row.starts_on, row.ends_on) + 1 > profile.capacity:
        raise MentoringRefusal(
            _("%(host)s takes at most %(n)d trainees at a time.")
            % {"host": host, "n": profile.capacity}
        )
    row.host, row.host_community_id, row.changed_by = host, host.community_id, actor
    clean_save(row)
    audit_record(actor=actor, action="rotation_plan.change", target=plan, row=row.pk, host=host.pk)
    return row


@transaction.atomic
def rotation_plan_confirm(*, actor, plan, objectives: str) -> list[Rotation]:
    """Schedule every planned rotation, or none; each is checked again under locks."""
    require_permission(
        actor, PLAN_MENTORING, _("Only the training office can confirm a rotation plan.")
    )
    objectives = need_text(objectives, _("State the rotations' objectives."))
    plan = _locked_open_plan(plan)
    rows = list(plan.rows.select_related("trainee", "host").order_by("trainee_id", "starts_on"))
    host_ids = sorted({r.host_id for r in rows})
    list(HostProfile.objects.select_for_update().filter(user_id__in=host_ids).order_by("pk"))
    lock_users(*[r.trainee for r in rows])
    created = []
    for row in rows:
        try:
            created.append(
                _schedule(
                    actor=actor,
                    trainee=row.trainee,
                    host=row.host,
                    starts_on=row.starts_on,
                    ends_on=row.ends_on,
                    objectives=objectives,
                    plan=plan,
                )
            )
        except MentoringRefusal as error:
            raise MentoringRefusal(
                _("Nothing was scheduled. %(reason)s") % {"reason": " ".join(error.messages)}
            ) from error
    plan.status = RotationPlan.Status.CONFIRMED
    plan.decided_by, plan.decided_at = actor, timezone.now()
    clean_save(plan)
    audit_record(actor=actor, action="rotation_plan.confirm", target=plan, created=len(created))
    return created


@transaction.atomic
def rotation_plan_discard(*, actor, plan) -> RotationPlan:
    require_permission(
        actor, PLAN_MENTORING, _("Only the training office can discard a rotation plan.")
    )
    plan = _locked_open_plan(plan)
    plan.status = RotationPlan.Status.DISCARDED
    plan.decided_by, plan.decided_at = actor, timezone.now()
    clean_save(plan)
    audit_record(actor=actor, action="rotation_plan.discard", target=plan)
    return plan
