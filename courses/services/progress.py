"""Progress through activities: each piece of evidence is recorded, then the rule is applied.

Completing an activity credits its learning hours once; completing every required activity
completes the enrolment. Other parts of the system (sign-in, quizzes, scenario runs, reviews)
report evidence through the functions here and never set completion themselves.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.audit.services import audit_record

from ..exceptions import EngineRefusal
from ..models import ActivityProgress, Enrolment, HoursEntry, LearningActivity


def enrolment_required(*, trainee, course: Page, lock: bool = False) -> Enrolment:
    """The trainee's enrolment in the course unless withdrawn, or the refusal every part of the
    engine gives to someone who is not enrolled. ``lock`` holds the row for the transaction."""
    enrolments = Enrolment.objects.select_for_update() if lock else Enrolment.objects
    enrolment = (
        enrolments.filter(trainee_id=trainee.pk, course_id=course.pk)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .first()
    )
    if enrolment is None:
        raise EngineRefusal(
            _("You are not enrolled in the course “%(title)s”.") % {"title": course.title},
            code="not_enrolled",
        )
    return enrolment


def _activity_and_enrolment(*, trainee, activity: Page) -> tuple[LearningActivity, Enrolment]:
    specific = activity.specific
    if not isinstance(specific, LearningActivity):
        raise EngineRefusal(_("“%(title)s” is not a course activity.") % {"title": activity.title})
    return specific, enrolment_required(trainee=trainee, course=specific.get_parent(), lock=True)


def _progress_for(trainee, activity, enrolment) -> ActivityProgress:
    progress, _created = ActivityProgress.objects.select_for_update().get_or_create(
        trainee=trainee, activity_id=activity.pk, defaults={"course_id": enrolment.course_id}
    )
    return progress


def _record(
    *, trainee, activity: Page, field: str, at=None, actor=None, **audit
) -> ActivityProgress:
    specific, enrolment = _activity_and_enrolment(trainee=trainee, activity=activity)
    progress = _progress_for(trainee, specific, enrolment)
    if getattr(progress, field) is None:
        setattr(progress, field, at or timezone.now())
        progress.save(update_fields=[field])
        audit_record(actor=actor or trainee, action=f"progress.{field}", target=progress, **audit)
    _settle(progress=progress, activity=specific, enrolment=enrolment)
    return progress


def _settle(*, progress: ActivityProgress, activity: LearningActivity, enrolment: Enrolment):
    if progress.completed_at is None and activity.completion_rule().is_met(
        progress, requires_quiz=activity.requires_quiz()
    ):
        progress.completed_at = timezone.now()
        progress.save(update_fields=["completed_at"])
        _credit_activity_hours(progress=progress, activity=activity)
    if progress.completed_at and enrolment.status == Enrolment.Status.ACTIVE:
        _complete_enrolment_if_done(enrolment)


def _credit_activity_hours(*, progress: ActivityProgress, activity: LearningActivity):
    try:
        with transaction.atomic():
            HoursEntry.objects.create(
                trainee_id=progress.trainee_id,
                kind=HoursEntry.Kind.ACTIVITY,
                hours=activity.learning_hours,
                activity_id=activity.pk,
                earned_on=timezone.localdate(progress.completed_at),
            )
    except IntegrityError:
        return  # already credited: an activity's hours count once


def required_activity_ids(course: Page) -> list[int]:
    """The live, required activities of a course, in page order."""
    return [
        page.pk
        for page in course.get_children().live().specific()
        if isinstance(page, LearningActivity) and page.is_required
    ]


def _complete_enrolment_if_done(enrolment: Enrolment) -> None:
    required = required_activity_ids(Page.objects.get(pk=enrolment.course_id))
    done = ActivityProgress.objects.filter(
        trainee_id=enrolment.trainee_id, activity_id__in=required, completed_at__isnull=False
    ).count()
    if required and done == len(required):
        enrolment.status = Enrolment.Status.COMPLETED
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["status", "completed_at"])
        audit_record(actor=None, action="enrolment.complete", target=enrolment)
        from ..tasks import certificate_issue  # here: the tasks module imports the services

        enrolment_id = enrolment.pk
        transaction.on_commit(lambda: certificate_issue.delay(enrolment_id), robust=True)


@transaction.atomic
def activity_view(*, trainee, activity: Page) -> ActivityProgress | None:
    """Note that the trainee opened the activity; silently nothing when not enrolled."""
    try:
        return _record(trainee=trainee, activity=activity, field="viewed_at")
    except EngineRefusal:
        return None


@transaction.atomic
def activity_confirm(*, trainee, activity: Page) -> ActivityProgress:
    """The trainee confirms they studied an online activity."""
    specific = activity.specific
    if not (
        isinstance(specific, LearningActivity) and specific.completion_rule().accepts_confirmation
    ):
        raise EngineRefusal(_("This activity is completed by attendance, not by confirmation."))
    _record(trainee=trainee, activity=activity, field="viewed_at")
    return _record(trainee=trainee, activity=activity, field="confirmed_at")


@transaction.atomic
def activity_attendance_record(
    *, trainee, activity: Page, at=None, actor=None, how: str = ""
) -> ActivityProgress:
    """Attendance at an in-person activity, from a sign-in or recorded by staff."""
    specific = activity.specific
    if not isinstance(specific, LearningActivity) or not specific.takes_attendance:
        raise EngineRefusal(_("This activity does not take attendance."))
    return _record(
        trainee=trainee, activity=activity, field="attended_at", at=at, actor=actor, how=how
    )


@transaction.atomic
def activity_run_finished(*, trainee, activity: Page, at=None) -> ActivityProgress:
    """A scenario run reached an ending (reported by the assessment part)."""
    return _record(trainee=trainee, activity=activity, field="run_finished_at", at=at)


@transaction.atomic
def activity_quiz_passed(*, trainee, activity: Page, at=None) -> ActivityProgress:
    """The activity's quiz was passed (reported by the assessment part)."""
    return _record(trainee=trainee, activity=activity, field="quiz_passed_at", at=at)


@transaction.atomic
def activity_work_accepted(*, trainee, activity: Page, actor=None, at=None) -> ActivityProgress:
    """A report or reflection for this activity was accepted by a reviewer."""
    return _record(trainee=trainee, activity=activity, field="work_accepted_at", at=at, actor=actor)
