"""Everything the mentoring app reads from the learning engine, in one place.

Mentoring reads the engine only through ``courses/selectors.py``; this module names the
reads it makes, so the rest of the app has one place to look.

Every function here takes many trainees at once and answers in one query, so readiness for a
whole cohort costs the same as for one trainee.
"""

import datetime
from decimal import Decimal

from courses import selectors as _selectors
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
    """Each trainee's completed courses (page ids)."""
    return _selectors.completed_course_ids(trainee_ids)


def hours_between(trainee_ids, start: datetime.date, end: datetime.date) -> dict[int, Decimal]:
    """Learning hours each trainee earned from ``start`` to ``end`` (both days included)."""
    return _selectors.hours_between(trainee_ids, start, end)


def quiz_passed_at(trainee_ids, activity_id: int) -> dict[int, datetime.datetime]:
    """When each trainee passed the quiz of one activity (recorded by the engine)."""
    return _selectors.quiz_passed_at(trainee_ids, activity_id)
