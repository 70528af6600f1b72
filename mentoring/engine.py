"""Everything the mentoring app reads from the learning engine, in one place.

The rule is that mentoring reads the engine only through ``courses/selectors.py``. Where that
module has what is needed, these functions call it. Where it does not yet, the function below
reads the engine's models directly and says so in its docstring; each of those is a selector
the engine should own (the report that came with this module lists their signatures), and
moving it there changes only this file.

Every function here takes many trainees at once and answers in one query, so readiness for a
whole cohort costs the same as for one trainee.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from courses.models import ActivityProgress, Enrolment, HoursEntry
from courses.selectors import cohort_members, cohorts_visible_to


def cohort_trainees(*, actor, cohort) -> list:
    """The cohort's trainees with their communities, in id order (``cohort_members``: the
    office and the head mentor may read them; for anyone else the list is empty)."""
    members = cohort_members(actor=actor, cohort=cohort)
    return sorted((membership.trainee for membership in members), key=lambda user: user.pk)


def in_cohort(user, cohort) -> bool:
    """Whether the user is a member (not merely the head mentor) of the cohort."""
    return cohorts_visible_to(user).filter(pk=cohort.pk, members=user).exists()


def completed_course_ids(trainee_ids) -> dict[int, set[int]]:
    """Each trainee's completed courses (page ids).

    Wanted in ``courses.selectors`` as ``completed_course_ids(trainee_ids)``; until then it
    reads ``Enrolment`` directly.
    """
    result: dict[int, set[int]] = defaultdict(set)
    rows = Enrolment.objects.filter(
        trainee_id__in=trainee_ids, status=Enrolment.Status.COMPLETED
    ).values_list("trainee_id", "course_id")
    for trainee_id, course_id in rows:
        result[trainee_id].add(course_id)
    return result


def hours_between(trainee_ids, start: datetime.date, end: datetime.date) -> dict[int, Decimal]:
    """Learning hours each trainee earned from ``start`` to ``end`` (both days included).

    Wanted in ``courses.selectors`` as ``hours_between(trainee_ids, start, end)``
    (``hours_by_trainee`` answers the office only); until then it reads ``HoursEntry``.
    """
    rows = (
        HoursEntry.objects.filter(
            trainee_id__in=trainee_ids, earned_on__gte=start, earned_on__lte=end
        )
        .values("trainee_id")
        .annotate(total=Sum("hours"))
        .values_list("trainee_id", "total")
    )
    return {trainee_id: total or Decimal("0") for trainee_id, total in rows}


def quiz_passed_at(trainee_ids, activity_id: int) -> dict[int, datetime.datetime]:
    """When each trainee passed the quiz of one activity.

    Needs the assessment work: ``courses.selectors`` should offer
    ``quiz_passed_at(trainee_ids, activity_id)`` once quizzes are graded there; until then it
    reads the ``quiz_passed_at`` the engine records on ``ActivityProgress``.
    """
    return dict(
        ActivityProgress.objects.filter(
            trainee_id__in=trainee_ids, activity_id=activity_id, quiz_passed_at__isnull=False
        ).values_list("trainee_id", "quiz_passed_at")
    )
