"""Every read of mentoring records scoped to the user asking.

Mentors see the trainees they mentor (past trainees read-only: ``can_edit`` is false), hosts
see only their rotations' trainees and rotation records, trainees see themselves, the office
sees everything. Each selector answers in a fixed number of queries however many rows match;
querysets carry ``can_edit`` (and for coaching sessions ``notes_visible``) as annotations.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Avg,
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import Trunc
from django.utils import timezone

from lms.people.models import User
from lms.people.roles import PLAN_MENTORING, TRAINEE, VIEW_PROMOTION_CASES

from .access import viewer_for
from .models import (
    AgreedAction,
    Appointment,
    CoachingSession,
    Evaluation,
    EvaluationScore,
    MatchingProposal,
    MentorAssignment,
    MentorProfile,
    PromotionCase,
    PromotionDecision,
    PromotionReview,
    Rotation,
    RotationJournalEntry,
    RotationPlan,
    Stage,
    StageChange,
    TraineeStage,
    current_assignment_q,
    place_held_q,
)
from .readiness import Readiness, readiness_for, readiness_for_many

__all__ = [
    "Readiness",
    "StageFigures",
    "actions_overdue_for",
    "actions_visible_to",
    "assignments_visible_to",
    "coaching_sessions_visible_to",
    "current_mentors_of",
    "evaluation_averages",
    "evaluations_visible_to",
    "journal_entries_visible_to",
    "matching_proposals_visible_to",
    "mentor_loads",
    "promotion_cases_visible_to",
    "promotion_figures",
    "promotion_reviews_visible_to",
    "readiness_for",
    "readiness_for_many",
    "readiness_visible_to",
    "rotation_plans_visible_to",
    "rotations_visible_to",
    "stage_code_for",
    "stage_history_for",
    "submission_review_scope",
    "trainees_visible_to",
]

DEFAULT_STAGE_CODE = "trainee"


def _flag(condition) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _mentored_by(user, trainee_ref="pk", *, now=False):
    """Exists: ``user`` mentors (``now``) or has ever mentored the trainee at ``trainee_ref``."""
    assignments = MentorAssignment.objects.filter(
        mentor_id=user.pk, trainee_id=OuterRef(trainee_ref)
    )
    if now:
        assignments = assignments.filter(current_assignment_q())
    else:
        assignments = assignments.filter(starts_on__lte=timezone.localdate())
    return Exists(assignments)


# Stages ---------------------------------------------------------------------------------------


def stage_code_for(user) -> str:
    """The user's progression stage code; set ``COURSES_STAGE_RESOLVER`` to this function."""
    code = (
        TraineeStage.objects.filter(trainee_id=user.pk)
        .values_list("stage__code", flat=True)
        .first()
    )
    if code:
        return code
    return Stage.objects.order_by("order").values_list("code", flat=True).first() or (
        DEFAULT_STAGE_CODE
    )


def stage_history_for(*, viewer, trainee):
    """The trainee's stage changes, oldest first, if the viewer may see the trainee."""
    if not trainees_visible_to(viewer).filter(pk=trainee.pk).exists():
        return StageChange.objects.none()
    return (
        StageChange.objects.filter(trainee=trainee)
        .select_related("from_stage", "to_stage", "decision")
        .order_by("effective_on", "pk")
    )


# Trainees and assignments -----------------------------------------------------------------


def trainees_visible_to(user):
    """Trainees the user may see, each with ``can_edit``: the office sees every trainee, a
    mentor the trainees they mentor or mentored (past ones read-only), a host the trainees of
    their rotations, a trainee themselves."""
    viewer = viewer_for(user)
    people = User.objects.select_related("community").order_by("display_name", "username")
    if viewer.office:
        return people.filter(groups__name=TRAINEE.group_name).annotate(can_edit=Value(True))
    if not viewer.user.is_authenticated:
        return people.none()
    hosted = Rotation.objects.filter(host_id=user.pk, trainee_id=OuterRef("pk")).exclude(
        status=Rotation.Status.CANCELLED
    )
    hosting_now = hosted.filter(status=Rotation.Status.SCHEDULED)
    return people.filter(
        _mentored_by(user) | Exists(hosted) | Q(pk=user.pk if viewer.trainee else None)
    ).annotate(can_edit=_flag(_mentored_by(user, now=True) | Exists(hosting_now) | Q(pk=user.pk)))


def assignments_visible_to(user):
    """Mentor assignments: the office sees all; mentors and trainees their own."""
    viewer = viewer_for(user)
    assignments = MentorAssignment.objects.select_related(
        "trainee", "mentor", "trainee__community", "mentor__community"
    ).annotate(is_current=_flag(current_assignment_q()))
    if viewer.office:
        return assignments
    if not viewer.user.is_authenticated:
        return assignments.none()
    return assignments.filter(Q(mentor_id=user.pk) | Q(trainee_id=user.pk))


def current_mentors_of(trainee):
    """The trainee's current assignments (primary first), with the mentors."""
    return (
        MentorAssignment.objects.filter(current_assignment_q(), trainee=trainee)
        .select_related("mentor", "mentor__community")
        .order_by("kind")
    )


def submission_review_scope(user) -> Q | None:
    """For the engine's ``COURSES_REVIEW_SCOPE``: the work of the trainees the user mentors
    now (the same people ``courses.review_work`` lets them review), or None for non-mentors."""
    if not getattr(user, "is_authenticated", False):
        return None
    mentees = list(
        MentorAssignment.objects.filter(current_assignment_q(), mentor_id=user.pk).values_list(
            "trainee_id", flat=True
        )
    )
    return Q(trainee_id__in=mentees) if mentees else None


def mentor_loads(*, viewer, places_from=None):
    """For the office: each mentor's capacity and ``load``, the number of trainees they mentor
    today; or, given ``places_from``, the places taken from that day on by assignments open
    then, whenever they start (what the capacity rule counts for a matching starting then)."""
    if not viewer.has_perm(PLAN_MENTORING):
        return MentorProfile.objects.none()
    prefix = "user__mentee_assignments__"
    if places_from is None:
        counted = current_assignment_q(prefix=prefix)
    else:
        counted = place_held_q(places_from, prefix=prefix)
    return (
        MentorProfile.objects.select_related("user", "user__community")
        .annotate(load=Count("user__mentee_assignments", filter=counted))
        .order_by("user__display_name", "user__username")
    )


def matching_proposals_visible_to(user):
    if not user.has_perm(PLAN_MENTORING):
        return MatchingProposal.objects.none()
    return MatchingProposal.objects.prefetch_related(
        "rows__trainee", "rows__primary_mentor", "rows__cross_mentor"
    )


# Coaching ------------------------------------------------------------------------------------


def coaching_sessions_visible_to(user):
    """Sessions the user may see. ``notes_visible`` is true for the session's mentor and the
    office only; for anyone who mentors nobody the private notes are not even read from the
    database. Read them as ``session.visible_private_notes``."""
    viewer = viewer_for(user)
    sessions = CoachingSession.objects.select_related("trainee", "mentor")
    if viewer.office:
        return sessions.annotate(notes_visible=Value(True), can_edit=Value(True))
    if not viewer.user.is_authenticated:
        return sessions.none()
    sessions = sessions.filter(
        Q(trainee_id=user.pk) | Q(mentor_id=user.pk) | _mentored_by(user, "trainee_id")
    ).annotate(
        notes_visible=_flag(Q(mentor_id=user.pk)),
        can_edit=_flag(Q(mentor_id=user.pk) & _mentored_by(user, "trainee_id", now=True)),
    )
    if not viewer.mentor:
        sessions = sessions.defer("private_notes")
    return sessions


def actions_visible_to(user):
    """Agreed actions of the sessions the user may see, each flagged ``is_overdue``."""
    sessions = coaching_sessions_visible_to(user).values("pk")
    return (
        AgreedAction.objects.filter(session_id__in=sessions)
        .select_related("session__trainee", "session__mentor")
        .annotate(
            is_overdue=_flag(Q(status=AgreedAction.Status.OPEN, due_on__lt=timezone.localdate()))
        )
    )


def actions_overdue_for(user):
    """Open actions past their due date: a trainee's own, a mentor's current trainees'
    (whoever owns the action), everyone's for the office."""
    viewer = viewer_for(user)
    overdue = AgreedAction.objects.filter(
        status=AgreedAction.Status.OPEN, due_on__lt=timezone.localdate()
    ).select_related("session__trainee", "session__mentor")
    if viewer.office:
        return overdue.order_by("due_on", "pk")
    if not viewer.user.is_authenticated:
        return overdue.none()
    return overdue.filter(
        Q(session__trainee_id=user.pk) | _mentored_by(user, "session__trainee_id", now=True)
    ).order_by("due_on", "pk")


# Rotations -----------------------------------------------------------------------------------


def rotations_visible_to(user):
    """Rotations: the office all; hosts those they host; trainees their own; mentors those of
    the trainees they mentor or mentored. ``can_edit``: the office always; the host and the
    trainee while the rotation is scheduled."""
    viewer = viewer_for(user)
    rotations = Rotation.objects.select_related("trainee", "host", "host_community")
    if viewer.office:
        return rotations.annotate(can_edit=Value(True))
    if not viewer.user.is_authenticated:
        return rotations.none()
    return rotations.filter(
        Q(trainee_id=user.pk) | Q(host_id=user.pk) | _mentored_by(user, "trainee_id")
    ).annotate(
        can_edit=_flag(
            (Q(host_id=user.pk) | Q(trainee_id=user.pk)) & Q(status=Rotation.Status.SCHEDULED)
        )
    )


def journal_entries_visible_to(user):
    return RotationJournalEntry.objects.filter(
        rotation_id__in=rotations_visible_to(user).values("pk")
    ).select_related("rotation")


def rotation_plans_visible_to(user):
    if not user.has_perm(PLAN_MENTORING):
        return RotationPlan.objects.none()
    return RotationPlan.objects.prefetch_related("rows__trainee", "rows__host")


# Evaluations ---------------------------------------------------------------------------------


def evaluations_visible_to(user):
    """Evaluations: the office all; a trainee those of themselves and those they wrote; a
    mentor those of the trainees they mentor or mentored; a host those of their rotations."""
    viewer = viewer_for(user)
    evaluations = Evaluation.objects.select_related("rubric", "trainee", "evaluator")
    if viewer.office:
        return evaluations
    if not viewer.user.is_authenticated:
        return evaluations.none()
    return evaluations.filter(
        Q(trainee_id=user.pk)
        | Q(evaluator_id=user.pk)
        | Q(rotation__host_id=user.pk)
        | _mentored_by(user, "trainee_id")
    )


def evaluation_averages(*, viewer, trainee_ids=None, period: str = "month", kinds=None):
    """Per-dimension averages over time from the evaluations the viewer may see.

    Rows of ``trainee_id, period (first day), rubric_id, dimension_id, dimension_name, average,
    count``, ordered by trainee, period and the rubric's order of dimensions; ``period`` is
    ``month``, ``quarter`` or ``year``. One query.
    """
    if period not in ("month", "quarter", "year"):
        raise ValueError(period)
    evaluations = evaluations_visible_to(viewer)
    if trainee_ids is not None:
        evaluations = evaluations.filter(trainee_id__in=trainee_ids)
    if kinds:
        evaluations = evaluations.filter(kind__in=kinds)
    return list(
        EvaluationScore.objects.filter(evaluation_id__in=evaluations.values("pk"))
        .annotate(period=Trunc("evaluation__evaluated_on", period))
        .values(
            "period",
            "dimension_id",
            trainee_id=F("evaluation__trainee_id"),
            rubric_id=F("dimension__rubric_id"),
            dimension_name=F("dimension__name"),
        )
        .annotate(average=Avg("score"), count=Count("pk"))
        .order_by("trainee_id", "period", "rubric_id", "dimension__sort_order", "dimension_id")
    )


# Progression ---------------------------------------------------------------------------------


def readiness_visible_to(user) -> list[Readiness]:
    """Readiness of every trainee the user may see, in a fixed number of queries."""
    return readiness_for_many(trainees_visible_to(user))


def promotion_cases_visible_to(user):
    """Promotion cases: the office all, a trainee their own (reviews are the office's only)."""
    cases = PromotionCase.objects.select_related("trainee", "from_stage", "to_stage")
    if user.has_perm(VIEW_PROMOTION_CASES):
        return cases
    if not user.is_authenticated:
        return cases.none()
    return cases.filter(trainee_id=user.pk)


def promotion_reviews_visible_to(user):
    if not user.has_perm(VIEW_PROMOTION_CASES):
        return PromotionReview.objects.none()
    return PromotionReview.objects.select_related("case", "reviewer")


@dataclass(frozen=True)
class StageFigures:
    stage: Stage
    nominated: int
    approved: int
    deferred: int
    rejected: int
    appointed: int


def promotion_figures(*, viewer, start: datetime.date, end: datetime.date) -> list[StageFigures]:
    """For the office: per target stage, nominations, decisions and appointments in a period
    (both days included). Four queries."""
    if not viewer.has_perm(VIEW_PROMOTION_CASES):
        return []
    stages = list(Stage.objects.order_by("order"))
    nominated = dict(
        PromotionCase.objects.filter(nominated_at__date__gte=start, nominated_at__date__lte=end)
        .values("to_stage_id")
        .annotate(n=Count("pk"))
        .values_list("to_stage_id", "n")
    )
    decided: dict[tuple[int, str], int] = {
        (stage_id, outcome): n
        for stage_id, outcome, n in PromotionDecision.objects.filter(
            decided_on__gte=start, decided_on__lte=end
        )
        .values("case__to_stage_id", "outcome")
        .annotate(n=Count("pk"))
        .values_list("case__to_stage_id", "outcome", "n")
    }
    appointed = dict(
        Appointment.objects.filter(effective_on__gte=start, effective_on__lte=end)
        .values("case__to_stage_id")
        .annotate(n=Count("pk"))
        .values_list("case__to_stage_id", "n")
    )
    Outcome = PromotionDecision.Outcome
    return [
        StageFigures(
            stage=stage,
            nominated=nominated.get(stage.pk, 0),
            approved=decided.get((stage.pk, Outcome.APPROVE), 0),
            deferred=decided.get((stage.pk, Outcome.DEFER), 0),
            rejected=decided.get((stage.pk, Outcome.REJECT), 0),
            appointed=appointed.get(stage.pk, 0),
        )
        for stage in stages[1:]
    ]


# Progression pages: the readiness page, the office's board and case record --------------------

from .models import SignOff  # noqa: E402  (appended block: see above)

__all__ += [
    "PromotionCaseRecord",
    "promotion_case_record",
    "promotion_cases_pending_for",
    "readiness_subject_for",
    "signoff_standing",
]


def readiness_subject_for(*, viewer, trainee_id):
    """The trainee whose readiness page the viewer may open, or None: a trainee sees
    themselves, a mentor the trainees they mentor today, the office every trainee. Hosts and
    past mentors get None (their pages show rotations and records, not the promotion path)."""
    roles = viewer_for(viewer)
    trainees = User.objects.select_related("community").filter(
        pk=trainee_id, groups__name=TRAINEE.group_name
    )
    if roles.office:
        return trainees.first()
    if not roles.user.is_authenticated:
        return None
    return trainees.filter(Q(pk=viewer.pk) | _mentored_by(viewer, now=True)).first()


def signoff_standing(*, mentor, trainee, to_stage) -> SignOff | None:
    """The mentor's standing (not withdrawn) sign-off of the trainee's step into ``to_stage``."""
    if to_stage is None or not getattr(mentor, "is_authenticated", False):
        return None
    return SignOff.objects.filter(
        trainee_id=trainee.pk, mentor_id=mentor.pk, to_stage=to_stage, withdrawn_at__isnull=True
    ).first()


def promotion_cases_pending_for(*, viewer, trainee_ids) -> dict[int, PromotionCase]:
    """Each trainee's case under review or deferred, among those the viewer may see. One query."""
    pending = (PromotionCase.Status.OPEN, PromotionCase.Status.DEFERRED)
    cases = promotion_cases_visible_to(viewer).filter(
        trainee_id__in=list(trainee_ids), status__in=pending
    )
    return {case.trainee_id: case for case in cases}


@dataclass(frozen=True)
class PromotionCaseRecord:
    case: PromotionCase
    reviews: list
    decisions: list
    appointment: Appointment | None
    history: list


def promotion_case_record(*, viewer, case_id) -> PromotionCaseRecord | None:
    """For the office: a case with its reviews, decisions (oldest first), appointment and the
    trainee's stage history; None if the case does not exist or the viewer may not see it all.
    Six queries."""
    if not viewer.has_perm(VIEW_PROMOTION_CASES):
        return None
    case = (
        promotion_cases_visible_to(viewer)
        .select_related("trainee__community", "nominated_by")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        return None
    return PromotionCaseRecord(
        case=case,
        reviews=list(
            promotion_reviews_visible_to(viewer).filter(case=case).order_by("created_at", "pk")
        ),
        decisions=list(
            PromotionDecision.objects.filter(case=case)
            .select_related("decided_by")
            .order_by("decided_on", "pk")
        ),
        appointment=Appointment.objects.filter(case=case).select_related("community").first(),
        history=list(stage_history_for(viewer=viewer, trainee=case.trainee)),
    )


# Rotation and evaluation pages ---------------------------------------------------------------

from .models import Rubric, RubricDimension  # noqa: E402  (appended block: see above)

__all__ += [
    "evaluation_subject_for",
    "evaluations_of",
    "host_evaluation_of",
    "peer_cohort_of",
    "rotation_journal_for",
    "rotation_to_evaluate",
    "rotations_listed_for",
    "rubrics_in_use",
]


def _host_evaluated():
    return Exists(Evaluation.objects.filter(rotation_id=OuterRef("pk"), kind=Evaluation.Kind.HOST))


def rotations_listed_for(user):
    """The rotation list: the office every rotation, a host those they host, a trainee their
    own, a mentor those of the trainees they mentor now. Each row carries ``journal_weeks``
    (entries written) and ``host_evaluated``. One query however many rows."""
    rotations = rotations_visible_to(user)
    if not viewer_for(user).office:
        rotations = rotations.filter(
            Q(host_id=user.pk) | Q(trainee_id=user.pk) | _mentored_by(user, "trainee_id", now=True)
        )
    return (
        rotations.select_related("trainee__community")
        .annotate(journal_weeks=Count("journal"), host_evaluated=_host_evaluated())
        .order_by("-starts_on", "-pk")
    )


def rotation_journal_for(*, viewer, rotation):
    """The rotation's journal, oldest week first, if the viewer may see the rotation."""
    return (
        journal_entries_visible_to(viewer)
        .filter(rotation_id=rotation.pk)
        .order_by("week_starts_on")
    )


def rotation_to_evaluate(*, viewer, trainee):
    """The viewer's hosted rotation of the trainee that a host evaluation is for: the latest
    one not cancelled and not yet evaluated, else the latest one; None if they host none."""
    return (
        rotations_visible_to(viewer)
        .filter(host_id=viewer.pk, trainee_id=trainee.pk)
        .exclude(status=Rotation.Status.CANCELLED)
        .annotate(host_evaluated=_host_evaluated())
        .order_by("host_evaluated", "-ends_on", "-pk")
        .first()
    )


def rubrics_in_use():
    """The rubrics the office keeps in use, each with its dimensions in order. Two queries."""
    from django.db.models import Prefetch

    return (
        Rubric.objects.filter(is_active=True)
        .prefetch_related(
            Prefetch("dimensions", queryset=RubricDimension.objects.order_by("sort_order", "pk"))
        )
        .order_by("name")
    )


def _with_scores(evaluations):
    from django.db.models import Prefetch

    return evaluations.select_related("rotation__host_community").prefetch_related(
        Prefetch(
            "scores",
            queryset=EvaluationScore.objects.select_related("dimension").order_by(
                "dimension__sort_order", "dimension_id"
            ),
        )
    )


def evaluations_of(*, viewer, trainee, by_viewer=False):
    """The trainee's evaluations the viewer may see (only those the viewer wrote, with
    ``by_viewer``), newest first, with their scores in the rubric's order. Two queries."""
    evaluations = evaluations_visible_to(viewer).filter(trainee_id=trainee.pk)
    if by_viewer:
        evaluations = evaluations.filter(evaluator_id=viewer.pk)
    return _with_scores(evaluations).order_by("-evaluated_on", "-pk")


def host_evaluation_of(*, viewer, rotation):
    """The host's evaluation of the rotation, with its scores, if the viewer may see it."""
    return _with_scores(
        evaluations_visible_to(viewer).filter(rotation_id=rotation.pk, kind=Evaluation.Kind.HOST)
    ).first()


def evaluation_subject_for(*, viewer, trainee_id):
    """The trainee whose evaluation form the viewer may open, or None: one they may see
    (``trainees_visible_to``) or a fellow member of one of their cohorts. Whether they may
    evaluate them, and how, is for ``evaluation_submit`` to decide."""
    from courses.selectors import cohorts_visible_to

    if trainee_id is None:
        return None
    seen = trainees_visible_to(viewer).filter(pk=trainee_id).first()
    if seen is not None or not viewer_for(viewer).trainee:
        return seen
    own_cohorts = cohorts_visible_to(viewer).filter(members=viewer)
    return (
        User.objects.select_related("community")
        .filter(pk=trainee_id, groups__name=TRAINEE.group_name, cohorts__in=own_cohorts)
        .first()
    )


def peer_cohort_of(*, viewer, trainee):
    """A cohort both the viewer and the trainee are members of (the latest), or None."""
    from courses.selectors import cohorts_visible_to

    return (
        cohorts_visible_to(viewer)
        .filter(members=viewer)
        .filter(members=trainee)
        .order_by("-starts_on", "-pk")
        .first()
    )


# Mentor desk and coaching log ----------------------------------------------------------------
# The desk shows every current trainee's courses, hours and readiness at once, so these reads
# take many trainees together and answer in a fixed number of queries however many there are.
# The engine has no batched reads of progress and hours yet: ``course_progress_for_trainees``
# and ``hours_summaries_for`` read its records here, and belong in ``courses.selectors``.

from collections import defaultdict  # noqa: E402  (appended block: see above)

from django.db.models import Max, Prefetch  # noqa: E402

from courses.selectors import (  # noqa: E402
    CourseProgress,
    HoursSummary,
    submissions_to_review,
)
from courses.selectors import (  # noqa: E402
    course_progress_for_trainees as _course_progress_for_trainees,
)
from courses.selectors import hours_summaries_for as _hours_summaries_for  # noqa: E402

from .readiness import stage_ladder, stages_of  # noqa: E402

__all__ += [
    "CoursesSummary",
    "MenteeLine",
    "MentorDesk",
    "PastMentee",
    "coaching_log_for",
    "coaching_log_trainee_for",
    "course_progress_for_trainees",
    "hours_summaries_for",
    "mentor_desk_for",
]


def course_progress_for_trainees(trainee_ids) -> dict[int, list[CourseProgress]]:
    """Each trainee's courses with required and completed counts (the engine's batched read)."""
    return _course_progress_for_trainees(trainee_ids)


def hours_summaries_for(
    trainee_ids, year: int | None = None, *, stage_codes: dict[int, str] | None = None
) -> dict[int, HoursSummary]:
    """Hours against target for many trainees; stage codes come from this app's stages."""
    ids = list(trainee_ids)
    if stage_codes is None:
        ladder = stage_ladder()
        stages = stages_of(ids, ladder) if ladder else {}
        stage_codes = {trainee_id: stage.code for trainee_id, stage in stages.items()}
    return _hours_summaries_for(ids, year or timezone.localdate().year, stage_codes=stage_codes)


@dataclass(frozen=True)
class CoursesSummary:
    """A trainee's courses at a glance: how many, how many completed, required activities done."""

    courses: tuple[CourseProgress, ...]

    @property
    def enrolled(self) -> int:
        return len(self.courses)

    @property
    def completed(self) -> int:
        return sum(1 for c in self.courses if c.is_complete)

    @property
    def required(self) -> int:
        return sum(c.required for c in self.courses)

    @property
    def done(self) -> int:
        return sum(c.required if c.is_complete else c.completed for c in self.courses)

    @property
    def percent(self) -> int:
        if self.required:
            return round(100 * self.done / self.required)
        return 100 if self.courses and self.completed == self.enrolled else 0


@dataclass(frozen=True)
class MenteeLine:
    """One current trainee on the mentor's desk."""

    trainee: User
    kinds: tuple[str, ...]  # MentorAssignment.Kind values: this mentor is primary and/or cross
    courses: CoursesSummary
    hours: HoursSummary
    readiness: Readiness | None
    sessions: int  # sessions this mentor has logged with the trainee
    last_session_on: datetime.date | None
    open_actions: int
    overdue_actions: int

    @property
    def kind_labels(self) -> list[str]:
        return [MentorAssignment.Kind(kind).label for kind in self.kinds]

    @property
    def criteria_met(self) -> int:
        return len([r for r in self.readiness.results if r.met]) if self.readiness else 0

    @property
    def criteria_total(self) -> int:
        return len(self.readiness.results) if self.readiness else 0


@dataclass(frozen=True)
class PastMentee:
    trainee: User
    ended_on: datetime.date | None  # the first day without this mentor


@dataclass(frozen=True)
class MentorDesk:
    mentor: User
    today: datetime.date
    current: list[MenteeLine]
    past: list[PastMentee]
    to_review: list  # courses.models.Submission waiting for the mentor's decision
    overdue: list[AgreedAction]  # open actions past their due date, oldest first
    due_soon: list[AgreedAction]  # open actions due from today to ``due_within_days`` on


def mentor_desk_for(
    *, viewer, mentor, today: datetime.date | None = None, due_within_days: int = 14
) -> MentorDesk | None:
    """A mentor's desk: current trainees with courses, hours, readiness and coaching figures;
    past trainees; work waiting for the mentor's marking; open actions overdue or due soon.

    The mentor sees their own desk, the office any mentor's; None for anyone else. A fixed
    number of queries however many trainees (the readiness criteria configured add one per
    kind of evidence they read).
    """
    if viewer.pk != mentor.pk and not viewer_for(viewer).office:
        return None
    today = today or timezone.localdate()
    assignments = (
        MentorAssignment.objects.filter(mentor_id=mentor.pk, starts_on__lte=today)
        .select_related("trainee", "trainee__community")
        .order_by("trainee__display_name", "trainee__username", "trainee_id", "starts_on")
    )
    people: dict[int, User] = {}
    kinds: dict[int, list[str]] = defaultdict(list)
    ended: dict[int, datetime.date | None] = {}
    for assignment in assignments:
        people[assignment.trainee_id] = assignment.trainee
        if assignment.is_current(today):
            kinds[assignment.trainee_id].append(assignment.kind)
        else:
            ended[assignment.trainee_id] = max(
                ended.get(assignment.trainee_id) or assignment.ends_on, assignment.ends_on
            )
    current = [person for pk, person in people.items() if pk in kinds]
    ids = [person.pk for person in current]

    progress = course_progress_for_trainees(ids)
    readiness = {r.trainee.pk: r for r in readiness_for_many(current, today=today)}
    stage_codes = {trainee_id: r.stage.code for trainee_id, r in readiness.items()}
    hours = hours_summaries_for(ids, today.year, stage_codes=stage_codes)
    coached = {
        row["trainee_id"]: row
        for row in CoachingSession.objects.filter(mentor_id=mentor.pk, trainee_id__in=ids)
        .values("trainee_id")
        .annotate(n=Count("pk"), last=Max("held_on"))
        .order_by()
    }
    open_actions = list(
        AgreedAction.objects.filter(session__trainee_id__in=ids, status=AgreedAction.Status.OPEN)
        .select_related("session__trainee", "session__mentor")
        .annotate(is_overdue=_flag(Q(due_on__lt=today)))
        .order_by("due_on", "pk")
    )
    open_by_trainee: dict[int, int] = defaultdict(int)
    overdue_by_trainee: dict[int, int] = defaultdict(int)
    for action in open_actions:
        open_by_trainee[action.session.trainee_id] += 1
        if action.is_overdue:
            overdue_by_trainee[action.session.trainee_id] += 1

    lines = [
        MenteeLine(
            trainee=person,
            kinds=tuple(kinds[person.pk]),
            courses=CoursesSummary(tuple(progress.get(person.pk, ()))),
            hours=hours[person.pk],
            readiness=readiness.get(person.pk),
            sessions=coached.get(person.pk, {}).get("n", 0),
            last_session_on=coached.get(person.pk, {}).get("last"),
            open_actions=open_by_trainee[person.pk],
            overdue_actions=overdue_by_trainee[person.pk],
        )
        for person in current
    ]
    soon = today + datetime.timedelta(days=due_within_days)
    return MentorDesk(
        mentor=mentor,
        today=today,
        current=lines,
        past=[PastMentee(p, ended.get(pk)) for pk, p in people.items() if pk not in kinds],
        to_review=list(submissions_to_review(mentor)),
        overdue=[action for action in open_actions if action.is_overdue],
        due_soon=[action for action in open_actions if today <= action.due_on <= soon],
    )


def coaching_log_trainee_for(*, viewer, trainee_id):
    """The trainee whose coaching log the viewer may open, with ``can_edit``; None otherwise.

    A mentor opens the log of each trainee they mentor (``can_edit``) or mentored (read-only),
    the office any trainee's. Hosts, fellow trainees and the trainee themselves get None (the
    trainee reads their own sessions on their mentoring page).
    """
    roles = viewer_for(viewer)
    people = User.objects.select_related("community").filter(pk=trainee_id)
    if roles.office:
        ever_mentored = Exists(MentorAssignment.objects.filter(trainee_id=OuterRef("pk")))
        return (
            people.filter(Q(groups__name=TRAINEE.group_name) | ever_mentored)
            .annotate(can_edit=Value(True))
            .first()
        )
    if not roles.user.is_authenticated:
        return None
    return (
        people.filter(_mentored_by(viewer))
        .annotate(can_edit=_flag(_mentored_by(viewer, now=True)))
        .first()
    )


def coaching_log_for(*, viewer, trainee) -> list[CoachingSession]:
    """The trainee's sessions the viewer may see, newest first, each with its
    ``agreed_actions`` (flagged ``is_overdue``). Two queries. Private notes are read through
    ``session.visible_private_notes`` only."""
    actions = AgreedAction.objects.annotate(
        is_overdue=_flag(Q(status=AgreedAction.Status.OPEN, due_on__lt=timezone.localdate()))
    ).order_by("due_on", "pk")
    return list(
        coaching_sessions_visible_to(viewer)
        .filter(trainee_id=trainee.pk)
        .order_by("-held_on", "-pk")
        .prefetch_related(Prefetch("actions", queryset=actions, to_attr="agreed_actions"))
    )
