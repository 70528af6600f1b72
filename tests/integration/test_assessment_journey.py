"""The assessment from end to end over HTTP, as the issue's "done when" reads.

The office imports a bank and builds a timed quiz on a lecture; a trainee sits it on a phone and
sees the review when allowed; a reviewer marks the essay and releases it; the lecture completes.
Every step goes through the same pages and API the people use.
"""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from courses.models import ActivityProgress, Attempt, Question, Quiz
from courses.selectors import attempt_slots
from courses.services import enrolment_create
from lms.people.roles import OFFICE_ADMIN, OFFICE_REVIEWER, TRAINEE
from tests.factories import LecturePageFactory, studio_tree, user_with_role
from tests.factories.questions import right_response

pytestmark = pytest.mark.django_db

BANK = Path(__file__).parents[2] / "cms" / "demo" / "question_bank.gift"
PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile"}
QUIZ_QUESTIONS = ["1+1+N 的含义", "联合组建", "各方职责配对", "谈一次调解"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_import_build_sit_mark_and_complete(client):
    office = user_with_role(OFFICE_ADMIN, username="office")
    reviewer = user_with_role(OFFICE_REVIEWER, username="reviewer")
    trainee = user_with_role(TRAINEE, username="trainee")
    course = studio_tree()[2]
    lecture = LecturePageFactory(parent=course, learning_hours="2.0")
    enrolment_create(actor=office, trainee=trainee, course=course)

    # The office imports the bank: a preview first, then the import.
    client.force_login(office)
    preview = client.post(
        reverse("courses_bank_io:import"),
        {"file": SimpleUploadedFile("bank.gift", BANK.read_bytes()), "fmt": "gift", "category": ""},
    )
    assert preview.status_code == 200 and not Question.objects.exists()
    token = preview.context["token"]
    assert token and not preview.context["summary"].problems
    client.post(reverse("courses_bank_io:import-commit"), {"token": token})
    assert Question.objects.filter(is_current=True).count() == 9

    # …and builds a timed quiz on the lecture from four of its questions.
    response = client.post(
        reverse("courses_bank:quiz-add"),
        {
            "title": "随堂测验",
            "activity": lecture.pk,
            "is_published": "on",
            "counts_for_completion": "on",
            "shuffle_options": "on",
            "time_limit_minutes": 20,
            "grace_seconds": 60,
            "max_attempts": 2,
            "pass_percent": "60",
            "counted_attempt": "highest",
            # Marks, right answers and feedback after the attempt (the review options' grid)
            **{
                f"review_{part}_{time}": "on"
                for part in ("marks", "answers", "feedback")
                for time in ("immediately", "later", "after_close")
            },
        },
    )
    quiz = Quiz.objects.get()
    assert response.status_code == 302
    for name in QUIZ_QUESTIONS:
        entry = Question.objects.get(name=name, is_current=True).entry_id
        client.post(reverse("courses_bank:slot-add", args=[quiz.pk]), {"entry": entry})
    assert quiz.slots.count() == 4

    # The trainee finds the quiz on the lecture page, on a phone, and starts it.
    client.force_login(trainee)
    page = client.get(lecture.url, **PHONE)
    assert reverse("courses:quiz", args=[quiz.pk]) in page.content.decode()
    started = client.post(reverse("courses:quiz-start", args=[quiz.pk]), **PHONE)
    attempt = Attempt.objects.get(trainee=trainee)
    assert started.url == reverse("courses:quiz-attempt", args=[attempt.pk])
    assert client.get(started.url, **PHONE).status_code == 200

    # Answers are saved as they go, through the API; the essay is written; then submit.
    slots = attempt_slots(attempt)
    answers = {str(s.position): s.response_for_trainee(right_response(s.question)) for s in slots}
    essay = next(s for s in slots if s.question.needs_marking)
    answers[str(essay.position)] = {"text": "<p>先分别听取三方意见,再召集协调会。</p>"}
    saved = client.put(
        reverse("studio_api:attempt-answers", args=[attempt.pk]),
        json.dumps({"answers": answers}),
        content_type="application/json",
    )
    assert saved.status_code == 200, saved.content
    submitted = client.post(
        reverse("studio_api:attempt-submit", args=[attempt.pk]), content_type="application/json"
    )
    assert submitted.json()["state"] == Attempt.State.NEEDS_MARKING

    # Before the essay is marked, the review shows no marks.
    review = client.get(reverse("studio_api:attempt-review", args=[attempt.pk])).json()
    assert "score" not in review

    # The reviewer marks the essay and releases the result.
    client.force_login(reviewer)
    queue = client.get(reverse("courses:marking-queue"))
    assert reverse("courses:marking-answer", args=[essay.pk]) in queue.content.decode()
    client.post(
        reverse("courses:marking-answer", args=[essay.pk]),
        {"mark": "0.8", "comment": "做法具体。", "action": "release"},
    )
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED and attempt.passed

    # The trainee sees the marks and the comment; studying the lecture completes it.
    client.force_login(trainee)
    review = client.get(reverse("courses:quiz-review", args=[attempt.pk]), **PHONE)
    assert "做法具体。" in review.content.decode()
    client.post(reverse("courses:activity-confirm", args=[lecture.pk]))
    progress = ActivityProgress.objects.get(trainee=trainee, activity=lecture)
    assert progress.quiz_passed_at is not None and progress.completed_at is not None
