"""The rotation pages: who sees which rotation, the weekly journal, the host's evaluation and
completion, and the list's query count."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import Evaluation, EvaluationScore, Rotation, RotationJournalEntry
from mentoring.services import journal_write
from tests.factories import UserFactory

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)
LIST = reverse("mentoring:rotation-list")


def detail(rotation):
    return reverse("mentoring:rotation-detail", args=[rotation.pk])


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def people(office, east, west, north):
    trainee, other_trainee = (
        f.trainee(east, display_name="张学员"),
        f.trainee(east, display_name="李学员"),
    )
    host, other_host = f.host(west, display_name="王书记"), f.host(north, display_name="赵书记")
    mentor = f.mentor(east)
    f.assignment(trainee, mentor)
    return {
        "trainee": trainee,
        "other_trainee": other_trainee,
        "host": host,
        "other_host": other_host,
        "mentor": mentor,
    }


@pytest.fixture
def running(people):
    """A rotation that started ten days ago and runs another twenty."""
    return f.rotation(
        people["trainee"], people["host"], starts_on=TODAY - 10 * DAY, ends_on=TODAY + 20 * DAY
    )


@pytest.fixture
def ended(people):
    """A rotation that ended yesterday: the host evaluates now."""
    return f.rotation(
        people["trainee"], people["host"], starts_on=TODAY - 40 * DAY, ends_on=TODAY - DAY
    )


@pytest.fixture
def rubric():
    rub = f.rubric(name="跟班考核")
    first = rub.dimensions.order_by("sort_order").first()
    first.descriptor = "政治站位高，立场坚定"
    first.save()
    return rub


def score_data(rubric, *values, comment="表现突出"):
    data = {"rubric": rubric.pk, "comment": comment}
    for dimension, value in zip(rubric.dimensions.order_by("sort_order"), values, strict=False):
        data[f"score_{dimension.pk}"] = value
    return data


# Who sees what ------------------------------------------------------------------------------


def test_a_host_sees_only_the_rotations_they_host(client, people, running):
    theirs = f.rotation(
        people["other_trainee"],
        people["other_host"],
        starts_on=TODAY - 10 * DAY,
        ends_on=TODAY + 20 * DAY,
    )
    client.force_login(people["host"])

    listing = client.get(LIST)
    assert listing.status_code == 200
    assert "张学员" in listing.text and "李学员" not in listing.text

    assert client.get(detail(running)).status_code == 200
    assert client.get(detail(theirs)).status_code == 404
    assert client.post(reverse("mentoring:rotation-complete", args=[theirs.pk])).status_code == 404


def test_each_role_lists_its_own_rotations(client, people, running, east, west):
    past_trainee = f.trainee(east, display_name="陈学员")
    f.assignment(
        past_trainee, people["mentor"], starts_on=TODAY - 300 * DAY, ends_on=TODAY - 100 * DAY
    )
    f.rotation(past_trainee, people["host"], starts_on=TODAY - 200 * DAY, ends_on=TODAY - 150 * DAY)
    f.rotation(
        people["other_trainee"],
        people["other_host"],
        starts_on=TODAY - 10 * DAY,
        ends_on=TODAY + 20 * DAY,
    )

    client.force_login(people["mentor"])  # current trainees only
    page = client.get(LIST).text
    assert "张学员" in page and "陈学员" not in page and "李学员" not in page

    client.force_login(people["trainee"])  # themselves only
    page = client.get(LIST).text
    assert "张学员" in page and "陈学员" not in page and "李学员" not in page

    client.force_login(people["host"])  # current and past
    page = client.get(LIST).text
    assert "张学员" in page and "陈学员" in page and "李学员" not in page


def test_the_list_is_refused_to_people_without_a_studio_role(client, people):
    assert client.get(LIST).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(LIST).status_code == 403


def test_a_rotation_is_not_found_for_people_outside_it(client, people, running):
    for outsider in (people["other_host"], people["other_trainee"], UserFactory()):
        client.force_login(outsider)
        assert client.get(detail(running)).status_code == 404
    client.force_login(people["mentor"])
    page = client.get(detail(running))
    assert page.status_code == 200 and "学习小区治理" in page.text  # the objectives, read-only
    assert 'name="body"' not in page.text


# The journal --------------------------------------------------------------------------------


def test_the_trainee_writes_one_entry_a_week_and_writing_again_revises_it(client, people, running):
    client.force_login(people["trainee"])
    journal = reverse("mentoring:rotation-journal", args=[running.pk])

    first = client.post(journal, {"body": "第一稿：参加了小区议事会"})
    assert first.status_code == 302
    second = client.post(journal, {"body": "修改稿：议事会讨论了加装电梯"}, follow=True)

    entry = RotationJournalEntry.objects.get(rotation=running)
    assert entry.body == "修改稿：议事会讨论了加装电梯"
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    assert (entry.iso_year, entry.iso_week) == TODAY.isocalendar()[:2]
    assert entry.week_starts_on == monday
    page = text(second)
    assert "has been saved" in page
    assert "修改稿：议事会讨论了加装电梯" in page and "第一稿" not in page


def test_the_host_reads_the_journal_but_does_not_write_it(client, people, running):
    journal_write(actor=people["trainee"], rotation=running, week_of=TODAY, body="本周记录")
    client.force_login(people["host"])
    page = client.get(detail(running))
    assert "本周记录" in page.text and 'name="body"' not in page.text

    refused = client.post(
        reverse("mentoring:rotation-journal", args=[running.pk]), {"body": "代写"}, follow=True
    )
    assert "Only the trainee writes their rotation journal." in text(refused)
    assert RotationJournalEntry.objects.get().body == "本周记录"


def test_an_empty_entry_is_refused_with_a_message(client, people, running):
    client.force_login(people["trainee"])
    response = client.post(reverse("mentoring:rotation-journal", args=[running.pk]), {"body": " "})
    assert response.status_code == 400
    assert "Nothing was saved" in text(response)
    assert not RotationJournalEntry.objects.exists()


# The host's evaluation ----------------------------------------------------------------------


def test_the_host_evaluates_at_the_end_and_the_averages_show_it(client, people, ended, rubric):
    client.force_login(people["host"])
    page = client.get(detail(ended)).text
    for dimension in rubric.dimensions.all():
        assert dimension.name in page
    assert "政治站位高，立场坚定" in page  # the descriptor
    assert 'type="radio"' in page

    response = client.post(
        reverse("mentoring:rotation-evaluate", args=[ended.pk]),
        score_data(rubric, 4, 5, 3),
        follow=True,
    )

    evaluation = Evaluation.objects.get()
    assert (evaluation.kind, evaluation.rotation, evaluation.evaluator) == (
        Evaluation.Kind.HOST,
        ended,
        people["host"],
    )
    assert sorted(evaluation.scores.values_list("score", flat=True)) == [3, 4, 5]
    page = text(response)
    assert "has been saved" in page and 'type="radio"' not in page  # evaluated once

    averages = client.get(reverse("mentoring:evaluation-trainee", args=[people["trainee"].pk]))
    assert averages.status_code == 200
    table = text(averages)
    assert "<caption" in table and '<th scope="col">政治素质</th>' in table
    assert "5.0" in table and "表现突出" in table


def test_the_host_evaluation_waits_for_the_rotations_last_week(client, people, running, rubric):
    client.force_login(people["host"])
    page = client.get(detail(running)).text
    assert 'type="radio"' not in page and "last week" in page

    response = client.post(
        reverse("mentoring:rotation-evaluate", args=[running.pk]), score_data(rubric, 4, 4, 4)
    )
    assert response.status_code == 400
    assert "The host evaluates at the end of the rotation" in text(response)
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ((4, 6, 3), "Scores run from 1 to 5."),
        ((4, 0, 3), "Scores run from 1 to 5."),
        ((4, "很好", 3), "Scores run from 1 to 5."),
        ((4, 5), "a score"),  # the last dimension is missing
    ],
    ids=["above-the-scale", "below-the-scale", "not-a-number", "missing-dimension"],
)
def test_bad_scores_give_a_message_and_save_nothing(client, people, ended, rubric, values, message):
    client.force_login(people["host"])
    response = client.post(
        reverse("mentoring:rotation-evaluate", args=[ended.pk]), score_data(rubric, *values)
    )
    assert response.status_code == 400
    page = text(response)
    assert "Nothing was saved" in page and message in page
    assert not Evaluation.objects.exists() and not EvaluationScore.objects.exists()


def test_only_the_host_evaluates_on_the_rotation_page(client, people, ended, rubric):
    client.force_login(people["mentor"])
    assert 'type="radio"' not in client.get(detail(ended)).text
    response = client.post(
        reverse("mentoring:rotation-evaluate", args=[ended.pk]),
        score_data(rubric, 4, 4, 4),
        follow=True,
    )
    assert "A host evaluates only the trainee of a rotation they host." in text(response)
    assert not Evaluation.objects.exists()


# Completion ----------------------------------------------------------------------------------


def test_the_host_completes_the_rotation_from_its_last_day(client, people, ended):
    # Another trainee's rotation: one trainee's rotations never overlap (an exclusion
    # constraint on PostgreSQL), and this one is still running.
    running = f.rotation(
        people["other_trainee"],
        people["host"],
        starts_on=TODAY - 10 * DAY,
        ends_on=TODAY + 20 * DAY,
    )
    client.force_login(people["host"])
    early = client.post(reverse("mentoring:rotation-complete", args=[running.pk]), follow=True)
    assert "The rotation runs until" in text(early)
    running.refresh_from_db()
    assert running.status == Rotation.Status.SCHEDULED

    done = client.post(reverse("mentoring:rotation-complete", args=[ended.pk]), follow=True)
    assert "recorded as completed" in text(done)
    ended.refresh_from_db()
    assert ended.status == Rotation.Status.COMPLETED

    client.force_login(people["other_trainee"])
    client.post(reverse("mentoring:rotation-complete", args=[running.pk]))
    running.refresh_from_db()
    assert running.status == Rotation.Status.SCHEDULED


# Query count -------------------------------------------------------------------------------


def _rotations_for(host, n, community, rubric):
    for i in range(n):
        trainee = f.trainee(community)
        start = TODAY - (40 + i) * DAY
        rotation = f.rotation(
            trainee,
            host,
            starts_on=start,
            ends_on=start + 30 * DAY,
            status=Rotation.Status.COMPLETED if i % 2 else Rotation.Status.SCHEDULED,
        )
        RotationJournalEntry.objects.create(
            rotation=rotation,
            iso_year=start.isocalendar()[0],
            iso_week=start.isocalendar()[1],
            week_starts_on=start - datetime.timedelta(days=start.weekday()),
            body="记录",
        )
        if i % 3 == 0:
            Evaluation.objects.create(
                rubric=rubric,
                trainee=trainee,
                evaluator=host,
                kind=Evaluation.Kind.HOST,
                rotation=rotation,
                evaluated_on=rotation.ends_on,
            )


def _list_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(queries), response.text


def test_the_list_costs_the_same_queries_for_3_and_60_rotations(client, east, west, rubric):
    host = f.host(west, capacity=100)
    _rotations_for(host, 3, east, rubric)
    client.force_login(host)
    client.get(LIST)  # the session warms up
    with_three, page = _list_queries(client)
    assert page.count('class="card rotation-card"') == 3

    _rotations_for(host, 57, east, rubric)
    with_sixty, page = _list_queries(client)
    assert page.count('class="card rotation-card"') == 60

    assert with_sixty == with_three
