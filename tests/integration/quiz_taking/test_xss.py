"""A script hidden in any field of any question type stays inert on every page and in the API.

The bank cleans what it saves, so the payloads are written straight into the rows here (as a
faulty import or a database console might): the pages and the API must clean or escape on the
way out too.
"""

import pytest
from django.urls import reverse

from courses.models import (
    AFTER_ATTEMPT,
    AttemptSlot,
    Question,
    QuestionOption,
    Quiz,
    review_settings,
)
from courses.models.question_types import EssayQuestion, TrueFalseQuestion
from courses.selectors import attempt_slots
from courses.services.attempts import attempt_mark_slot
from tests.factories.questions import make_question, make_quiz

from .conftest import ALL_TYPES, api_post, api_put, api_url, start

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>"><svg onload=alert(2)>'
# What must never reach a page unescaped: a script from the payload, or an element carrying
# one of its event handlers. (The escaped payload, as text, is harmless and may show.)
FORBIDDEN = ("<script>alert", "<img src=x", "<svg onload", 'onerror=alert(1)"', "<svg")
SHOW_EVERYTHING = review_settings(
    marks=AFTER_ATTEMPT, answers=AFTER_ATTEMPT, feedback=AFTER_ATTEMPT, while_attempts_remain=True
)


def _poison(question):
    Question.objects.filter(pk=question.pk).update(text=PAYLOAD, general_feedback=PAYLOAD)
    options = QuestionOption.objects.filter(question=question)
    if question.type_code == "matching":
        options.update(text=PAYLOAD + "stem", match_text=PAYLOAD, feedback=PAYLOAD)
        # Two stems must stay distinct for the question to make sense.
        first = options.order_by("pk").first()
        QuestionOption.objects.filter(pk=first.pk).update(match_text=PAYLOAD + "1")
    elif question.type_code == "numerical":
        options.update(feedback=PAYLOAD)  # the accepted answers stay numbers, to be graded
    else:
        options.update(text=PAYLOAD, feedback=PAYLOAD)
    TrueFalseQuestion.objects.filter(pk=question.pk).update(
        feedback_true=PAYLOAD, feedback_false=PAYLOAD
    )
    EssayQuestion.objects.filter(pk=question.pk).update(response_template=PAYLOAD)


def _assert_inert(html: str, where: str):
    body = html.split("<main", 1)[1]
    for forbidden in FORBIDDEN:
        assert forbidden not in body, f"{where}: {forbidden!r} in the page"


def _response(slot):
    """A response in the attempt's keys, as the page sends it."""
    options = slot.option_order
    response = {
        "single": lambda: {"choice": options[0]},
        "judgement": lambda: {"choice": options[0]},
        "multiple": lambda: {"choices": options},
        "truefalse": lambda: {"answer": True},
        "shortanswer": lambda: {"text": PAYLOAD[:200]},
        "numerical": lambda: {"text": "12"},
        "matching": lambda: {"pairs": {str(options[0]): PAYLOAD}},
        "ordering": lambda: {"order": options},
        "essay": lambda: {"text": PAYLOAD},
    }[slot.question.type_code]()
    return slot.response_for_trainee(response)


@pytest.mark.parametrize("type_code", ALL_TYPES)
def test_a_payload_in_every_field_is_inert(trainee_client, lecture, reviewer, type_code):
    # Given a question whose every text field carries the payload, in a quiz titled with it
    question = make_question(type_code)
    _poison(question)
    quiz = make_quiz(lecture, [question], **SHOW_EVERYTHING)
    Quiz.objects.filter(pk=quiz.pk).update(title=PAYLOAD, introduction=PAYLOAD)
    attempt = start(trainee_client, quiz)
    slot = attempt_slots(attempt)[0]

    # When the trainee answers with the payload where the type takes text
    answer = _response(slot)
    saved = api_put(
        trainee_client, api_url("attempt-answers", attempt.pk), {"answers": {"1": answer}}
    )
    assert saved.status_code == 200, saved.content
    attempt_page = trainee_client.get(reverse("courses:quiz-attempt", args=[attempt.pk]))
    api_attempt = trainee_client.get(api_url("attempt", attempt.pk))
    api_post(trainee_client, api_url("attempt-submit", attempt.pk))
    if type_code == "essay":  # marked and released, so that its feedback shows
        criteria = slot.question.criteria.all()
        attempt_mark_slot(
            marker=reviewer,
            slot_id=slot.pk,
            rubric_scores=dict.fromkeys((c.pk for c in criteria), 1),
            release=True,
        )
    # ...and the stored response, feedback and marker's comment carry it too
    AttemptSlot.objects.filter(pk=slot.pk).update(feedback=[PAYLOAD], marker_comment=PAYLOAD)
    if type_code == "essay":
        AttemptSlot.objects.filter(pk=slot.pk).update(response={"text": PAYLOAD})

    # Then every page shows it inert, and the API's HTML fields are cleaned
    pages = {
        "quiz page": trainee_client.get(reverse("courses:quiz", args=[quiz.pk])),
        "attempt page": attempt_page,
        "review page": trainee_client.get(reverse("courses:quiz-review", args=[attempt.pk])),
        "lecture page": trainee_client.get(lecture.url),
    }
    for where, page in pages.items():
        assert page.status_code == 200, where
        _assert_inert(page.content.decode(), where)
    review = trainee_client.get(reverse("courses:quiz-review", args=[attempt.pk])).content.decode()
    assert "&lt;script&gt;" in review  # the marker's comment, escaped (so the payload was there)
    api_review = trainee_client.get(api_url("attempt-review", attempt.pk))
    for response in (api_attempt, api_review):
        assert response["Content-Type"] == "application/json; charset=utf-8"
        for question in response.json()["questions"]:
            assert "<script" not in question["text_html"] and "onerror" not in question["text_html"]
            for option in question["options"]:
                if type_code not in ("truefalse",):
                    assert "<script" not in option["text"] and "onerror" not in option["text"]
    reviewed = api_review.json()["questions"][0]
    for html in [*reviewed["feedback_html"], reviewed["general_feedback_html"]]:
        assert "<script" not in html and "onerror" not in html
