"""Sign-offs, and the promotion case: nomination, reviews, decision, appointment.

The trainee's stage is written here and nowhere else, and only when a decision approves.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.people.roles import DECIDE_PROMOTION, TRAINEE, user_has_role

from ..access import is_current_mentor
from ..exceptions import MentoringRefusal, NotAllowed
from ..models import (
    Appointment,
    PromotionCase,
    PromotionDecision,
    PromotionReview,
    SignOff,
    StageChange,
    TraineeStage,
)
from ..readiness import next_stage, readiness_for, stage_ladder, stages_of
from ._common import clean_save, lock_users, need_text, require_permission, today

PENDING = (PromotionCase.Status.OPEN, PromotionCase.Status.DEFERRED)


def _current_and_next(trainee):
    ladder = stage_ladder()
    stage = stages_of([trainee.pk], ladder)[trainee.pk]
    return stage, next_stage(ladder, stage)


@transaction.atomic
def signoff_record(*, actor, trainee, comment: str, to_stage=None) -> SignOff:
    """A current mentor signs off the trainee as ready for the next stage."""
    if not is_current_mentor(actor, trainee.pk):
        raise NotAllowed(_("Only the trainee's current mentors can sign off their readiness."))
    if to_stage is None:
        _stage, to_stage = _current_and_next(trainee)
        if to_stage is None:
            raise MentoringRefusal(_("%(trainee)s is at the last stage.") % {"trainee": trainee})
    signoff = clean_save(
        SignOff(
            trainee=trainee,
            mentor=actor,
            to_stage=to_stage,
            comment=need_text(comment, _("Say why the trainee is ready.")),
        )
    )
    audit_record(actor=actor, action="signoff.record", target=signoff, stage=to_stage.code)
    return signoff


@transaction.atomic
def signoff_withdraw(*, actor, signoff) -> SignOff:
    signoff = SignOff.objects.select_for_update().get(pk=signoff.pk)
    if actor.pk != signoff.mentor_id:
        require_permission(
            actor,
            DECIDE_PROMOTION,
            _("Only the mentor who signed, or the office, can withdraw it."),
        )
    if signoff.withdrawn_at is None:
        signoff.withdrawn_at = timezone.now()
        clean_save(signoff)
        audit_record(actor=actor, action="signoff.withdraw", target=signoff)
    return signoff


@transaction.atomic
def promotion_nominate(*, actor, trainee, statement: str = "") -> PromotionCase:
    """Nominate a trainee for the next stage; their readiness is kept as it stands today."""
    require_permission(
        actor, DECIDE_PROMOTION, _("Only the training office nominates for promotion.")
    )
    lock_users(trainee)
    if not user_has_role(trainee, TRAINEE):
        raise MentoringRefusal(_("%(name)s is not a trainee.") % {"name": trainee})
    readiness = readiness_for(trainee)
    if readiness.next_stage is None:
        raise MentoringRefusal(_("%(trainee)s is at the last stage.") % {"trainee": trainee})
    case = clean_save(
        PromotionCase(
            trainee=trainee,
            from_stage=readiness.stage,
            to_stage=readiness.next_stage,
            statement=statement or "",
            readiness=readiness.as_json(),
            nominated_by=actor,
        )
    )
    audit_record(
        actor=actor,
        action="promotion.nominate",
        target=case,
        to_stage=case.to_stage.code,
        ready=readiness.ready,
    )
    return case


def _locked_pending(case) -> PromotionCase:
    case = PromotionCase.objects.select_for_update().get(pk=case.pk)
    if case.status not in PENDING:
        raise MentoringRefusal(
            _("This case was %(status)s and is closed.")
            % {"status": case.get_status_display().lower()}
        )
    return case


@transaction.atomic
def promotion_review_record(*, actor, case, recommendation, comment: str) -> PromotionReview:
    """One reviewer's comments and recommendation on a pending case."""
    require_permission(
        actor, DECIDE_PROMOTION, _("Only the training office reviews promotion cases.")
    )
    case = _locked_pending(case)
    review = clean_save(
        PromotionReview(
            case=case,
            reviewer=actor,
            recommendation=recommendation,
            comment=need_text(comment, _("Write your comments.")),
        )
    )
    audit_record(actor=actor, action="promotion.review", target=case, recommendation=recommendation)
    return review


@transaction.atomic
def promotion_decide(*, actor, case, outcome, reason: str, decided_on=None) -> PromotionDecision:
    """Approve, defer or reject. Approval, and only approval, moves the trainee's stage."""
    require_permission(actor, DECIDE_PROMOTION, _("Only the training office decides promotions."))
    reason = need_text(reason, _("Give the reasons for the decision."))
    case = _locked_pending(case)
    Outcome = PromotionDecision.Outcome
    if outcome not in Outcome.values:
        raise MentoringRefusal(_("Unknown outcome."))
    if outcome == Outcome.APPROVE and not case.reviews.exists():
        raise MentoringRefusal(_("Record at least one review before approving."))
    decided_on = decided_on or today()
    decision = clean_save(
        PromotionDecision(
            case=case, outcome=outcome, reason=reason, decided_by=actor, decided_on=decided_on
        )
    )
    if outcome == Outcome.APPROVE:
        lock_users(case.trainee)
        standing = TraineeStage.objects.select_for_update().filter(trainee=case.trainee).first()
        current = standing.stage if standing else stage_ladder()[0]
        if current.pk != case.from_stage_id:
            raise MentoringRefusal(
                _("%(trainee)s is no longer at the stage “%(stage)s”; nominate them again.")
                % {"trainee": case.trainee, "stage": case.from_stage}
            )
        standing = standing or TraineeStage(trainee=case.trainee)
        standing.stage, standing.since, standing.decision = case.to_stage, decided_on, decision
        clean_save(standing)
        clean_save(
            StageChange(
                trainee=case.trainee,
                from_stage=case.from_stage,
                to_stage=case.to_stage,
                decision=decision,
                effective_on=decided_on,
            )
        )
    case.status = {
        Outcome.APPROVE: PromotionCase.Status.APPROVED,
        Outcome.DEFER: PromotionCase.Status.DEFERRED,
        Outcome.REJECT: PromotionCase.Status.REJECTED,
    }[outcome]
    clean_save(case)
    audit_record(actor=actor, action=f"promotion.{outcome}", target=case, reason=reason)
    return decision


@transaction.atomic
def appointment_record(*, actor, case, post: str, community, effective_on) -> Appointment:
    """The post the promoted trainee takes up, once the promotion is approved."""
    require_permission(actor, DECIDE_PROMOTION, _("Only the training office records appointments."))
    case = PromotionCase.objects.select_for_update().get(pk=case.pk)
    if case.status != PromotionCase.Status.APPROVED:
        raise MentoringRefusal(_("An appointment follows an approved promotion."))
    if Appointment.objects.filter(case=case).exists():
        raise MentoringRefusal(_("This appointment has already been recorded."))
    appointment = clean_save(
        Appointment(
            case=case,
            trainee=case.trainee,
            post=need_text(post, _("Name the post.")),
            community=community,
            effective_on=effective_on,
            recorded_by=actor,
        )
    )
    audit_record(actor=actor, action="promotion.appoint", target=appointment, post=post)
    return appointment
