"""Every read of engine records that depends on who is asking. Other apps read through here.

Each function answers in a fixed number of queries however many courses, activities or
records there are; the trainee home and course page rely on that.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import Page

from .models import (
    ActivityProgress,
    Cohort,
    Enrolment,
    HoursEntry,
    HoursTarget,
    LearningActivity,
    StageHoursTarget,
)
from .permissions import is_office_user

DEFAULT_STAGE = "trainee"
FALLBACK_ANNUAL_TARGET = Decimal("40.0")


@dataclass(frozen=True)
class CourseProgress:
    enrolment: Enrolment
    course: Page
    required: int
    completed: int

    @property
    def percent(self) -> int:
        if self.enrolment.status == Enrolment.Status.COMPLETED:
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
    if is_office_user(user):
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


def annual_target(trainee, year: int) -> Decimal:
    own = HoursTarget.objects.filter(trainee=trainee, year=year).values_list("hours", flat=True)
    if own:
        return own[0]
    default = StageHoursTarget.objects.filter(stage=trainee_stage(trainee)).values_list(
        "hours", flat=True
    )
    return default[0] if default else FALLBACK_ANNUAL_TARGET


def hours_summary(trainee, year: int | None = None) -> HoursSummary:
    year = year or timezone.localdate().year
    earned = HoursEntry.objects.filter(trainee=trainee, earned_on__year=year).aggregate(
        total=Sum("hours")
    )["total"] or Decimal("0")
    return HoursSummary(year=year, earned=earned, target=annual_target(trainee, year))


def hours_entries_visible_to(user):
    if not user.is_authenticated:
        return HoursEntry.objects.none()
    if is_office_user(user):
        return HoursEntry.objects.all()
    return HoursEntry.objects.filter(trainee=user)


def hours_by_trainee(*, actor, start, end):
    """Per-trainee totals in a date range, for the office's export."""
    if not is_office_user(actor):
        return HoursEntry.objects.none()
    return (
        HoursEntry.objects.filter(earned_on__gte=start, earned_on__lte=end)
        .values("trainee_id", "trainee__username", "trainee__display_name")
        .annotate(total=Sum("hours"))
        .order_by("trainee__display_name", "trainee__username")
    )


def cohorts_visible_to(user):
    if not user.is_authenticated:
        return Cohort.objects.none()
    if is_office_user(user):
        return Cohort.objects.all()
    return Cohort.objects.filter(Q(head_mentor=user) | Q(members=user)).distinct()
