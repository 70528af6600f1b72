"""``rules`` predicates of the mentoring app, and its extension of the engine's permissions.

``courses.review_work`` is granted to the office reviewer by role (``lms.people.roles``). A
trainee's current mentor reviews their work too; the engine must not import this app, so the
rule is widened here, once, when this module is first imported (``MentoringConfig.ready``
imports it).
"""

import rules
from rules.permissions import permissions

import courses.permissions  # noqa: F401  (the engine's rules exist before we extend them)

from .access import is_current_mentor


@rules.predicate
def is_current_mentor_of(user, trainee):
    """The user mentors this trainee now (as primary or cross mentor)."""
    return trainee is not None and is_current_mentor(user, trainee.pk)


@rules.predicate
def is_mentor_of_submission_trainee(user, submission):
    """The user currently mentors the trainee who wrote this submission (or any record with a
    ``trainee_id``)."""
    return is_current_mentor(user, getattr(submission, "trainee_id", None))


def extend_review_work() -> None:
    """``courses.review_work`` becomes: the engine's rule, or the trainee's current mentor."""
    existing = permissions.get("courses.review_work")
    if existing is None:
        rules.add_perm("courses.review_work", is_mentor_of_submission_trainee)
    elif is_mentor_of_submission_trainee.name not in existing.name:
        rules.set_perm("courses.review_work", existing | is_mentor_of_submission_trainee)


extend_review_work()

rules.add_perm("mentoring.sign_off", is_current_mentor_of)
