"""A trainee takes a quiz of each type over HTTP: start, answer, submit, review.

Once through the API (what the page's JavaScript does) and once through the plain form (a phone
without JavaScript); both end in the same marked attempt.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import AFTER_ATTEMPT, Attempt, AttemptSlot, Quiz, review_settings
from courses.selectors import attempt_slots
from tests.factories.questions import make_question, make_quiz

from .answers import all_form_fields, right_answers
from .conftest import ALL_TYPES, api_post, api_put, api_url, start

pytestmark = pytest.mark.django_db

SHOW_ALL = review_settings(
    marks=AFTER_ATTEMPT, answers=AFTER_ATTEMPT, feedback=AFTER_ATTEMPT, while_attempts_remain=True
)


def _expected_state(type_code):
    return Attempt.State.NEEDS_MARKING if type_code == "essay" else Attempt.State.FINISHED


@pytest.mark.parametrize("type_code", ALL_TYPES)
def test_every_type_through_the_api(trainee_client, lecture, type_code):
    # Given a quiz of one question of the type, started from the quiz page
    quiz = make_quiz(lecture, [make_question(type_code)], **SHOW_ALL)
    attempt = start(trainee_client, quiz)
    page = trainee_client.get(reverse("courses:quiz-attempt", args=[attempt.pk]))
    assert page.status_code == 200
    assert b'data-question="1"' in page.content

    # When the page's script saves the right answer, then submits
    detail = trainee_client.get(api_url("attempt", attempt.pk)).json()
    assert [q["type"] for q in detail["questions"]] == [type_code]
    answers = right_answers(attempt_slots(attempt))
    saved = api_put(trainee_client, api_url("attempt-answers", attempt.pk), {"answers": answers})
    assert saved.status_code == 200, saved.content
    assert saved.json() == {
        "saved": 1,
        "state": "in_progress",
        "saved_at": saved.json()["saved_at"],
        "saved_at_ms": saved.json()["saved_at_ms"],
    }
    assert trainee_client.get(api_url("attempt", attempt.pk)).json()["questions"][0]["response"]
    submitted = api_post(trainee_client, api_url("attempt-submit", attempt.pk))

    # Then the attempt is marked (an essay waits for a person) and the review shows the answer
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == _expected_state(type_code)
    assert submitted.json()["review_url"] == reverse("courses:quiz-review", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == _expected_state(type_code)
    if type_code != "essay":
        assert attempt.score == Decimal("1") and attempt.passed
    review = trainee_client.get(reverse("courses:quiz-review", args=[attempt.pk]))
    assert review.status_code == 200
    api_review = trainee_client.get(api_url("attempt-review", attempt.pk)).json()
    assert api_review["questions"][0]["response"] is not None
    if type_code in ("shortanswer", "numerical"):
        assert answers["1"]["text"] in review.content.decode()


@pytest.mark.parametrize("type_code", ALL_TYPES)
def test_every_type_through_the_form_without_javascript(trainee_client, lecture, type_code):
    quiz = make_quiz(lecture, [make_question(type_code)], **SHOW_ALL)
    attempt = start(trainee_client, quiz)
    url = reverse("courses:quiz-attempt", args=[attempt.pk])
    slots = attempt_slots(attempt)
    fields = all_form_fields(slots, right_answers(slots))

    saved = trainee_client.post(url, {**fields, "action": "save"}, follow=True)

    assert saved.redirect_chain == [(url, 302)]
    assert "Your answers are saved." in saved.content.decode()
    assert AttemptSlot.objects.get(attempt=attempt).response is not None

    submitted = trainee_client.post(url, {**fields, "action": "submit"})

    assert submitted.status_code == 302
    assert submitted.url == reverse("courses:quiz-review", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == _expected_state(type_code)
    if type_code != "essay":
        assert attempt.score == Decimal("1")
    review = trainee_client.get(submitted.url)
    assert review.status_code == 200
    if type_code != "essay":
        assert "Your score: 1 of 1 (100%)" in review.content.decode()
    else:
        assert "Waiting for marking" in review.content.decode()
        assert "先调研,再协商。" in review.content.decode()


def test_a_quiz_of_every_type_on_one_page(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question(t) for t in ALL_TYPES])
    attempt = start(trainee_client, quiz)

    page = trainee_client.get(reverse("courses:quiz-attempt", args=[attempt.pk])).content.decode()

    assert page.count('class="quiz-q ') == len(ALL_TYPES)
    assert 'type="radio"' in page and 'type="checkbox"' in page
    assert 'inputmode="decimal"' in page  # numerical
    assert "<select" in page and 'data-move="up"' in page and "<textarea" in page
    assert 'value="true"' in page and 'value="false"' in page


def test_options_are_shown_in_the_attempts_own_order(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single"), make_question("ordering")])
    attempt = start(trainee_client, quiz)
    page = trainee_client.get(reverse("courses:quiz-attempt", args=[attempt.pk])).content.decode()
    detail = trainee_client.get(api_url("attempt", attempt.pk)).json()

    for slot, shown in zip(attempt_slots(attempt), detail["questions"], strict=True):
        keys = [slot.key_of(pk) for pk in slot.option_order]
        assert [o["id"] for o in shown["options"]] == keys
        positions = (
            [page.index(f'id="q{slot.position}-o{key}"') for key in keys]
            if (slot.question.type_code == "single")
            else [page.index(f'id="q{slot.position}-item-{key}"') for key in keys]
        )
        assert positions == sorted(positions)


def test_moving_an_item_without_javascript_saves_the_new_order(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("ordering")])
    attempt = start(trainee_client, quiz)
    slot = attempt_slots(attempt)[0]
    url = reverse("courses:quiz-attempt", args=[attempt.pk])
    shown = [slot.key_of(pk) for pk in slot.option_order]
    ids = slot.option_order

    response = trainee_client.post(
        url,
        {
            "q1-shown": "1",
            "q1-touched": "",
            "q1-order": shown,
            "action": f"move:1:{shown[1]}:up",
        },
    )

    assert response.status_code == 302
    assert response.url == f"{url}#q1-item-{shown[1]}"
    slot.refresh_from_db()
    assert slot.response == {"order": [ids[1], ids[0], *ids[2:]]}


def test_an_untouched_ordering_question_is_not_answered_by_saving(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("ordering"), make_question("shortanswer")])
    attempt = start(trainee_client, quiz)
    slots = attempt_slots(attempt)
    url = reverse("courses:quiz-attempt", args=[attempt.pk])

    trainee_client.post(
        url,
        {
            "q1-shown": "1",
            "q1-touched": "",
            "q1-order": [slots[0].key_of(pk) for pk in slots[0].option_order],
            "q2-shown": "1",
            "q2": "RP",
            "action": "save",
        },
    )

    assert [s.response for s in attempt_slots(attempt)] == [None, {"text": "RP"}]


def test_a_malformed_answer_in_the_form_is_shown_again_with_the_reason(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single"), make_question("numerical")])
    attempt = start(trainee_client, quiz)
    slots = attempt_slots(attempt)
    choice = slots[0].key_of(slots[0].option_order[0])

    response = trainee_client.post(
        reverse("courses:quiz-attempt", args=[attempt.pk]),
        {"q1-shown": "1", "q1": choice, "q2-shown": "1", "q2": "十二", "action": "submit"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Question 2: “十二” is not a number." in page
    assert 'value="十二"' in page  # what was typed, to correct rather than type again
    assert f'id="q1-o{choice}" name="q1" value="{choice}" checked' in page
    assert all(slot.response is None for slot in attempt_slots(attempt))
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.IN_PROGRESS


def test_continue_resumes_the_open_attempt(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single")])
    first = start(trainee_client, quiz)
    again = start(trainee_client, quiz)
    assert again.pk == first.pk
    page = trainee_client.get(reverse("courses:quiz", args=[quiz.pk])).content.decode()
    assert "Continue the attempt" in page
    assert reverse("courses:quiz-attempt", args=[first.pk]) in page
    assert Quiz.objects.get(pk=quiz.pk).attempts.count() == 1
