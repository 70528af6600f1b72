"""Every read of engine records that depends on who is asking. Other apps read through here.

Each function answers in a fixed number of queries however many courses, activities or
records there are; the trainee home and course page rely on that.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import Page

from lms.people.roles import EXPORT_HOURS, MANAGE_ENROLMENTS, VIEW_TRAINEE_RECORDS

from .models import (
    ActivityProgress,
    Cohort,
    Enrolment,
    HoursEntry,
    HoursTarget,
    LearningActivity,
    StageHoursTarget,
)

DEFAULT_STAGE = "trainee"
FALLBACK_ANNUAL_TARGET = Decimal("40.0")


@dataclass(frozen=True)
class CourseProgress:
    enrolment: Enrolment
    course: Page
    required: int
    completed: int

    @property
    def is_complete(self) -> bool:
        return self.enrolment.status == Enrolment.Status.COMPLETED

    @property
    def percent(self) -> int:
        if self.is_complete:
            return 100
        return round(100 * self.completed / self.required) if self.required else 0


@dataclass(frozen=True)
class HoursSummary:
    year: int
    earned: Decimal
    target: Decimal

    @property
    def remaining(self) -> Decimal:
        return max(self.target - self.earned, Decimal("0"))

    @property
    def percent(self) -> int:
        if not self.target:
            return 100
        return min(100, round(100 * self.earned / self.target))


def trainee_stage(trainee) -> str:
    """The trainee's progression stage code; the mentoring app supplies the real resolver."""
    resolver = getattr(settings, "COURSES_STAGE_RESOLVER", None)
    return import_string(resolver)(trainee) if resolver else DEFAULT_STAGE


def enrolments_visible_to(user):
    """Enrolments the user may see: their own; the office sees all."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    if user.has_perm(VIEW_TRAINEE_RECORDS):
        return Enrolment.objects.all()
    return Enrolment.objects.filter(trainee=user)


def enrolment_for(*, trainee, course: Page) -> Enrolment | None:
    if not trainee.is_authenticated:
        return None
    return Enrolment.objects.filter(trainee=trainee, course_id=course.pk).first()


def _activities_by_course(course_ids) -> dict[int, list[LearningActivity]]:
    courses = Page.objects.filter(pk__in=course_ids).only("pk", "path", "depth")
    if not courses:
        return {}
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    by_path = {course.path: course.pk for course in courses}
    result: dict[int, list[LearningActivity]] = {course.pk: [] for course in courses}
    for page in Page.objects.filter(condition).live().order_by("path").specific():
        if isinstance(page, LearningActivity):
            result[by_path[page.path[: -Page.steplen]]].append(page)
    return result


def course_progress_for_trainee(trainee) -> list[CourseProgress]:
    """The trainee's courses (withdrawn ones left out) with required and completed counts."""
    enrolments = list(
        Enrolment.objects.filter(trainee=trainee)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course", "cohort")
        .order_by("-enrolled_at")
    )
    activities = _activities_by_course([e.course_id for e in enrolments])
    completed = set(
        ActivityProgress.objects.filter(
            trainee=trainee,
            course_id__in=[e.course_id for e in enrolments],
            completed_at__isnull=False,
        ).values_list("activity_id", flat=True)
    )
    result = []
    for enrolment in enrolments:
        required = [a.pk for a in activities.get(enrolment.course_id, []) if a.is_required]
        result.append(
            CourseProgress(
                enrolment=enrolment,
                course=enrolment.course,
                required=len(required),
                completed=len([pk for pk in required if pk in completed]),
            )
        )
    return result


def activity_progress_map(*, trainee, course: Page) -> dict[int, ActivityProgress]:
    """The trainee's progress records in one course, by activity id."""
    if not trainee.is_authenticated:
        return {}
    return {
        p.activity_id: p
        for p in ActivityProgress.objects.filter(trainee=trainee, course_id=course.pk)
    }


def stage_annual_target(stage: str = DEFAULT_STAGE) -> Decimal:
    """The office's annual learning-hours target for everyone at a stage.

    The one source of the figure: My learning shows it (or a trainee's own target) and the
    programme page quotes it for trainees, so the two cannot disagree.
    """
    default = StageHoursTarget.objects.filter(stage=stage).values_list("hours", flat=True)
    return default[0] if default else FALLBACK_ANNUAL_TARGET


def annual_target(trainee, year: int) -> Decimal:
    own = HoursTarget.objects.filter(trainee=trainee, year=year).values_list("hours", flat=True)
    if own:
        return own[0]
    return stage_annual_target(trainee_stage(trainee))


def hours_summary(trainee, year: int | None = None) -> HoursSummary:
    year = year or timezone.localdate().year
    earned = HoursEntry.objects.filter(trainee=trainee, earned_on__year=year).aggregate(
        total=Sum("hours")
    )["total"] or Decimal("0")
    return HoursSummary(year=year, earned=earned, target=annual_target(trainee, year))


def hours_entries_visible_to(user):
    if not user.is_authenticated:
        return HoursEntry.objects.none()
    if user.has_perm(VIEW_TRAINEE_RECORDS):
        return HoursEntry.objects.all()
    return HoursEntry.objects.filter(trainee=user)


def hours_by_trainee(*, actor, start, end):
    """Per-trainee totals in a date range, for the office's export."""
    if not actor.has_perm(EXPORT_HOURS):
        return HoursEntry.objects.none()
    return (
        HoursEntry.objects.filter(earned_on__gte=start, earned_on__lte=end)
        .values(
            "trainee_id",
            username=F("trainee__username"),
            display_name=F("trainee__display_name"),
            community=F("trainee__community__name"),
        )
        .annotate(total=Sum("hours"))
        .order_by("display_name", "username")
    )


def cohorts_visible_to(user):
    if not user.is_authenticated:
        return Cohort.objects.none()
    if user.has_perm(VIEW_TRAINEE_RECORDS):
        return Cohort.objects.all()
    return Cohort.objects.filter(Q(head_mentor=user) | Q(members=user)).distinct()


@dataclass(frozen=True)
class RosterLine:
    enrolment: Enrolment
    completed: int
    required: int
    hours: Decimal

    @property
    def percent(self) -> int:
        if self.enrolment.status == Enrolment.Status.COMPLETED:
            return 100
        return round(100 * self.completed / self.required) if self.required else 0


def course_roster(*, actor, course: Page, cohort: Cohort | None = None) -> list[RosterLine]:
    """Everyone enrolled in a course (or one cohort of it) with progress and hours earned in it.

    The office sees every roster; a cohort's head mentor sees their own cohort's."""
    if not (
        actor.has_perm(MANAGE_ENROLMENTS)
        or (cohort is not None and cohort.head_mentor_id == actor.pk)
    ):
        return []
    enrolments = Enrolment.objects.filter(course_id=course.pk).select_related("trainee", "cohort")
    if cohort is not None:
        enrolments = enrolments.filter(cohort=cohort)
    enrolments = list(enrolments.order_by("trainee__display_name", "trainee__username"))
    activities = _activities_by_course([course.pk]).get(course.pk, [])
    required = [a.pk for a in activities if a.is_required]
    trainee_ids = [e.trainee_id for e in enrolments]
    completed = dict(
        ActivityProgress.objects.filter(
            trainee_id__in=trainee_ids, activity_id__in=required, completed_at__isnull=False
        )
        .values("trainee_id")
        .annotate(n=Count("pk"))
        .values_list("trainee_id", "n")
    )
    hours = dict(
        HoursEntry.objects.filter(
            trainee_id__in=trainee_ids,
            activity_id__in=[a.pk for a in activities],
            kind=HoursEntry.Kind.ACTIVITY,
        )
        .values("trainee_id")
        .annotate(total=Sum("hours"))
        .values_list("trainee_id", "total")
    )
    return [
        RosterLine(
            enrolment=e,
            completed=completed.get(e.trainee_id, 0),
            required=len(required),
            hours=hours.get(e.trainee_id) or Decimal("0"),
        )
        for e in enrolments
    ]


def cohort_members(*, actor, cohort: Cohort):
    if not actor.has_perm(MANAGE_ENROLMENTS) and cohort.head_mentor_id != actor.pk:
        return []
    return list(
        cohort.memberships.select_related("trainee", "trainee__community").order_by(
            "trainee__display_name", "trainee__username"
        )
    )


def hours_ledger(*, actor, start, end):
    """Ledger lines in a date range for the office's export, with the people named."""
    if not actor.has_perm(EXPORT_HOURS):
        return HoursEntry.objects.none()
    return (
        HoursEntry.objects.filter(earned_on__gte=start, earned_on__lte=end)
        .select_related("trainee", "trainee__community", "activity", "recorded_by")
        .order_by("trainee__display_name", "earned_on", "pk")
    )


# Submitted work: study-tour reports (参观学习报告) and scenario reflections (情景体验心得).
# Who reviews which work is the ``courses.review_work`` rule, decided per submission. A user
# for whom it holds without a submission (the office's reviewers) reviews all of it; another
# app may name the work its users review as a ``Q`` on ``Submission`` through the setting
# ``COURSES_REVIEW_SCOPE`` (a dotted path to ``scope(user) -> Q | None``) so the review queue
# stays one query; the review page still asks the rule about each submission.
from django.db.models import Count as _Count  # noqa: E402  (appended block: see above)

from .models import Submission  # noqa: E402


def _review_scope(user) -> Q | None:
    if not user.is_authenticated:
        return None
    if user.has_perm("courses.review_work"):
        return Q()
    scope = getattr(settings, "COURSES_REVIEW_SCOPE", None)
    return import_string(scope)(user) if scope else None


def reviews_work(user) -> bool:
    """Whether the user reviews anyone's work (and so has a review queue)."""
    return _review_scope(user) is not None


def submissions_of(trainee):
    """The trainee's own work, newest first, with its activity and the number of photos."""
    if not trainee.is_authenticated:
        return Submission.objects.none()
    return (
        Submission.objects.filter(trainee=trainee)
        .select_related("activity", "reviewed_by")
        .annotate(photo_count=_Count("photos"))
        .order_by("-updated_at", "-pk")
    )


def submission_for(*, trainee, activity: Page) -> Submission | None:
    """The trainee's work for an activity, if they have started it."""
    if not trainee.is_authenticated:
        return None
    return Submission.objects.filter(trainee=trainee, activity_id=activity.pk).first()


def submissions_visible_to(user):
    """Work the user may read: their own, and work sent for review that they review."""
    if not user.is_authenticated:
        return Submission.objects.none()
    condition = Q(trainee=user)
    scope = _review_scope(user)
    if scope is not None:
        condition |= scope & ~Q(status=Submission.Status.DRAFT)
    return Submission.objects.filter(condition)


def submissions_to_review(user):
    """Submitted work waiting for this user's decision, longest waiting first."""
    scope = _review_scope(user)
    if scope is None:
        return Submission.objects.none()
    return (
        Submission.objects.filter(scope, status=Submission.Status.SUBMITTED)
        .exclude(trainee=user)
        .select_related("trainee", "activity")
        .annotate(photo_count=_Count("photos"))
        .order_by("submitted_at", "pk")
    )


@dataclass(frozen=True)
class UpcomingSession:
    activity: Page
    day: object
    starts_at: object
    ends_at: object


def upcoming_sessions_for(trainee, *, now=None, limit: int = 5) -> list[UpcomingSession]:
    """The next in-person sessions in the trainee's active courses, soonest first."""
    if not trainee.is_authenticated:
        return []
    now = now or timezone.now()
    course_ids = list(
        Enrolment.objects.filter(trainee=trainee, status=Enrolment.Status.ACTIVE).values_list(
            "course_id", flat=True
        )
    )
    sessions = [
        UpcomingSession(activity, day, starts_at, ends_at)
        for activities in _activities_by_course(course_ids).values()
        for activity in activities
        if hasattr(activity, "attendance_days")
        for day, starts_at, ends_at in activity.attendance_days()
        if ends_at >= now
    ]
    return sorted(sessions, key=lambda s: s.starts_at)[:limit]


@dataclass(frozen=True)
class ActivityState:
    """What the activity page shows the visitor about their own progress."""

    enrolment: Enrolment | None
    progress: ActivityProgress | None
    rule: object
    steps: list
    takes_attendance: bool
    quizzes: list  # QuizStatus of each published quiz on the activity

    @property
    def enrolled(self) -> bool:
        return self.enrolment is not None and self.enrolment.status != Enrolment.Status.WITHDRAWN

    @property
    def completed(self) -> bool:
        return bool(self.progress and self.progress.completed_at)

    @property
    def can_confirm(self) -> bool:
        return (
            self.enrolled
            and not self.completed
            and self.rule.accepts_confirmation
            and not (self.progress and self.progress.confirmed_at)
        )


def activity_state(*, user, activity) -> ActivityState:
    rule = activity.completion_rule()
    enrolment = progress = None
    if user.is_authenticated:
        enrolment = Enrolment.objects.filter(
            trainee=user, course_id=activity.get_parent().pk
        ).first()
        progress = ActivityProgress.objects.filter(trainee=user, activity_id=activity.pk).first()
    quizzes = quizzes_for(trainee=user, activity=activity)
    # ``activity.requires_quiz()``, answered from the published quizzes the page shows anyway.
    requires_quiz = any(status.quiz.counts_for_completion for status in quizzes)
    steps = rule.steps(progress, requires_quiz=requires_quiz)
    return ActivityState(enrolment, progress, rule, steps, activity.takes_attendance, quizzes)


@dataclass(frozen=True)
class WaitingWork:
    activity: Page
    submission: Submission | None

    @property
    def returned(self) -> bool:
        return bool(self.submission and self.submission.status == Submission.Status.RETURNED)


def work_waiting_for(trainee) -> list[WaitingWork]:
    """Reports and reflections the trainee still owes: returned, in draft, or not started
    although the activity needs one (a tour attended, a scenario played to an end)."""
    if not trainee.is_authenticated:
        return []
    submissions = {
        s.activity_id: s
        for s in Submission.objects.filter(trainee=trainee).select_related("activity")
    }
    owed = (
        ActivityProgress.objects.filter(
            trainee=trainee, completed_at__isnull=True, work_accepted_at__isnull=True
        )
        .filter(Q(attended_at__isnull=False) | Q(run_finished_at__isnull=False))
        .select_related("activity")
    )
    waiting = {
        p.activity_id: WaitingWork(p.activity, submissions.get(p.activity_id))
        for p in owed
        if p.activity_id not in submissions
        or submissions[p.activity_id].status
        in (Submission.Status.DRAFT, Submission.Status.RETURNED)
    }
    for submission in submissions.values():
        if submission.status in (Submission.Status.DRAFT, Submission.Status.RETURNED):
            waiting.setdefault(submission.activity_id, WaitingWork(submission.activity, submission))
    return sorted(waiting.values(), key=lambda w: (not w.returned, w.activity.title))


def cohort_progress(*, actor, cohort: Cohort) -> list[tuple[Page, list[RosterLine]]]:
    """Each course the cohort is enrolled in, with its members' progress and hours there."""
    if not actor.has_perm(MANAGE_ENROLMENTS) and cohort.head_mentor_id != actor.pk:
        return []
    course_ids = (
        Enrolment.objects.filter(cohort=cohort).values_list("course_id", flat=True).distinct()
    )
    courses = Page.objects.filter(pk__in=course_ids).order_by("path")
    return [
        (course, course_roster(actor=actor, course=course, cohort=cohort)) for course in courses
    ]


# Batched reads for other apps (mentoring's desk, readiness and dossier): each takes many
# trainees and answers in a fixed number of queries, however many there are.


def completed_course_ids(trainee_ids) -> dict[int, set[int]]:
    """Each trainee's completed courses (page ids)."""
    result: dict[int, set[int]] = defaultdict(set)
    rows = Enrolment.objects.filter(
        trainee_id__in=list(trainee_ids), status=Enrolment.Status.COMPLETED
    ).values_list("trainee_id", "course_id")
    for trainee_id, course_id in rows:
        result[trainee_id].add(course_id)
    return result


def hours_between(trainee_ids, start, end) -> dict[int, Decimal]:
    """Learning hours each trainee earned from ``start`` to ``end`` (both days included)."""
    rows = (
        HoursEntry.objects.filter(
            trainee_id__in=list(trainee_ids), earned_on__gte=start, earned_on__lte=end
        )
        .values("trainee_id")
        .annotate(total=Sum("hours"))
        .values_list("trainee_id", "total")
    )
    return {trainee_id: total or Decimal("0") for trainee_id, total in rows}


def quiz_passed_at(trainee_ids, activity_id: int) -> dict:
    """When each trainee passed the quiz of one activity."""
    return dict(
        ActivityProgress.objects.filter(
            trainee_id__in=list(trainee_ids),
            activity_id=activity_id,
            quiz_passed_at__isnull=False,
        ).values_list("trainee_id", "quiz_passed_at")
    )


def course_progress_for_trainees(trainee_ids) -> dict[int, list[CourseProgress]]:
    """``course_progress_for_trainee`` for many trainees: each one's courses (withdrawn ones
    left out), newest enrolment first."""
    ids = list(trainee_ids)
    enrolments = list(
        Enrolment.objects.filter(trainee_id__in=ids)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course")
        .order_by("-enrolled_at", "-pk")
    )
    course_ids = sorted({e.course_id for e in enrolments})
    required = {
        course_id: {activity.pk for activity in activities if activity.is_required}
        for course_id, activities in _activities_by_course(course_ids).items()
    }
    done: dict[int, set[int]] = defaultdict(set)
    for trainee_id, activity_id in ActivityProgress.objects.filter(
        trainee_id__in=ids, course_id__in=course_ids, completed_at__isnull=False
    ).values_list("trainee_id", "activity_id"):
        done[trainee_id].add(activity_id)
    result: dict[int, list[CourseProgress]] = {pk: [] for pk in ids}
    for enrolment in enrolments:
        wanted = required.get(enrolment.course_id, set())
        result[enrolment.trainee_id].append(
            CourseProgress(
                enrolment=enrolment,
                course=enrolment.course,
                required=len(wanted),
                completed=len(wanted & done[enrolment.trainee_id]),
            )
        )
    return result


def hours_summaries_for(trainee_ids, year: int, *, stage_codes: dict[int, str]) -> dict:
    """``hours_summary`` for many trainees: hours earned in the year against each one's target
    (their own for the year, else their stage's, else the fallback). The caller knows each
    trainee's stage code, since stages belong to the mentoring app."""
    ids = list(trainee_ids)
    earned = hours_between(ids, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    own = dict(
        HoursTarget.objects.filter(trainee_id__in=ids, year=year).values_list("trainee_id", "hours")
    )
    by_stage = dict(StageHoursTarget.objects.values_list("stage", "hours"))

    def target(trainee_id) -> Decimal:
        if trainee_id in own:
            return own[trainee_id]
        return by_stage.get(stage_codes.get(trainee_id, DEFAULT_STAGE), FALLBACK_ANNUAL_TARGET)

    return {
        pk: HoursSummary(year=year, earned=earned.get(pk, Decimal("0")), target=target(pk))
        for pk in ids
    }


# Scenario runs (情景体验): a trainee's runs of a scenario exercise and the run that counts
# under the office's policy; for mentors and the office, the runs of the trainees they may see,
# side by side. Who sees whose runs follows the review of written work (``_review_scope``): the
# office sees everyone's, a mentor the runs of the trainees they mentor now. That scope names
# work by its trainee, so it applies to runs and enrolments as it does to submissions.
from django.db.models import Max as _Max  # noqa: E402  (appended block: see above)

from .models import CountedRun, ScenarioPolicy, ScenarioRun  # noqa: E402


def _scenario_policy(activity) -> ScenarioPolicy | None:
    specific = activity if isinstance(activity, ScenarioPolicy) else activity.specific
    return specific if isinstance(specific, ScenarioPolicy) else None


def _counted_among(runs, counted_run: str) -> ScenarioRun | None:
    """The run that counts among ``runs``: only runs that reached an ending are candidates
    (an abandoned run has none); the best score ties go to the earlier run."""
    finished = [run for run in runs if run.finished_at is not None and run.ending_key]
    if not finished:
        return None
    if counted_run == CountedRun.FIRST:
        return min(finished, key=lambda run: run.number)
    if counted_run == CountedRun.LAST:
        return max(finished, key=lambda run: (run.finished_at, run.number))
    return max(finished, key=lambda run: (run.score, -run.number))


def scenario_exercise_for(*, activity_id: int):
    """The scenario exercise page (its specific instance) with this id, or None."""
    page = Page.objects.filter(pk=activity_id).first()
    return _scenario_policy(page) if page is not None else None


def scenario_runs_for_trainee(*, trainee, activity):
    """The trainee's own runs of a scenario, oldest first, each with its choices in order."""
    if not trainee.is_authenticated:
        return ScenarioRun.objects.none()
    return (
        ScenarioRun.objects.filter(trainee=trainee, activity_id=activity.pk)
        .prefetch_related("choices")
        .order_by("number")
    )


def scenario_counted_run(*, trainee, activity) -> ScenarioRun | None:
    """The trainee's run that counts, by the exercise's ``counted_run``, among finished runs."""
    policy = _scenario_policy(activity)
    if policy is None:
        return None
    return _counted_among(
        scenario_runs_for_trainee(trainee=trainee, activity=activity), policy.counted_run
    )


@dataclass(frozen=True)
class ScenarioHistory:
    """What the scenario page shows a trainee about their own runs."""

    runs: list  # oldest first
    counted: ScenarioRun | None
    replay_allowed: bool

    @property
    def open_run(self) -> ScenarioRun | None:
        return next((run for run in self.runs if run.finished_at is None), None)

    @property
    def finished(self) -> list:
        """Runs that reached an ending, newest first."""
        return [run for run in reversed(self.runs) if run.finished_at and run.ending_key]

    @property
    def may_start(self) -> bool:
        """Whether the player offers to start (or resume) a run."""
        return bool(self.open_run or self.replay_allowed or not self.finished)


def scenario_history_for(*, trainee, activity) -> ScenarioHistory:
    policy = _scenario_policy(activity)
    runs = list(scenario_runs_for_trainee(trainee=trainee, activity=activity))
    return ScenarioHistory(
        runs=runs,
        counted=_counted_among(runs, policy.counted_run) if policy else None,
        replay_allowed=bool(policy and policy.replay_allowed),
    )


@dataclass(frozen=True)
class TraineeScenarioRuns:
    """One trainee's column on the mentors' page."""

    trainee: object
    runs: list  # oldest first, choices prefetched in order
    counted: ScenarioRun | None
    reflection: Submission | None  # sent for review; drafts stay private
    enrolled: bool


def _scenario_scope(user) -> Q | None:
    if not user.is_authenticated:
        return None
    if user.has_perm(VIEW_TRAINEE_RECORDS):
        return Q()
    return _review_scope(user)


def scenario_runs_visible_to(user, *, activity) -> list[TraineeScenarioRuns]:
    """Each trainee the user may follow on this scenario, with their runs, the run that counts
    and their reflection: the trainees enrolled in its course and anyone who played it. Five
    queries at most, however many trainees and runs there are."""
    policy = _scenario_policy(activity)
    scope = _scenario_scope(user)
    if policy is None or scope is None:
        return []
    course_path = activity.path[: -Page.steplen]
    enrolled = {
        enrolment.trainee_id: enrolment.trainee
        for enrolment in Enrolment.objects.filter(scope, course__path=course_path)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("trainee", "trainee__community")
    }
    runs: dict[int, list] = defaultdict(list)
    trainees = dict(enrolled)
    for run in (
        ScenarioRun.objects.filter(scope, activity_id=activity.pk)
        .select_related("trainee", "trainee__community")
        .prefetch_related("choices")
        .order_by("trainee_id", "number")
    ):
        runs[run.trainee_id].append(run)
        trainees.setdefault(run.trainee_id, run.trainee)
    reflections = {
        submission.trainee_id: submission
        for submission in Submission.objects.filter(
            scope, activity_id=activity.pk, kind=Submission.Kind.REFLECTION
        ).exclude(status=Submission.Status.DRAFT)
    }
    columns = [
        TraineeScenarioRuns(
            trainee=trainee,
            runs=runs[pk],
            counted=_counted_among(runs[pk], policy.counted_run),
            reflection=reflections.get(pk),
            enrolled=pk in enrolled,
        )
        for pk, trainee in trainees.items()
    ]
    return sorted(columns, key=lambda c: (c.trainee.display_name or "", c.trainee.username))


@dataclass(frozen=True)
class ScenarioRunSummary:
    activity: Page
    trainees: int
    runs: int
    last_finished_at: object


def scenario_exercises_visible_to(user) -> list[ScenarioRunSummary]:
    """Scenario exercises the user's trainees (the office: anyone) have played, most recently
    finished first: the way into the side-by-side pages. Two queries."""
    scope = _scenario_scope(user)
    if scope is None:
        return []
    rows = {
        row["activity_id"]: row
        for row in ScenarioRun.objects.filter(scope)
        .values("activity_id")
        .annotate(
            trainees=_Count("trainee_id", distinct=True),
            runs=_Count("pk"),
            last_finished_at=_Max("finished_at"),
        )
    }
    pages = Page.objects.filter(pk__in=list(rows)).only("pk", "title", "path", "depth")
    summaries = [
        ScenarioRunSummary(
            activity=page,
            trainees=rows[page.pk]["trainees"],
            runs=rows[page.pk]["runs"],
            last_finished_at=rows[page.pk]["last_finished_at"],
        )
        for page in pages
    ]
    return sorted(
        summaries,
        key=lambda s: (s.last_finished_at is not None, s.last_finished_at or 0, s.activity.pk),
        reverse=True,
    )


# Quizzes and attempts. A trainee reaches attempts only through these, scoped to themselves;
# what an attempt's review may show is decided once, here, for the page and the API alike.
from .models import Attempt, AttemptSlot, Quiz, ReviewPart, ReviewTime  # noqa: E402
from .models.attempts import slots_with_questions  # noqa: E402
from .services.attempts import counted_attempt  # noqa: E402


def attempt_of(*, trainee, attempt_id) -> Attempt:
    """The trainee's own attempt; any other id is a 404, whoever owns it."""
    if not getattr(trainee, "is_authenticated", False):
        raise Http404
    attempt = (
        Attempt.objects.select_related("quiz", "quiz__activity")
        .filter(pk=attempt_id, trainee=trainee)
        .first()
    )
    if attempt is None:
        raise Http404
    return attempt


def attempt_slots(attempt: Attempt) -> list[AttemptSlot]:
    return slots_with_questions(list(attempt.slots.order_by("position")))


@dataclass(frozen=True)
class ReviewRights:
    """What the trainee may see of a submitted attempt now, by the quiz's review options."""

    marks: bool
    answers: bool
    feedback: bool
    # The options would show the right answers now, but another attempt may still be started.
    answers_held: bool = False


def review_rights(attempt: Attempt, now=None, *, attempts_used: int | None = None) -> ReviewRights:
    """What the quiz's review options show of this attempt now (Moodle's timing model).

    The time is one of ``ReviewTime``: during the attempt, the two minutes after it, later
    while the quiz is open, after it closes. After the attempt nothing shows until its result
    is released (every written answer marked). The right answers stay hidden while the trainee
    could still start another attempt, unless the office ticked that they may show even then.
    ``attempts_used`` saves a query when the caller has counted the trainee's attempts.
    """
    quiz, now = attempt.quiz, now or timezone.now()
    time = quiz.review_time(attempt, now)
    if time != ReviewTime.DURING and attempt.state != Attempt.State.FINISHED:
        return ReviewRights(False, False, False)
    if time == ReviewTime.DURING and not attempt.is_open:
        return ReviewRights(False, False, False)
    answers = quiz.review_shows(ReviewPart.ANSWERS, time)
    held = False
    if answers and not quiz.review_answers_while_attempts_remain:
        if attempts_used is None:
            attempts_used = Attempt.objects.filter(
                quiz_id=quiz.pk, trainee_id=attempt.trainee_id
            ).count()
        held = quiz.may_start_another(attempts_used=attempts_used, now=now)
    return ReviewRights(
        marks=quiz.review_shows(ReviewPart.MARKS, time),
        answers=answers and not held,
        feedback=quiz.review_shows(ReviewPart.FEEDBACK, time),
        answers_held=held,
    )


@dataclass
class QuizStatus:
    """A published quiz as one trainee stands with it."""

    quiz: Quiz
    attempts: list
    open_attempt: Attempt | None
    counted: Attempt | None
    attempts_left: int | None

    @property
    def passed(self) -> bool:
        return bool(self.counted and self.counted.passed)

    @property
    def may_start(self) -> bool:
        return (
            self.open_attempt is None
            and self.quiz.is_open()
            and (self.attempts_left is None or self.attempts_left > 0)
        )


def quizzes_for(*, trainee, activity: Page) -> list[QuizStatus]:
    """The activity's published quizzes with the trainee's attempts (two queries in all)."""
    quizzes = list(Quiz.objects.filter(activity_id=activity.pk, is_published=True).order_by("pk"))
    if not quizzes:
        return []
    now = timezone.now()
    attempts: dict[int, list[Attempt]] = defaultdict(list)
    if getattr(trainee, "is_authenticated", False):
        for attempt in Attempt.objects.filter(trainee=trainee, quiz__in=quizzes).order_by("number"):
            attempts[attempt.quiz_id].append(attempt)
    result = []
    for quiz in quizzes:
        mine = attempts[quiz.pk]
        result.append(
            QuizStatus(
                quiz=quiz,
                attempts=mine,
                # An attempt past its deadline is over, even before the sweeper closes it.
                open_attempt=next((a for a in mine if a.is_open and not a.time_is_up(now)), None),
                counted=counted_attempt(mine, quiz.counted_attempt),
                attempts_left=None
                if quiz.max_attempts is None
                else max(quiz.max_attempts - len(mine), 0),
            )
        )
    return result


def quiz_for_trainee(*, quiz_id) -> Quiz:
    """A published quiz (what a trainee may open); others are a 404."""
    quiz = Quiz.objects.select_related("activity").filter(pk=quiz_id, is_published=True).first()
    if quiz is None:
        raise Http404
    return quiz


# Marking queue: written answers (essays) that wait for a person, for the people who may mark
# them. Marking follows the review of written work: ``courses.review_work`` on the attempt
# decides (the office's reviewers; the mentoring app adds a trainee's current mentors), and the
# queue is narrowed by the same ``_review_scope``, which names work by its trainee and so
# applies to attempts as it does to submissions. Nobody marks their own attempt. The marking
# page asks the rule about its one attempt, as the service does when the mark is saved.
from django.db.models import Exists as _Exists  # noqa: E402  (appended block: see above)
from django.db.models import Min as _Min  # noqa: E402
from django.db.models import OuterRef as _OuterRef  # noqa: E402

# ``Attempt``, ``AttemptSlot`` and ``slots_with_questions`` come with the quiz block above.


def _attempts_to_mark(user):
    """Attempts waiting for a marker among those the user marks, or None for non-markers."""
    scope = _review_scope(user)
    if scope is None:
        return None
    return Attempt.objects.filter(scope, state=Attempt.State.NEEDS_MARKING).exclude(
        trainee_id=user.pk
    )


def answers_to_mark(user):
    """Answers nobody has marked yet, oldest submission first (one query, however many)."""
    attempts = _attempts_to_mark(user)
    if attempts is None:
        return AttemptSlot.objects.none()
    return (
        AttemptSlot.objects.filter(attempt__in=attempts, needs_marking=True, marked_at__isnull=True)
        .select_related("attempt__trainee", "attempt__quiz__activity", "question")
        .order_by("attempt__submitted_at", "attempt_id", "position")
    )


def attempts_to_release(user):
    """Attempts whose every written answer is marked but whose result is not yet released,
    each with the first such answer (where the marker releases it) and how many there are."""
    attempts = _attempts_to_mark(user)
    if attempts is None:
        return Attempt.objects.none()
    unmarked = AttemptSlot.objects.filter(
        attempt_id=_OuterRef("pk"), needs_marking=True, marked_at__isnull=True
    )
    manual = Q(slots__needs_marking=True)
    return (
        attempts.filter(~_Exists(unmarked))
        .annotate(
            first_answer_id=_Min("slots__pk", filter=manual),
            marked_answers=Count("slots", filter=manual),
        )
        .filter(first_answer_id__isnull=False)
        .select_related("trainee", "quiz__activity")
        .order_by("submitted_at", "pk")
    )


@dataclass(frozen=True)
class AnswerToMark:
    """One answer on the marking page, with the attempt's other answers a person marks."""

    slot: AttemptSlot  # its question is the real type (an essay), criteria prefetched
    attempt: Attempt
    manual: list  # every answer of the attempt a person marks, in order, this one included

    @property
    def released(self) -> bool:
        return self.attempt.state == Attempt.State.FINISHED

    @property
    def others(self) -> list:
        return [slot for slot in self.manual if slot.pk != self.slot.pk]

    @property
    def others_unmarked(self) -> int:
        """Answers still to mark before the result can be released, this one aside."""
        return sum(1 for slot in self.others if slot.marked_at is None)


def answer_to_mark(*, user, slot_id) -> AnswerToMark:
    """An answer the user may mark (or marked, once released: read only); 404 for any other,
    so a trainee or another trainee's mentor cannot learn that it exists."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    found = (
        AttemptSlot.objects.select_related("attempt__trainee", "attempt__quiz__activity")
        .filter(pk=slot_id, needs_marking=True)
        .exclude(attempt__state=Attempt.State.IN_PROGRESS)
        .first()
    )
    if found is None:
        raise Http404
    attempt = found.attempt
    if attempt.trainee_id == user.pk or not user.has_perm("courses.review_work", attempt):
        raise Http404
    manual = slots_with_questions(
        list(
            AttemptSlot.objects.filter(attempt_id=attempt.pk, needs_marking=True)
            .select_related("marked_by")
            .order_by("position")
        )
    )
    for slot in manual:
        slot.attempt = attempt
    slot = next(slot for slot in manual if slot.pk == found.pk)
    return AnswerToMark(slot=slot, attempt=attempt, manual=manual)
