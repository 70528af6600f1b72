"""The coaching log: sessions, the trainee's acknowledgement and reflection, agreed actions."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.services import audit_record

from ..access import is_current_mentor, viewer_for
from ..exceptions import MentoringRefusal, NotAllowed
from ..models import AgreedAction, CoachingSession, MentorAssignment, current_assignment_q
from ._common import clean_save, need_text, today


def _mentored_on(mentor, trainee, day) -> bool:
    return MentorAssignment.objects.filter(
        current_assignment_q(day), mentor=mentor, trainee=trainee
    ).exists()


def _add_action(*, session, owner, description, due_on) -> AgreedAction:
    return clean_save(
        AgreedAction(
            session=session,
            owner=owner,
            description=need_text(description, _("Describe the agreed action.")),
            due_on=due_on,
        )
    )


@transaction.atomic
def coaching_session_log(
    *,
    actor,
    trainee,
    held_on,
    duration_minutes: int,
    mode: str,
    topics: str,
    summary: str,
    private_notes: str = "",
    actions=(),
    mentor=None,
) -> CoachingSession:
    """Record a session. Only the trainee's current mentors, or the office, may log one.

    ``actions`` are dicts with ``owner`` (trainee or mentor), ``description`` and ``due_on``.
    The office may log a session for a mentor (``mentor``) who mentored the trainee that day.
    """
    if (mentor is None or mentor.pk == actor.pk) and is_current_mentor(actor, trainee.pk):
        mentor = actor
    elif viewer_for(actor).office:
        if mentor is None:
            raise MentoringRefusal(_("Name the mentor who held the session."))
        if not _mentored_on(mentor, trainee, held_on):
            raise MentoringRefusal(
                _("%(mentor)s did not mentor %(trainee)s on %(date)s.")
                % {"mentor": mentor, "trainee": trainee, "date": held_on}
            )
    else:
        raise NotAllowed(
            _("Only %(trainee)s's current mentors or the training office can log sessions.")
            % {"trainee": trainee}
        )
    if held_on > today():
        raise MentoringRefusal(_("A session cannot be logged before it is held."))
    session = clean_save(
        CoachingSession(
            trainee=trainee,
            mentor=mentor,
            held_on=held_on,
            duration_minutes=duration_minutes,
            mode=mode,
            topics=need_text(topics, _("Name the topics discussed.")),
            summary=need_text(summary, _("Write a summary for the trainee.")),
            private_notes=private_notes or "",
        )
    )
    for action in actions:
        _add_action(session=session, **action)
    audit_record(
        actor=actor,
        action="coaching.log",
        target=session,
        trainee=trainee.pk,
        mentor=mentor.pk,
        actions=len(actions),
    )
    return session


@transaction.atomic
def coaching_session_acknowledge(*, actor, session, reflection: str = "") -> CoachingSession:
    """The trainee confirms the session and may add (or revise) a reflection."""
    session = CoachingSession.objects.select_for_update().get(pk=session.pk)
    if actor.pk != session.trainee_id:
        raise NotAllowed(_("Only the trainee acknowledges their own session."))
    if session.acknowledged_at is None:
        session.acknowledged_at = timezone.now()
    session.reflection = (reflection or "").strip() or session.reflection
    clean_save(session)
    audit_record(actor=actor, action="coaching.acknowledge", target=session)
    return session


def _may_manage(actor, session) -> bool:
    return viewer_for(actor).office or is_current_mentor(actor, session.trainee_id)


@transaction.atomic
def coaching_action_add(*, actor, session, owner, description, due_on) -> AgreedAction:
    if not _may_manage(actor, session):
        raise NotAllowed(_("Only the trainee's current mentors or the office can add actions."))
    action = _add_action(session=session, owner=owner, description=description, due_on=due_on)
    audit_record(actor=actor, action="coaching.action_add", target=action)
    return action


@transaction.atomic
def coaching_action_set_status(*, actor, action, status) -> AgreedAction:
    """Mark an action done, dropped or open again.

    The trainee may mark their own actions done; mentors and the office may do anything.
    """
    action = AgreedAction.objects.select_for_update().select_related("session").get(pk=action.pk)
    own = (
        actor.pk == action.session.trainee_id
        and action.owner == AgreedAction.Owner.TRAINEE
        and status in (AgreedAction.Status.DONE, AgreedAction.Status.OPEN)
    )
    if not own and not _may_manage(actor, action.session):
        raise NotAllowed(_("You cannot change this action."))
    if status not in AgreedAction.Status.values:
        raise MentoringRefusal(_("Unknown status."))
    action.status = status
    if status == AgreedAction.Status.OPEN:
        action.closed_at, action.closed_by = None, None
    else:
        action.closed_at, action.closed_by = timezone.now(), actor
    clean_save(action)
    audit_record(actor=actor, action="coaching.action_status", target=action, status=status)
    return action
