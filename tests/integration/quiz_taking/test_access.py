"""Who reaches what: only one's own attempts, only when logged in, and never a server error
for a malformed request or an impossible id."""

import pytest
from django.urls import reverse

from courses.models import Attempt
from lms.people.roles import OFFICE_ADMIN, OFFICE_EDITOR, OFFICE_REVIEWER
from tests.factories import user_with_role
from tests.factories.questions import make_question, make_quiz

from .conftest import api_post, api_put, api_url, english_client, start

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.fixture
def attempt(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single"), make_question("numerical")])
    return start(trainee_client, quiz)


def _page_routes(attempt):
    return [
        ("get", reverse("courses:quiz-attempt", args=[attempt.pk])),
        ("post", reverse("courses:quiz-attempt", args=[attempt.pk])),
        ("get", reverse("courses:quiz-review", args=[attempt.pk])),
    ]


def _api_routes(attempt):
    return [
        ("get", api_url("attempt", attempt.pk), None),
        ("put", api_url("attempt-answers", attempt.pk), {"answers": {"1": None}}),
        ("post", api_url("attempt-submit", attempt.pk), None),
        ("get", api_url("attempt-review", attempt.pk), None),
    ]


def _call(client, method, url, body=None):
    if method == "put":
        return api_put(client, url, body)
    if method == "post" and url.startswith("/api/"):
        return api_post(client, url, body)
    return getattr(client, method)(url)


def test_another_trainees_attempt_is_not_found_on_every_page_and_api_route(other_client, attempt):
    for method, url in _page_routes(attempt):
        assert _call(other_client, method, url).status_code == 404, (method, url)
    for method, url, body in _api_routes(attempt):
        response = _call(other_client, method, url, body)
        assert response.status_code == 404, (method, url)
        assert response.json() == {"detail": "Not found."}
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS


@pytest.mark.parametrize(
    "role", [OFFICE_EDITOR, OFFICE_REVIEWER, OFFICE_ADMIN], ids=lambda role: role.code
)
def test_no_office_role_reaches_a_trainees_attempt_through_the_pages_or_the_api(attempt, role):
    """The API is the trainee's own: office roles read attempts in the marking queue and the
    quiz reports, each as the README's table grants, never here."""
    office_client = english_client(user_with_role(role))

    for method, url in _page_routes(attempt):
        assert _call(office_client, method, url).status_code == 404, (method, url)
    for method, url, body in _api_routes(attempt):
        response = _call(office_client, method, url, body)
        assert response.status_code == 404, (method, url)
        assert response.json() == {"detail": "Not found."}
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in_or_refused(attempt):
    anonymous = english_client()
    for method, url in _page_routes(attempt):
        response = _call(anonymous, method, url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url
    quiz_url = reverse("courses:quiz", args=[attempt.quiz_id])
    assert "/accounts/login/" in anonymous.get(quiz_url).url
    for method, url, body in _api_routes(attempt):
        response = _call(anonymous, method, url, body)
        assert response.status_code in (401, 403), (method, url)
        assert response.json()["detail"]
    assert anonymous.get(api_url("quiz", attempt.quiz_id)).status_code == 401


def test_writes_through_the_api_need_the_csrf_token(enrolled, attempt):
    client = english_client(enrolled, enforce_csrf_checks=True)
    page = client.get(reverse("courses:quiz-attempt", args=[attempt.pk]))
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="', 1)[1].split('"')[0]
    url = api_url("attempt-answers", attempt.pk)

    refused = api_put(client, url, {"answers": {"2": {"text": "12"}}})
    accepted = api_put(client, url, {"answers": {"2": {"text": "12"}}}, HTTP_X_CSRFTOKEN=token)

    assert refused.status_code == 403
    assert refused.json()["detail"] == "The request was refused. Reload the page and try again."
    assert accepted.status_code == 200


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ("{not json", 400, "The request could not be read"),
        ("[]", 422, "does not have the expected form"),
        ('{"answers": []}', 422, "does not have the expected form"),
        ('{"answers": "1"}', 422, "does not have the expected form"),
        ('{"wrong": {}}', 422, "does not have the expected form"),
        ('{"answers": {"abc": {"choice": 1}}}', 400, "could not be read"),
        ('{"answers": {"7": {"choice": 1}}}', 400, "could not be read"),
        ('{"answers": {"99999999999999999999999": {}}}', 400, "could not be read"),
        ('{"answers": {"1": {"choice": 99999999999999999999999}}}', 400, "not one of"),
        ('{"answers": {"1": {"choice": true}}}', 400, "not one of"),
        ('{"answers": {"2": {"text": ["12"]}}}', 400, "Type your answer as text"),
        ('{"answers": {"2": {"text": "十二"}}}', 400, "is not a number"),
    ],
)
def test_malformed_answers_are_refused_with_a_message(
    trainee_client, attempt, body, status, message
):
    response = api_put(trainee_client, api_url("attempt-answers", attempt.pk), body)

    assert response.status_code == status, response.content
    assert message in response.json()["detail"]
    assert all(slot.response is None for slot in attempt.slots.all())


def test_a_huge_answers_request_is_refused(trainee_client, attempt):
    answers = {str(n): None for n in range(1, 1000)}
    response = api_put(trainee_client, api_url("attempt-answers", attempt.pk), {"answers": answers})
    assert response.status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        f"/learn/quiz/{HUGE}/",
        f"/learn/quiz/{HUGE}/start/",
        f"/learn/quiz/attempt/{HUGE}/",
        f"/learn/quiz/attempt/{HUGE}/review/",
        f"/api/attempts/{HUGE}",
        f"/api/attempts/{HUGE}/review",
        f"/api/quizzes/{HUGE}",
        "/api/attempts/0",
        "/api/attempts/abc",
        "/api/attempts/-1",
        "/learn/quiz/attempt/123456789012345678/",
        "/api/attempts/123456789012345678",
    ],
)
def test_impossible_ids_are_not_found(trainee_client, path):
    response = trainee_client.get(path)
    assert response.status_code == 404
    if path.startswith("/api/"):
        assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("method", ["put", "post"])
def test_huge_ids_in_api_writes_are_not_found(trainee_client, method):
    url = f"/api/attempts/{HUGE}/" + ("answers" if method == "put" else "submit")
    response = _call(trainee_client, method, url, {"answers": {}})
    assert response.status_code == 404


def test_an_unpublished_quiz_is_not_found(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single")], is_published=False)
    assert trainee_client.get(reverse("courses:quiz", args=[quiz.pk])).status_code == 404
    assert trainee_client.post(reverse("courses:quiz-start", args=[quiz.pk])).status_code == 404
    assert trainee_client.get(api_url("quiz", quiz.pk)).status_code == 404


def test_a_refused_start_is_a_message_on_the_quiz_page(other_trainee, lecture):
    # other_trainee is not enrolled here (no ``enrolled`` fixture)
    client = english_client(other_trainee)
    quiz = make_quiz(lecture, [make_question("single")])

    response = client.post(reverse("courses:quiz-start", args=[quiz.pk]), follow=True)

    assert response.redirect_chain == [(reverse("courses:quiz", args=[quiz.pk]), 302)]
    assert "You are not enrolled in the course" in response.content.decode()
    assert not Attempt.objects.exists()


def test_the_quiz_page_says_when_attempts_are_used_up(trainee_client, lecture):
    quiz = make_quiz(lecture, [make_question("single")], max_attempts=1)
    attempt = start(trainee_client, quiz)
    api_post(trainee_client, api_url("attempt-submit", attempt.pk))

    page = trainee_client.get(reverse("courses:quiz", args=[quiz.pk])).content.decode()
    again = trainee_client.post(reverse("courses:quiz-start", args=[quiz.pk]), follow=True)

    assert "You have used all your attempts at this quiz." in page
    assert "1 allowed, 0 left" in page
    assert "You have used all 1 attempts" in again.content.decode()
