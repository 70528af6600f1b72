"""The review queue and the decision on a piece of work, including two reviewers at once."""

import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from courses.exceptions import EngineRefusal
from courses.models import ActivityProgress, Submission
from courses.services import (
    enrolment_create,
    enrolment_withdraw,
    submission_accept,
    submission_return,
    submission_save,
    submission_submit,
)
from lms.audit.models import AuditEntry
from lms.people.roles import OFFICE_REVIEWER, TRAINEE
from tests.factories import StudyTourPageFactory, user_with_role

QUEUE = reverse("courses:review-queue")


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "purple").save(buffer, format="JPEG")
    return SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def tour(course):
    return StudyTourPageFactory(parent=course)


@pytest.fixture
def reviewer(db):
    return user_with_role(OFFICE_REVIEWER, username="reviewer")


def submitted_work(*, office, course, tour, photos=0) -> Submission:
    trainee = user_with_role(TRAINEE)
    enrolment_create(actor=office, trainee=trainee, course=course)
    work = submission_save(
        actor=trainee,
        activity=tour,
        body="<p>学习体会</p>",
        new_photos=[jpeg() for _ in range(photos)],
    )
    return submission_submit(actor=trainee, submission=work)


def queue_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(queries), response.text


@pytest.mark.django_db
def test_the_queue_costs_the_same_queries_for_2_and_20_submissions(
    client, office, course, tour, reviewer
):
    for n in range(2):
        submitted_work(office=office, course=course, tour=tour, photos=n)
    client.force_login(reviewer)
    client.get(QUEUE)  # the session and the user's permissions warm up
    with_two, text = queue_queries(client)
    assert text.count('class="card"') == 2

    for n in range(18):
        submitted_work(office=office, course=course, tour=tour, photos=n % 2)
    with_twenty, text = queue_queries(client)

    assert with_twenty == with_two
    assert text.count('class="card"') == 20


@pytest.mark.django_db
def test_the_queue_lists_only_work_waiting_for_a_decision(client, office, course, tour, reviewer):
    waiting = submitted_work(office=office, course=course, tour=tour)
    decided = submitted_work(office=office, course=course, tour=tour)
    submission_accept(actor=reviewer, submission=decided)
    trainee = user_with_role(TRAINEE)
    enrolment_create(actor=office, trainee=trainee, course=course)
    submission_save(actor=trainee, activity=tour, body="<p>草稿</p>")
    client.force_login(reviewer)

    text = client.get(QUEUE).text

    assert reverse("courses:submission-review", args=[waiting.pk]) in text
    assert reverse("courses:submission-review", args=[decided.pk]) not in text
    assert text.count('class="card"') == 1


@pytest.mark.django_db
def test_a_second_decision_is_refused_with_a_message(client, office, course, tour, reviewer):
    work = submitted_work(office=office, course=course, tour=tour)
    other_reviewer = user_with_role(OFFICE_REVIEWER)
    submission_accept(actor=other_reviewer, submission=work)
    client.force_login(reviewer)

    response = client.post(
        reverse("courses:submission-review", args=[work.pk]),
        {"decision": "return", "comment": "再改改"},
        follow=True,
    )

    assert "This work has already been accepted." in response.text
    work.refresh_from_db()
    assert work.status == Submission.Status.ACCEPTED
    assert work.reviewed_by == other_reviewer
    with pytest.raises(EngineRefusal):
        submission_accept(actor=reviewer, submission=work)
    assert AuditEntry.objects.filter(action="submission.accept").count() == 1


@pytest.mark.django_db
def test_work_of_a_withdrawn_trainee_cannot_be_accepted(office, course, tour, reviewer):
    work = submitted_work(office=office, course=course, tour=tour)
    enrolment_withdraw(actor=office, enrolment=work.trainee.enrolments.get(), reason="调岗")

    with pytest.raises(EngineRefusal, match="no longer enrolled"):
        submission_accept(actor=reviewer, submission=work)

    work.refresh_from_db()
    assert work.status == Submission.Status.SUBMITTED


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("second", ["accept", "return"])
def test_two_reviewers_deciding_at_once_cannot_both_succeed(office, course, tour, second):
    work = submitted_work(office=office, course=course, tour=tour)
    reviewers = [user_with_role(OFFICE_REVIEWER) for _ in range(2)]
    # Each thread loads its own copy, as two requests would.
    decisions = {
        "accept": lambda actor: submission_accept(
            actor=actor, submission=Submission.objects.get(pk=work.pk)
        ),
        "return": lambda actor: submission_return(
            actor=actor, submission=Submission.objects.get(pk=work.pk), comment="再改"
        ),
    }
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(actor, decision):
        try:
            barrier.wait()
            decisions[decision](actor)
            outcomes.append(decision)
        except EngineRefusal:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(reviewers[0], "accept")),
        threading.Thread(target=decide, args=(reviewers[1], second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) in (sorted(["accept", "refused"]), sorted([second, "refused"]))
    work.refresh_from_db()
    winner = "accept" if work.status == Submission.Status.ACCEPTED else "return"
    assert winner in outcomes
    decided = AuditEntry.objects.filter(action__in=["submission.accept", "submission.return"])
    assert decided.count() == 1
    progress = ActivityProgress.objects.filter(trainee=work.trainee, activity_id=tour.pk).first()
    assert bool(progress and progress.work_accepted_at) == (winner == "accept")


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_submissions_at_once_submit_once(office, course, tour):
    trainee = user_with_role(TRAINEE)
    enrolment_create(actor=office, trainee=trainee, course=course)
    work = submission_save(actor=trainee, activity=tour, body="<p>报告</p>")
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            mine = Submission.objects.get(pk=work.pk)  # each request loads its own copy
            outcomes.append(submission_submit(actor=trainee, submission=mine).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == [Submission.Status.SUBMITTED, Submission.Status.SUBMITTED]
    assert AuditEntry.objects.filter(action="submission.submit").count() == 1
