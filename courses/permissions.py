"""Who may act on engine records, as ``rules`` predicates so other apps can extend them.

The mentoring app adds its own predicates to ``courses.review_work`` (a mentor reviews the work
of the trainees they mentor) without the engine importing it.
"""

import rules

from lms.people.roles import OFFICE_REVIEWER, is_office


@rules.predicate
def is_office_user(user):
    return is_office(user)


@rules.predicate
def is_office_reviewer(user):
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=OFFICE_REVIEWER.group_name).exists()
    )


@rules.predicate
def is_the_trainee(user, record):
    return record is not None and getattr(record, "trainee_id", None) == user.pk


rules.add_perm("courses.manage_enrolments", is_office_user)
rules.add_perm("courses.manage_hours", is_office_user)
rules.add_perm("courses.view_trainee_record", is_office_user | is_the_trainee)
rules.add_perm("courses.review_work", is_office_reviewer)
rules.add_perm("courses.run_signin", is_office_user)


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
