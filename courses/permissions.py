"""Who may act on engine records, as ``rules`` predicates so other apps can extend them.

The office's named permissions (``courses.credit_hours``, ``courses.review_work``…) are
granted by role in ``lms.people.roles`` and registered by ``lms.people.rules``; this module adds
the ones that also depend on the record. The mentoring app widens ``courses.review_work`` (a
mentor reviews the work of the trainees they mentor) without the engine importing it.
"""

import rules

import lms.people.rules  # noqa: F401  (the office's named permissions exist before we use them)


@rules.predicate
def is_the_trainee(user, record):
    return record is not None and getattr(record, "trainee_id", None) == user.pk


# Submitted work (study-tour reports, scenario reflections). The object is the submission, so
# the predicates another app adds to ``courses.review_work`` see whose work it is.
@rules.predicate
def is_sent_for_review(user, submission):
    return submission is not None and submission.status != "draft"


@rules.predicate
def may_review_work(user, submission):
    return user.has_perm("courses.review_work", submission)


# The trainee sees their own work; reviewers see it once it is sent (drafts stay private).
rules.add_perm("courses.view_work", is_the_trainee | (is_sent_for_review & may_review_work))
