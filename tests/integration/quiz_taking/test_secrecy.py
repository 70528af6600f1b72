"""Nothing that marks an answer leaves the server while the attempt is open, nor before the
review options allow it: option feedback, weights, right answers, general feedback, the
markers' guidance. Searched for in the raw bytes of every response the trainee can get."""

import re

import pytest
from django.urls import reverse

from courses.models import AFTER_ATTEMPT, review_settings
from courses.selectors import attempt_slots

from .conftest import ALL_TYPES, api_post, api_put, api_url, start
from .sentinels import secret_question, secrets_of

pytestmark = pytest.mark.django_db

NEVER = review_settings()
# Keys that would carry graded information in the API's JSON.
SECRET_KEYS = (
    "fraction",
    "feedback",
    "right_answer",
    "general_feedback",
    "match_text",
    "tolerance",
)


def _assert_secret_free(raw: bytes, secrets: list[str], where: str):
    text = raw.decode()
    leaked = [secret for secret in secrets if secret in text]
    assert not leaked, f"{where} shows {leaked}"


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@pytest.mark.parametrize("type_code", ALL_TYPES)
def test_an_open_attempt_gives_nothing_away(trainee_client, lecture, type_code):
    from tests.factories.questions import make_quiz

    question = secret_question(type_code)
    quiz = make_quiz(lecture, [question], **NEVER)
    secrets = secrets_of(question)
    attempt = start(trainee_client, quiz)
    slot = attempt_slots(attempt)[0]

    responses = {
        "quiz page": trainee_client.get(reverse("courses:quiz", args=[quiz.pk])),
        "attempt page": trainee_client.get(reverse("courses:quiz-attempt", args=[attempt.pk])),
        "API attempt": trainee_client.get(api_url("attempt", attempt.pk)),
        "API quiz": trainee_client.get(api_url("quiz", quiz.pk)),
        "lecture page": trainee_client.get(lecture.url),
    }
    # An answer that triggers feedback (a wrong one, for the wildcard) is saved and shown again.
    order = slot.option_order
    wrong = {
        "single": lambda: {"choice": order[-1]},
        "judgement": lambda: {"choice": order[-1]},
        "multiple": lambda: {"choices": order},
        "truefalse": lambda: {"answer": False},
        "shortanswer": lambda: {"text": "not it"},
        "numerical": lambda: {"text": "1"},
        "matching": lambda: {"pairs": {str(order[0]): "answer two"}},
        "ordering": lambda: {"order": sorted(order, reverse=True)},
        "essay": lambda: {"text": "<p>我的回答</p>"},
    }[type_code]()
    wrong = slot.response_for_trainee(wrong)
    responses["API save"] = api_put(
        trainee_client, api_url("attempt-answers", attempt.pk), {"answers": {"1": wrong}}
    )
    responses["attempt page, answered"] = trainee_client.get(
        reverse("courses:quiz-attempt", args=[attempt.pk])
    )
    responses["API attempt, answered"] = trainee_client.get(api_url("attempt", attempt.pk))
    responses["API submit"] = api_post(trainee_client, api_url("attempt-submit", attempt.pk))
    responses["review page"] = trainee_client.get(reverse("courses:quiz-review", args=[attempt.pk]))
    responses["API review"] = trainee_client.get(api_url("attempt-review", attempt.pk))
    responses["quiz page, after"] = trainee_client.get(reverse("courses:quiz", args=[quiz.pk]))

    for where, response in responses.items():
        assert response.status_code == 200, (where, response.status_code)
        _assert_secret_free(response.content, secrets, where)
        if response["Content-Type"].startswith("application/json"):
            data = response.json()
            data.pop("shows", None)  # the review's flags: {"marks": false, ...}
            assert not _keys(data) & set(SECRET_KEYS), where
            assert not {"mark", "score", "percent", "passed"} & _keys(data), where


def test_the_sentinels_do_show_once_the_review_allows_it(trainee_client, lecture):
    """The secrecy test above would pass vacuously if the sentinels never showed at all."""
    from tests.factories.questions import make_quiz

    question = secret_question("shortanswer")
    quiz = make_quiz(
        lecture,
        [question],
        max_attempts=1,  # the right answers show once no other attempt may be started
        **review_settings(marks=AFTER_ATTEMPT, answers=AFTER_ATTEMPT, feedback=AFTER_ATTEMPT),
    )
    attempt = start(trainee_client, quiz)
    api_put(
        trainee_client,
        api_url("attempt-answers", attempt.pk),
        {"answers": {"1": {"text": "not it"}}},
    )
    api_post(trainee_client, api_url("attempt-submit", attempt.pk))

    review = trainee_client.get(reverse("courses:quiz-review", args=[attempt.pk])).content.decode()
    api_review = trainee_client.get(api_url("attempt-review", attempt.pk)).json()

    for text in ("SECRETRIGHTANSWER", "FEEDBACK-FOR-ANY-OTHER-ANSWER", "GENERAL-FEEDBACK-SENTINEL"):
        assert text in review
    assert api_review["questions"][0]["right_answer"] == "SECRETRIGHTANSWER"
    assert api_review["questions"][0]["feedback_html"] == ["FEEDBACK-FOR-ANY-OTHER-ANSWER"]
    # The markers' guidance is never for the trainee.
    assert "GRADER-INFO-SENTINEL" not in review


@pytest.mark.parametrize("type_code", ["single", "multiple", "matching", "ordering"])
def test_an_open_attempt_names_options_by_its_own_keys_never_by_id(
    trainee_client, lecture, type_code
):
    # Given an attempt at a question whose options' ids follow authoring order
    from tests.factories.questions import make_quiz

    quiz = make_quiz(lecture, [secret_question(type_code)], **NEVER)
    attempt = start(trainee_client, quiz)
    slot = attempt_slots(attempt)[0]
    ids = [option.pk for option in slot.question.ordered_options() if option.text]

    # When the trainee reads the attempt page and the API
    page = trainee_client.get(reverse("courses:quiz-attempt", args=[attempt.pk])).content.decode()
    shown = trainee_client.get(api_url("attempt", attempt.pk)).json()["questions"][0]["options"]

    # Then the options carry the attempt's keys, and no option id names anything on the page
    assert sorted(option["id"] for option in shown) == sorted(slot.key_of(pk) for pk in ids)
    form = page.split('id="q1"', 1)[1].split("</fieldset>", 1)[0]
    keys = {slot.key_of(pk) for pk in ids}
    named = re.findall(
        r'(?:data-item|data-stem)="([^"]*)"'
        r'|id="q1-(?:o|item-|m|stem-)([^"]*)"'
        r'|name="q1-(?!shown|touched|order)([^"]*)"'
        r'|type="(?:radio|checkbox)" [^>]*value="([^"]*)"'
        r'|name="q1-order" value="([^"]*)"'
        r'|value="move:1:([^:]*):',
        form,
    )
    found = {value for groups in named for value in groups if value}
    assert found and found <= keys, found - keys

    # And an answer naming an option by its id is refused, not graded
    sent = {
        "single": {"choice": ids[0]},
        "multiple": {"choices": ids[:1]},
        "matching": {"pairs": {str(ids[0]): "x"}},
        "ordering": {"order": ids},
    }[type_code]
    refused = api_put(
        trainee_client, api_url("attempt-answers", attempt.pk), {"answers": {"1": sent}}
    )
    assert refused.status_code == 400
    assert "not one of this question's options" in refused.json()["detail"]
