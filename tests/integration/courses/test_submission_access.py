"""Who reaches a piece of work and its photos: the trainee, and the people who may review it.

Anyone else is told the page does not exist (404), so they cannot learn that it does.
"""

import io

import pytest
import rules
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from courses.models import Submission
from courses.selectors import submissions_to_review, submissions_visible_to
from courses.services import enrolment_create, submission_save, submission_submit
from lms.people.roles import MENTOR, OFFICE_REVIEWER, TRAINEE
from tests.factories import StudyTourPageFactory, user_with_role

pytestmark = pytest.mark.django_db


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(buffer, format="JPEG")
    return SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def tour(course):
    return StudyTourPageFactory(parent=course)


@pytest.fixture
def reviewer(db):
    return user_with_role(OFFICE_REVIEWER, username="reviewer")


@pytest.fixture
def classmate(office, course):
    other = user_with_role(TRAINEE, username="classmate")
    enrolment_create(actor=office, trainee=other, course=course)
    return other


@pytest.fixture
def draft(office, trainee, course, tour, django_capture_on_commit_callbacks):
    enrolment_create(actor=office, trainee=trainee, course=course)
    with django_capture_on_commit_callbacks(execute=True):  # the photo is processed on commit
        return submission_save(
            actor=trainee, activity=tour, body="<p>我的报告</p>", new_photos=[jpeg()]
        )


@pytest.fixture
def submitted(draft, trainee):
    return submission_submit(actor=trainee, submission=draft)


def urls(submission):
    photo = submission.photos.get()
    return {
        "edit": reverse("courses:submission-edit", args=[submission.pk]),
        "photo": reverse("courses:submission-photo", args=[submission.pk, photo.pk]),
        "review": reverse("courses:submission-review", args=[submission.pk]),
    }


@pytest.mark.parametrize("page", ["edit", "photo", "review"])
def test_another_trainee_gets_not_found(client, classmate, submitted, page):
    client.force_login(classmate)

    assert client.get(urls(submitted)[page]).status_code == 404


def test_another_trainee_cannot_change_the_work_or_decide_on_it(client, classmate, submitted):
    client.force_login(classmate)
    pages = urls(submitted)

    edit = client.post(pages["edit"], {"body": "x", "body_format": "text", "action": "save"})
    review = client.post(pages["review"], {"decision": "accept"})

    assert edit.status_code == review.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == Submission.Status.SUBMITTED
    assert submitted.body == "<p>我的报告</p>"


def test_the_trainee_sees_their_photos_but_cannot_review_their_own_work(client, trainee, submitted):
    client.force_login(trainee)
    pages = urls(submitted)

    photo = client.get(pages["photo"])
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"
    assert photo["X-Content-Type-Options"] == "nosniff"
    assert "private" in photo["Cache-Control"]
    assert client.get(pages["review"]).status_code == 404
    assert client.post(pages["review"], {"decision": "accept"}).status_code == 404
    assert client.get(reverse("courses:review-queue")).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Submission.Status.SUBMITTED


def test_a_reviewer_who_is_also_the_trainee_does_not_review_their_own_work(
    client, trainee, submitted
):
    trainee.groups.add(*user_with_role(OFFICE_REVIEWER).groups.all())
    client.force_login(trainee)

    assert client.get(urls(submitted)["review"]).status_code == 404
    assert list(submissions_to_review(trainee)) == []


def test_drafts_stay_private_from_reviewers(client, reviewer, draft):
    client.force_login(reviewer)
    pages = urls(draft)

    assert client.get(pages["review"]).status_code == 404
    assert client.get(pages["photo"]).status_code == 404
    assert client.get(pages["edit"]).status_code == 404
    assert list(submissions_visible_to(reviewer)) == []


def test_a_reviewer_sees_sent_work_and_its_photos_but_not_the_trainee_editor(
    client, reviewer, submitted
):
    client.force_login(reviewer)
    pages = urls(submitted)

    assert client.get(pages["review"]).status_code == 200
    assert client.get(pages["photo"]).status_code == 200
    assert client.get(pages["edit"]).status_code == 404
    assert list(submissions_visible_to(reviewer)) == [submitted]


def test_visitors_are_sent_to_log_in(client, submitted):
    for url in urls(submitted).values():
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("people:login"))


def test_photos_are_not_under_a_guessable_name(submitted, settings):
    photo = submitted.photos.get()

    assert photo.image.name.startswith(f"submissions/{submitted.trainee_id}/")
    assert "p.jpg" not in photo.image.name
    assert len(photo.image.name.rsplit("/", 1)[1]) == len("0" * 32 + ".jpg")


@pytest.fixture
def mentors_review_their_trainees():
    """What the mentoring app will do: extend ``courses.review_work`` with its own predicate."""

    @rules.predicate
    def is_mentor_of_the_trainee(user, submission):
        return submission is not None and submission.trainee.username == f"mentee-of-{user}"

    original = rules.permissions.permissions["courses.review_work"]
    rules.set_perm("courses.review_work", original | is_mentor_of_the_trainee)
    yield
    rules.set_perm("courses.review_work", original)


def test_an_object_level_rule_decides_per_submission(
    client,
    office,
    course,
    tour,
    submitted,
    mentors_review_their_trainees,
    django_capture_on_commit_callbacks,
):
    mentor = user_with_role(MENTOR, username="mentor", display_name="mentor")
    mentee = user_with_role(TRAINEE, username="mentee-of-mentor")
    enrolment_create(actor=office, trainee=mentee, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        theirs = submission_save(
            actor=mentee, activity=tour, body="<p>心得</p>", new_photos=[jpeg()]
        )
    submission_submit(actor=mentee, submission=theirs)
    client.force_login(mentor)

    assert client.get(urls(theirs)["review"]).status_code == 200
    assert client.get(urls(theirs)["photo"]).status_code == 200
    assert client.get(urls(submitted)["review"]).status_code == 404
    assert client.get(urls(submitted)["photo"]).status_code == 404
