"""The evaluation form and a trainee's evaluation page: who may open them, refusals as
messages, bad input saving nothing, and per-dimension averages by period."""

import datetime
import html
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from mentoring.models import Evaluation, EvaluationScore
from mentoring.services import evaluation_submit
from tests.factories import UserFactory

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def new_url(trainee, kind=None, rubric=None) -> str:
    params = {"trainee": trainee.pk}
    if kind:
        params["kind"] = kind
    if rubric:
        params["rubric"] = rubric.pk
    return reverse("mentoring:evaluation-new") + "?" + urlencode(params)


def trainee_url(trainee) -> str:
    return reverse("mentoring:evaluation-trainee", args=[trainee.pk])


def text(response) -> str:
    return html.unescape(response.content.decode())


def score_data(rubric, *values, comment=""):
    data = {"comment": comment}
    for dimension, value in zip(rubric.dimensions.order_by("sort_order"), values, strict=False):
        data[f"score_{dimension.pk}"] = value
    return data


def scores(rubric, *values):
    return dict(zip(rubric.dimensions.order_by("sort_order"), values, strict=True))


@pytest.fixture
def rubric():
    return f.rubric(name="带教考核")


@pytest.fixture
def people(office, east, west, north):
    trainee = f.trainee(east, display_name="张学员")
    stranger = f.trainee(north, display_name="李学员")
    mentor, host = f.mentor(east, display_name="刘导师"), f.host(west, display_name="王书记")
    f.assignment(trainee, mentor)
    rotation = f.rotation(trainee, host, starts_on=TODAY - 30 * DAY, ends_on=TODAY - DAY)
    return {
        "trainee": trainee,
        "stranger": stranger,
        "mentor": mentor,
        "host": host,
        "rotation": rotation,
    }


# Who may open what ---------------------------------------------------------------------------


def test_a_host_opens_only_their_rotation_trainees_pages(client, people, rubric):
    client.force_login(people["host"])
    assert client.get(trainee_url(people["trainee"])).status_code == 200
    assert client.get(new_url(people["trainee"], "host", rubric)).status_code == 200

    stranger = people["stranger"]
    assert client.get(trainee_url(stranger)).status_code == 404
    assert client.get(new_url(stranger, "host", rubric)).status_code == 404
    response = client.post(new_url(stranger, "host", rubric), score_data(rubric, 4, 4, 4))
    assert response.status_code == 404
    assert not Evaluation.objects.exists()


def test_a_host_sees_only_the_host_evaluations_of_their_rotations(client, people, rubric):
    trainee = people["trainee"]
    evaluation_submit(
        actor=people["mentor"],
        rubric=rubric,
        trainee=trainee,
        kind="mentor",
        scores=scores(rubric, 2, 2, 2),
        comment="导师的评语",
    )
    evaluation_submit(
        actor=people["host"],
        rubric=rubric,
        trainee=trainee,
        kind="host",
        scores=scores(rubric, 5, 4, 4),
        comment="接收社区的评语",
        rotation=people["rotation"],
    )

    client.force_login(people["host"])
    page = text(client.get(trainee_url(trainee)))
    assert "接收社区的评语" in page and "导师的评语" not in page
    assert "2.0" not in page  # the mentor's scores are not in the averages either

    client.force_login(people["mentor"])
    page = text(client.get(trainee_url(trainee)))
    assert "接收社区的评语" in page and "导师的评语" in page


@pytest.mark.parametrize("who", ["stranger", "nobody", "anonymous"])
def test_the_trainee_page_is_not_found_for_others(client, people, who):
    if who == "anonymous":
        assert client.get(trainee_url(people["trainee"])).status_code == 302
        return
    client.force_login(people["stranger"] if who == "stranger" else UserFactory())
    assert client.get(trainee_url(people["trainee"])).status_code == 404
    assert client.get(new_url(people["trainee"], "peer")).status_code == 404


@pytest.mark.parametrize("trainee", ["", "abc", "999999"])
def test_a_missing_or_unknown_trainee_is_not_found(client, people, trainee):
    client.force_login(people["mentor"])
    url = reverse("mentoring:evaluation-new") + "?" + urlencode({"trainee": trainee})
    assert client.get(url).status_code == 404


def test_without_a_kind_and_rubric_the_form_asks_for_them(client, people, rubric):
    client.force_login(people["mentor"])
    page = client.get(new_url(people["trainee"]))
    assert page.status_code == 200
    assert 'name="kind"' in page.text and 'name="rubric"' in page.text
    assert 'type="radio"' not in page.text

    unknown = (
        reverse("mentoring:evaluation-new")
        + "?"
        + urlencode({"trainee": people["trainee"].pk, "kind": "mentor", "rubric": "x"})
    )
    page = client.get(unknown)
    assert page.status_code == 200 and "Choose a rubric that is in use." in text(page)


# Writing evaluations ------------------------------------------------------------------------


def test_a_mentor_evaluates_and_the_averages_show_by_period(client, people, rubric):
    trainee = people["trainee"]
    client.force_login(people["mentor"])
    url = new_url(trainee, "mentor", rubric)
    assert client.post(url, score_data(rubric, 3, 4, 5)).status_code == 302
    response = client.post(url, score_data(rubric, 5, 4, 4, comment="进步明显"), follow=True)

    assert response.redirect_chain[-1][0] == trainee_url(trainee)
    assert Evaluation.objects.filter(kind="mentor", trainee=trainee).count() == 2
    page = text(response)
    assert "has been saved" in page and "进步明显" in page
    assert '<th scope="col">政治素质</th>' in page and '<th scope="row">' in page
    assert "<caption" in page
    assert "4.0 <span" in page and "4.5 <span" in page  # 政治素质 (3+5)/2, 统筹协调 (5+4)/2
    assert "<meter" in page

    by_year = text(client.get(trainee_url(trainee) + "?period=year"))
    assert f'<th scope="row">{TODAY.year}</th>' in by_year


def test_a_trainee_evaluates_themselves(client, people, rubric):
    trainee = people["trainee"]
    client.force_login(trainee)
    response = client.post(new_url(trainee, "self", rubric), score_data(rubric, 3, 3, 4))
    assert response.status_code == 302
    assert Evaluation.objects.get().kind == Evaluation.Kind.SELF
    assert client.get(trainee_url(trainee)).status_code == 200


@pytest.mark.parametrize(
    ("who", "kind", "message"),
    [
        ("host", "mentor", "Only the trainee's current mentors write a mentor's evaluation."),
        ("mentor", "host", "A host evaluates only the trainee of a rotation they host."),
        ("mentor", "self", "A self-evaluation is written by the trainee themselves."),
        ("trainee", "peer", "A peer evaluation is of another member of your cohort."),
    ],
)
def test_a_pair_that_may_not_evaluate_gets_a_message_and_nothing_is_saved(
    client, people, rubric, who, kind, message
):
    client.force_login(people[who])
    response = client.post(new_url(people["trainee"], kind, rubric), score_data(rubric, 4, 4, 4))
    assert response.status_code == 403
    assert message in text(response)
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ((4, 9, 3), "Scores run from 1 to 5."),
        ((4, -1, 3), "Scores run from 1 to 5."),
        ((4, 4), "a score"),
        ((), "a score"),
    ],
    ids=["above-the-scale", "below-the-scale", "missing-dimension", "no-scores"],
)
def test_bad_input_gives_a_message_and_saves_nothing(client, people, rubric, values, message):
    client.force_login(people["mentor"])
    response = client.post(
        new_url(people["trainee"], "mentor", rubric), score_data(rubric, *values)
    )
    assert response.status_code == 400
    page = text(response)
    assert "Nothing was saved" in page and message in page
    assert not Evaluation.objects.exists() and not EvaluationScore.objects.exists()


def test_the_host_evaluates_once_per_rotation(client, people, rubric):
    client.force_login(people["host"])
    url = new_url(people["trainee"], "host", rubric)
    assert client.post(url, score_data(rubric, 4, 4, 4)).status_code == 302
    again = client.post(url, score_data(rubric, 5, 5, 5))
    assert again.status_code == 400
    assert "already been evaluated" in text(again)
    assert Evaluation.objects.get().rotation == people["rotation"]


def test_peers_in_a_cohort_evaluate_each_other(client, people, rubric, programme, east):
    trainee, peer = people["trainee"], f.trainee(east, display_name="周学员")
    f.cohort(programme, [trainee, peer])
    client.force_login(peer)
    url = new_url(trainee, "peer", rubric)
    assert client.get(url).status_code == 200
    response = client.post(url, score_data(rubric, 4, 3, 4), follow=True)

    evaluation = Evaluation.objects.get()
    assert (evaluation.kind, evaluation.evaluator) == (Evaluation.Kind.PEER, peer)
    assert evaluation.cohort is not None
    assert "has been saved" in text(response)
    assert client.get(trainee_url(trainee)).status_code == 404  # peers see no one's record
    assert client.get(new_url(people["stranger"], "peer", rubric)).status_code == 404


# The host's evaluation window -----------------------------------------------------------------


@pytest.fixture
def host_with_running_rotation(people):
    """The host's rotation of the trainee runs another ten days: the window opens in four."""
    from mentoring.models import Rotation

    Rotation.objects.filter(pk=people["rotation"].pk).update(
        starts_on=TODAY - datetime.timedelta(days=20), ends_on=TODAY + datetime.timedelta(days=10)
    )
    people["rotation"].refresh_from_db()
    return people


def test_before_the_window_the_host_is_told_when_it_opens_instead_of_given_the_form(
    client, host_with_running_rotation, rubric
):
    people = host_with_running_rotation
    opens_on = people["rotation"].host_evaluation_opens_on
    client.force_login(people["host"])

    record = client.get(trainee_url(people["trainee"]))
    chooser = client.get(new_url(people["trainee"], "host", rubric))

    wanted = "the evaluation opens on"
    assert wanted in text(record)
    assert new_url(people["trainee"], "host", rubric).split("&rubric")[0] not in text(record)
    assert chooser.status_code == 200
    assert wanted in text(chooser) and date_format(opens_on, "DATE_FORMAT") in text(chooser)
    assert 'name="score_' not in text(chooser)  # no score fields to fill in


def test_a_host_posting_before_the_window_is_refused_with_the_date_and_nothing_is_saved(
    client, host_with_running_rotation, rubric
):
    people = host_with_running_rotation
    client.force_login(people["host"])

    response = client.post(new_url(people["trainee"], "host", rubric), score_data(rubric, 4, 4, 4))

    assert response.status_code == 400
    assert "the evaluation opens on" in text(response)
    assert not Evaluation.objects.exists()


def test_in_the_last_week_the_host_gets_the_form(client, host_with_running_rotation, rubric):
    from mentoring.models import Rotation

    people = host_with_running_rotation
    Rotation.objects.filter(pk=people["rotation"].pk).update(
        ends_on=TODAY + datetime.timedelta(days=6)
    )
    client.force_login(people["host"])

    record = client.get(trainee_url(people["trainee"]))
    chooser = client.get(new_url(people["trainee"], "host", rubric))

    assert "the evaluation opens on" not in text(record) + text(chooser)
    assert 'name="score_' in text(chooser)
