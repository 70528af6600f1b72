"""A double tap, a retry on a bad network, two tabs: submitting twice has one effect."""

import pytest
from django.urls import reverse

from courses.models import Attempt
from courses.selectors import attempt_slots
from lms.audit.models import AuditEntry
from tests.factories.questions import make_question, make_quiz

from .answers import all_form_fields, right_answers
from .conftest import api_post, api_url, start

pytestmark = pytest.mark.django_db


def test_submitting_twice_through_the_form_and_the_api_submits_once(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single")])
    attempt = start(trainee_client, quiz)
    slots = attempt_slots(attempt)
    url = reverse("courses:quiz-attempt", args=[attempt.pk])
    wrong = {"q1-shown": "1", "q1": slots[0].key_of(slots[0].option_order[0]), "action": "submit"}
    right = {**all_form_fields(slots, right_answers(slots)), "action": "submit"}

    first = trainee_client.post(url, wrong)
    first_state = Attempt.objects.get(pk=attempt.pk)
    second = trainee_client.post(url, right, follow=True)
    third = api_post(
        trainee_client, api_url("attempt-submit", attempt.pk), {"answers": right_answers(slots)}
    )

    assert first.status_code == 302
    assert second.redirect_chain == [(reverse("courses:quiz-review", args=[attempt.pk]), 302)]
    assert "already been submitted" in second.content.decode()
    assert third.status_code == 200 and third.json()["state"] == first_state.state
    after = Attempt.objects.get(pk=attempt.pk)
    assert (after.state, after.score, after.submitted_at) == (
        first_state.state,
        first_state.score,
        first_state.submitted_at,
    )
    assert AuditEntry.objects.filter(action="attempt.submit").count() == 1
    assert AuditEntry.objects.filter(action="attempt.finish").count() == 1


def test_saving_after_submitting_is_refused_with_the_review_address(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single")])
    attempt = start(trainee_client, quiz)
    api_post(trainee_client, api_url("attempt-submit", attempt.pk))

    response = trainee_client.put(
        api_url("attempt-answers", attempt.pk),
        '{"answers": {"1": null}}',
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json()["review_url"] == reverse("courses:quiz-review", args=[attempt.pk])
    assert "can no longer change" in response.json()["detail"]
