"""Mentor profiles, mentor assignments and matching proposals for a cohort."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.people.roles import HOST_SECRETARY, MENTOR, PLAN_MENTORING, TRAINEE, user_has_role

from .. import engine
from ..exceptions import MentoringRefusal, NoMatchingFits
from ..models import (
    HostProfile,
    MatchingProposal,
    MatchingProposalRow,
    MentorAssignment,
    MentorProfile,
    place_held_q,
)
from ..planning.matching import MatchMentor, MatchTrainee, match_mentors
from ._common import UNSET, clean_save, lock_users, need_text, require_permission, today

Kind = MentorAssignment.Kind


def _open_on(on):
    """Assignments still open on ``on`` or later (they hold a place at the mentor)."""
    return place_held_q(on)


def _load(mentor_id, on) -> int:
    return MentorAssignment.objects.filter(_open_on(on), mentor_id=mentor_id).count()


@transaction.atomic
def mentor_profile_set(*, actor, user, capacity: int, is_active: bool = True) -> MentorProfile:
    """Make someone with the mentor role available as a mentor, with a capacity."""
    require_permission(actor, PLAN_MENTORING)
    if not user_has_role(user, MENTOR):
        raise MentoringRefusal(_("%(name)s does not hold the mentor role.") % {"name": user})
    profile = MentorProfile.objects.select_for_update().filter(user=user).first()
    profile = profile or MentorProfile(user=user)
    profile.capacity, profile.is_active = capacity, is_active
    load = _load(user.pk, today())
    if capacity < load:
        raise MentoringRefusal(
            _("%(name)s mentors %(n)d trainees now; the capacity cannot be lower.")
            % {"name": user, "n": load}
        )
    clean_save(profile)
    audit_record(actor=actor, action="mentor_profile.set", target=profile, capacity=capacity)
    return profile


@transaction.atomic
def host_profile_set(*, actor, user, capacity: int, is_active: bool = True) -> HostProfile:
    """Make a host secretary available for shadowing rotations, with a capacity."""
    require_permission(actor, PLAN_MENTORING)
    if not user_has_role(user, HOST_SECRETARY):
        raise MentoringRefusal(
            _("%(name)s does not hold the host secretary role.") % {"name": user}
        )
    profile = HostProfile.objects.select_for_update().filter(user=user).first()
    profile = profile or HostProfile(user=user)
    profile.capacity, profile.is_active = capacity, is_active
    clean_save(profile)
    audit_record(actor=actor, action="host_profile.set", target=profile, capacity=capacity)
    return profile


def _check_cross_rule(trainee, mentor) -> None:
    if trainee.community_id is None:
        raise MentoringRefusal(
            _("%(trainee)s belongs to no community, so a cross mentor cannot be chosen.")
            % {"trainee": trainee}
        )
    if mentor.community_id is None or mentor.community_id == trainee.community_id:
        raise MentoringRefusal(
            _(
                "A cross mentor must come from a community other than the trainee's: "
                "%(mentor)s and %(trainee)s are both in %(community)s."
            )
            % {"mentor": mentor, "trainee": trainee, "community": trainee.community}
            if mentor.community_id
            else _("%(mentor)s belongs to no community and cannot be a cross mentor.")
            % {"mentor": mentor}
        )


def _assign(*, actor, trainee, mentor, kind, starts_on, proposal=None) -> MentorAssignment:
    """Create one assignment after every check, under locks on the mentor and the trainee."""
    profile = MentorProfile.objects.select_for_update().filter(user_id=mentor.pk).first()
    if profile is None or not profile.is_active:
        raise MentoringRefusal(_("%(mentor)s is not taking trainees.") % {"mentor": mentor})
    locked = lock_users(trainee)
    if not locked or not user_has_role(trainee, TRAINEE):
        raise MentoringRefusal(_("%(name)s is not a trainee.") % {"name": trainee})
    if kind == Kind.CROSS:
        _check_cross_rule(trainee, mentor)
    open_now = MentorAssignment.objects.filter(_open_on(starts_on), trainee=trainee)
    same_kind = open_now.filter(kind=kind).select_related("mentor").first()
    if same_kind is not None:
        raise MentoringRefusal(
            _("%(trainee)s already has a %(kind)s (%(mentor)s); end that assignment first.")
            % {
                "trainee": trainee,
                "kind": same_kind.get_kind_display().lower(),
                "mentor": same_kind.mentor,
            }
        )
    if open_now.filter(mentor=mentor).exists():
        raise MentoringRefusal(
            _(
                "%(mentor)s already mentors %(trainee)s; the primary and the cross mentor must "
                "be two different people."
            )
            % {"mentor": mentor, "trainee": trainee}
        )
    load = _load(mentor.pk, starts_on)
    if load >= profile.capacity:
        raise MentoringRefusal(
            _("%(mentor)s is at capacity (%(n)d trainees).")
            % {"mentor": mentor, "n": profile.capacity}
        )
    assignment = clean_save(
        MentorAssignment(
            trainee=trainee,
            mentor=mentor,
            kind=kind,
            starts_on=starts_on,
            proposal=proposal,
            created_by=actor,
        )
    )
    audit_record(
        actor=actor,
        action="assignment.create",
        target=assignment,
        trainee=trainee.pk,
        mentor=mentor.pk,
        kind=kind,
    )
    return assignment


@transaction.atomic
def assignment_create(*, actor, trainee, mentor, kind, starts_on=None) -> MentorAssignment:
    """Assign a primary or cross mentor; the cross mentor comes from another community."""
    require_permission(actor, PLAN_MENTORING, _("Only the training office can assign mentors."))
    return _assign(
        actor=actor, trainee=trainee, mentor=mentor, kind=kind, starts_on=starts_on or today()
    )


@transaction.atomic
def assignment_end(*, actor, assignment, reason: str, ends_on=None) -> MentorAssignment:
    """End an assignment; it stays on record with its end date and reason."""
    require_permission(
        actor, PLAN_MENTORING, _("Only the training office can end a mentor assignment.")
    )
    reason = need_text(reason, _("Give a reason for ending the assignment."))
    assignment = MentorAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ends_on is not None:
        raise MentoringRefusal(_("This assignment has already ended."))
    assignment.ends_on = ends_on or today()
    assignment.end_reason = reason[:200]
    clean_save(assignment)
    audit_record(actor=actor, action="assignment.end", target=assignment, reason=reason)
    return assignment


# Matching proposals -------------------------------------------------------------------------


def _mentor_pool(on):
    return list(
        MentorProfile.objects.filter(is_active=True)
        .select_related("user", "user__community")
        .annotate(
            load=Count(
                "user__mentee_assignments",
                filter=place_held_q(on, prefix="user__mentee_assignments__"),
            )
        )
        .order_by("user_id")
    )


@transaction.atomic
def assignment_propose_for_cohort(
    *, actor, cohort, starts_on=None, include_cross: bool = True
) -> MatchingProposal:
    """Propose mentors for every trainee of the cohort who lacks one; nothing is assigned yet.

    Raises ``NoMatchingFits`` naming each trainee left without a mentor and the constraint
    that stopped it (capacity, the cross rule, no community).
    """
    require_permission(actor, PLAN_MENTORING, _("Only the training office can match mentors."))
    starts_on = starts_on or today()
    trainees = engine.cohort_trainees(actor=actor, cohort=cohort)
    current: dict[int, dict[str, int]] = {}
    for a in MentorAssignment.objects.filter(
        _open_on(starts_on), trainee_id__in=[t.pk for t in trainees]
    ):
        current.setdefault(a.trainee_id, {})[a.kind] = a.mentor_id
    pool = _mentor_pool(starts_on)
    matching = match_mentors(
        [
            MatchTrainee(
                id=t.pk,
                name=str(t),
                community_id=t.community_id,
                community_name=str(t.community or ""),
                needs_primary=Kind.PRIMARY not in current.get(t.pk, {}),
                needs_cross=include_cross and Kind.CROSS not in current.get(t.pk, {}),
                current_mentor_ids=frozenset(current.get(t.pk, {}).values()),
            )
            for t in trainees
        ],
        [
            MatchMentor(
                id=p.user_id,
                name=str(p.user),
                community_id=p.user.community_id,
                capacity=p.capacity,
                load=p.load,
            )
            for p in pool
        ],
    )
    if not matching.ok:
        raise NoMatchingFits(matching.problems)
    proposal = clean_save(MatchingProposal(cohort=cohort, starts_on=starts_on, created_by=actor))
    MatchingProposalRow.objects.bulk_create(
        MatchingProposalRow(
            proposal=proposal,
            trainee=t,
            primary_mentor_id=matching.primary.get(t.pk),
            cross_mentor_id=matching.cross.get(t.pk),
        )
        for t in trainees
    )
    audit_record(
        actor=actor,
        action="matching.propose",
        target=proposal,
        cohort=cohort.pk,
        rows=len(trainees),
    )
    return proposal


def _locked_open_proposal(proposal) -> MatchingProposal:
    proposal = MatchingProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != MatchingProposal.Status.PROPOSED:
        raise MentoringRefusal(
            _("This proposal is %(status)s and can no longer change.")
            % {"status": proposal.get_status_display().lower()}
        )
    return proposal


@transaction.atomic
def proposal_change_row(
    *, actor, row, primary_mentor=UNSET, cross_mentor=UNSET
) -> MatchingProposalRow:
    """Change one trainee's proposed mentors; the same rules as the proposal are checked."""
    require_permission(actor, PLAN_MENTORING, _("Only the training office can change a matching."))
    proposal = _locked_open_proposal(row.proposal)
    row = MatchingProposalRow.objects.select_related("trainee").get(pk=row.pk)
    if primary_mentor is not UNSET:
        row.primary_mentor = primary_mentor
    if cross_mentor is not UNSET:
        row.cross_mentor = cross_mentor
    if row.cross_mentor is not None:
        _check_cross_rule(row.trainee, row.cross_mentor)
    for mentor in {m for m in (row.primary_mentor, row.cross_mentor) if m is not None}:
        profile = MentorProfile.objects.filter(user=mentor, is_active=True).first()
        if profile is None:
            raise MentoringRefusal(_("%(mentor)s is not taking trainees.") % {"mentor": mentor})
        elsewhere = (
            MatchingProposalRow.objects.filter(proposal=proposal)
            .exclude(pk=row.pk)
            .filter(Q(primary_mentor=mentor) | Q(cross_mentor=mentor))
            .count()
        )
        if _load(mentor.pk, proposal.starts_on) + elsewhere + 1 > profile.capacity:
            raise MentoringRefusal(
                _("%(mentor)s would have more than %(n)d trainees.")
                % {"mentor": mentor, "n": profile.capacity}
            )
    row.changed_by = actor
    clean_save(row)
    audit_record(
        actor=actor,
        action="matching.change",
        target=proposal,
        trainee=row.trainee_id,
        primary=row.primary_mentor_id,
        cross=row.cross_mentor_id,
    )
    return row


@transaction.atomic
def proposal_confirm(*, actor, proposal) -> list[MentorAssignment]:
    """Create every proposed assignment, or none: each is checked again under locks."""
    require_permission(actor, PLAN_MENTORING, _("Only the training office can confirm a matching."))
    proposal = _locked_open_proposal(proposal)
    rows = list(proposal.rows.select_related("trainee", "primary_mentor", "cross_mentor"))
    mentor_ids = sorted(
        {m.pk for r in rows for m in (r.primary_mentor, r.cross_mentor) if m is not None}
    )
    list(MentorProfile.objects.select_for_update().filter(user_id__in=mentor_ids).order_by("pk"))
    lock_users(*[r.trainee for r in rows])
    created = []
    for row in rows:
        for kind, mentor in ((Kind.PRIMARY, row.primary_mentor), (Kind.CROSS, row.cross_mentor)):
            if mentor is None:
                continue
            try:
                created.append(
                    _assign(
                        actor=actor,
                        trainee=row.trainee,
                        mentor=mentor,
                        kind=kind,
                        starts_on=proposal.starts_on,
                        proposal=proposal,
                    )
                )
            except MentoringRefusal as error:
                raise MentoringRefusal(
                    _("Nothing was assigned. %(trainee)s: %(reason)s")
                    % {"trainee": row.trainee, "reason": " ".join(error.messages)}
                ) from error
    proposal.status = MatchingProposal.Status.CONFIRMED
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    clean_save(proposal)
    audit_record(actor=actor, action="matching.confirm", target=proposal, created=len(created))
    return created


@transaction.atomic
def proposal_discard(*, actor, proposal) -> MatchingProposal:
    require_permission(actor, PLAN_MENTORING, _("Only the training office can discard a matching."))
    proposal = _locked_open_proposal(proposal)
    proposal.status = MatchingProposal.Status.DISCARDED
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    clean_save(proposal)
    audit_record(actor=actor, action="matching.discard", target=proposal)
    return proposal
