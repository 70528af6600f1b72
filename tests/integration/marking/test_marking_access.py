"""Who reaches the marking queue, an answer's page and its form.

Office reviewers mark everyone's answers; a mentor marks only the answers of the trainees they
mentor now. Anyone else gets 403 on the queue (as on the review queue for written work) and
404 on an answer, so they cannot learn that it exists; nobody marks their own attempt.
"""

import datetime

import pytest
from django.urls import reverse

from courses.models import Attempt, AttemptSlot
from courses.selectors import answers_to_mark
from lms.people.roles import OFFICE_REVIEWER
from tests.factories import user_with_role
from tests.integration.mentoring import factories as mentoring

from .conftest import essay_slots, sit

pytestmark = pytest.mark.django_db

QUEUE = reverse("courses:marking-queue")


def page(slot) -> str:
    return reverse("courses:marking-answer", args=[slot.pk])


def mark_post(slot, action="save") -> dict:
    scores = {f"criterion-{c.pk}": 1 for c in slot.question.criteria.all()}
    return {**scores, "comment": "好", "action": action}


@pytest.fixture
def answers(submitted, other_trainee, quiz):
    """The trainee's essay and the other trainee's, both waiting."""
    theirs = sit(other_trainee, quiz)
    return {"trainee": essay_slots(submitted)[0], "other": essay_slots(theirs)[0]}


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("reviewer", {"trainee", "other"}),
        ("mentor", {"trainee"}),
        ("other_mentor", {"other"}),
    ],
)
def test_markers_see_and_open_exactly_the_answers_they_mark(client, request, answers, who, sees):
    user = request.getfixturevalue(who)
    client.force_login(user)

    queue = client.get(QUEUE)

    assert queue.status_code == 200
    assert {slot.pk for slot in answers_to_mark(user)} == {answers[k].pk for k in sees}
    for key, slot in answers.items():
        assert (page(slot) in queue.text) is (key in sees)
        assert client.get(page(slot)).status_code == (200 if key in sees else 404)


@pytest.mark.parametrize("who", ["mentor", "other_mentor"])
def test_a_mentor_cannot_mark_another_mentors_trainee(client, request, answers, who):
    client.force_login(request.getfixturevalue(who))
    foreign = answers["other" if who == "mentor" else "trainee"]

    response = client.post(page(foreign), mark_post(foreign, "release"))

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.marked_at is None and foreign.mark is None
    assert foreign.attempt.state == Attempt.State.NEEDS_MARKING


@pytest.mark.parametrize("who", ["trainee", "other_trainee", "host", "office"])
def test_trainees_hosts_and_the_rest_of_the_office_are_refused(client, request, answers, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(QUEUE).status_code == 403
    for slot in answers.values():
        assert client.get(page(slot)).status_code == 404
        assert client.post(page(slot), mark_post(slot, "release")).status_code == 404
    assert not AttemptSlot.objects.filter(marked_at__isnull=False).exists()


def test_a_past_mentor_no_longer_marks(client, trainee, answers):
    past = mentoring.mentor(username="past")
    mentoring.assignment(
        trainee,
        past,
        starts_on=datetime.date.today() - datetime.timedelta(days=100),
        ends_on=datetime.date.today() - datetime.timedelta(days=1),
    )
    client.force_login(past)

    assert client.get(QUEUE).status_code == 403
    assert client.get(page(answers["trainee"])).status_code == 404


def test_a_reviewer_who_sat_the_quiz_does_not_mark_their_own_attempt(
    client, trainee, other_trainee, quiz, enrolled
):
    trainee.groups.add(*user_with_role(OFFICE_REVIEWER).groups.all())
    own = essay_slots(sit(trainee, quiz))[0]
    theirs = essay_slots(sit(other_trainee, quiz))[0]
    client.force_login(trainee)

    assert [slot.pk for slot in answers_to_mark(trainee)] == [theirs.pk]
    assert client.get(page(own)).status_code == 404
    assert client.post(page(own), mark_post(own)).status_code == 404
    assert client.get(page(theirs)).status_code == 200


def test_an_attempt_still_in_progress_is_not_reachable(client, reviewer, enrolled, quiz):
    from courses.services.attempts import attempt_start

    attempt = attempt_start(trainee=enrolled, quiz=quiz)
    slot = attempt.slots.get(needs_marking=True)
    client.force_login(reviewer)

    assert client.get(page(slot)).status_code == 404
    assert list(answers_to_mark(reviewer)) == []


def test_visitors_are_sent_to_log_in(client, essay):
    for url in (QUEUE, page(essay)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("people:login"))
