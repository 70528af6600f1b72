"""The engine's ``courses.review_work`` is widened by this app to the trainee's current mentors."""

import datetime

import pytest
from rules.permissions import permissions

from courses.models import Submission
from lms.people.roles import OFFICE_REVIEWER
from tests.factories import LecturePageFactory, user_with_role

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(course, east):
    lecture = LecturePageFactory(parent=course)
    return Submission.objects.create(
        trainee=f.trainee(east), activity=lecture, kind=Submission.Kind.REFLECTION
    )


def test_the_rule_is_the_offices_grant_or_the_current_mentor():
    assert permissions["courses.review_work"].name == (
        "(office_grant:courses.review_work | is_mentor_of_submission_trainee)"
    )


def test_a_current_mentor_may_review_their_trainees_work(submission, east):
    mentor = f.mentor(east)
    f.assignment(submission.trainee, mentor)

    assert mentor.has_perm("courses.review_work", submission)


def test_other_mentors_and_past_mentors_may_not(submission, east, west):
    past, stranger = f.mentor(east), f.mentor(west)
    f.assignment(
        submission.trainee,
        past,
        starts_on=datetime.date.today() - datetime.timedelta(days=100),
        ends_on=datetime.date.today() - datetime.timedelta(days=1),
    )

    assert not past.has_perm("courses.review_work", submission)
    assert not stranger.has_perm("courses.review_work", submission)
    assert not stranger.has_perm("courses.review_work")


def test_the_office_reviewer_still_may(submission, roles):
    reviewer = user_with_role(OFFICE_REVIEWER)
    assert reviewer.has_perm("courses.review_work", submission)


def test_extending_twice_changes_nothing():
    from mentoring.rules import extend_review_work

    before = permissions["courses.review_work"]
    extend_review_work()
    assert permissions["courses.review_work"] is before


def test_the_review_queue_holds_the_current_mentees_work(settings, submission, east):
    from django.utils import timezone

    from courses.selectors import submissions_to_review

    settings.COURSES_REVIEW_SCOPE = "mentoring.selectors.submission_review_scope"
    mentor, stranger = f.mentor(east), f.mentor(east)
    f.assignment(submission.trainee, mentor)
    submission.status, submission.submitted_at = "submitted", timezone.now()
    submission.save()

    assert list(submissions_to_review(mentor)) == [submission]
    assert not submissions_to_review(stranger).exists()
