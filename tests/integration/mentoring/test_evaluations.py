import datetime

import pytest

from courses.exceptions import EngineRefusal, NotAllowed
from mentoring.models import Evaluation
from mentoring.selectors import evaluation_averages, evaluations_visible_to
from mentoring.services import evaluation_submit, rubric_create

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def rubric(office):
    return rubric_create(
        actor=office,
        name="跟班考核",
        dimensions=[("政治素质", "政治站位"), ("群众工作", "联系群众"), ("统筹协调", "")],
    )


def scores(rubric, *values):
    return dict(zip(rubric.dimensions.order_by("sort_order"), values, strict=True))


@pytest.fixture
def people(programme, east, west):
    trainee, peer, stranger = f.trainee(east), f.trainee(west), f.trainee(west)
    mentor, host = f.mentor(east), f.host(west)
    f.assignment(trainee, mentor)
    cohort = f.cohort(programme, [trainee, peer])
    rotation = f.rotation(trainee, host, starts_on=TODAY - 30 * DAY, ends_on=TODAY - DAY)
    return {
        "trainee": trainee,
        "peer": peer,
        "stranger": stranger,
        "mentor": mentor,
        "host": host,
        "cohort": cohort,
        "rotation": rotation,
    }


@pytest.mark.parametrize(
    ("evaluator", "kind", "allowed"),
    [
        ("trainee", "self", True),
        ("mentor", "self", False),
        ("mentor", "mentor", True),
        ("host", "mentor", False),
        ("host", "host", True),
        ("mentor", "host", False),
        ("peer", "peer", True),
        ("stranger", "peer", False),
        ("trainee", "peer", False),
    ],
)
def test_who_may_evaluate_whom(people, rubric, evaluator, kind, allowed):
    def submit():
        return evaluation_submit(
            actor=people[evaluator],
            rubric=rubric,
            trainee=people["trainee"],
            kind=kind,
            scores=scores(rubric, 4, 5, 3),
            rotation=people["rotation"],
            cohort=people["cohort"],
        )

    if allowed:
        assert submit().kind == kind
    else:
        with pytest.raises(NotAllowed):
            submit()


def test_a_host_evaluates_at_the_end_and_once(people, rubric, east):
    host, trainee = people["host"], people["trainee"]
    early = f.rotation(trainee, host, starts_on=TODAY + 10 * DAY, ends_on=TODAY + 40 * DAY)
    with pytest.raises(EngineRefusal, match="end of the rotation"):
        evaluation_submit(
            actor=host,
            rubric=rubric,
            trainee=trainee,
            kind="host",
            scores=scores(rubric, 4, 4, 4),
            rotation=early,
        )
    kwargs = {"actor": host, "rubric": rubric, "trainee": trainee, "kind": "host"}
    evaluation_submit(**kwargs, scores=scores(rubric, 4, 4, 4), rotation=people["rotation"])
    with pytest.raises(Exception, match="already been evaluated"):
        evaluation_submit(**kwargs, scores=scores(rubric, 5, 5, 5), rotation=people["rotation"])


def test_every_dimension_is_scored_within_the_scale(people, rubric):
    kwargs = {
        "actor": people["trainee"],
        "rubric": rubric,
        "trainee": people["trainee"],
        "kind": "self",
    }
    first = rubric.dimensions.order_by("sort_order").first()
    with pytest.raises(EngineRefusal, match="missing"):
        evaluation_submit(**kwargs, scores={first: 3})
    with pytest.raises(EngineRefusal, match="from 1 to 5"):
        evaluation_submit(**kwargs, scores=scores(rubric, 6, 3, 3))
    assert not Evaluation.objects.exists()


def test_per_dimension_averages_over_time(people, rubric, office):
    trainee, mentor = people["trainee"], people["mentor"]
    for on, values in [
        (datetime.date(2026, 1, 5), (3, 4, 2)),
        (datetime.date(2026, 1, 20), (5, 4, 4)),
        (datetime.date(2026, 2, 3), (4, 5, 5)),
    ]:
        evaluation_submit(
            actor=mentor,
            rubric=rubric,
            trainee=trainee,
            kind="mentor",
            scores=scores(rubric, *values),
            evaluated_on=on,
        )

    rows = evaluation_averages(viewer=office, trainee_ids=[trainee.pk], period="month")

    table = [(r["period"].month, r["dimension_name"], r["average"], r["count"]) for r in rows]
    assert table == [
        (1, "政治素质", 4.0, 2),
        (1, "群众工作", 4.0, 2),
        (1, "统筹协调", 3.0, 2),
        (2, "政治素质", 4.0, 1),
        (2, "群众工作", 5.0, 1),
        (2, "统筹协调", 5.0, 1),
    ]
    assert evaluation_averages(viewer=people["stranger"], trainee_ids=[trainee.pk]) == []


def test_who_sees_which_evaluations(people, rubric):
    trainee, mentor, host = people["trainee"], people["mentor"], people["host"]
    kwargs = {"rubric": rubric, "trainee": trainee}
    by_mentor = evaluation_submit(
        actor=mentor, kind="mentor", scores=scores(rubric, 4, 4, 4), **kwargs
    )
    by_host = evaluation_submit(
        actor=host,
        kind="host",
        scores=scores(rubric, 4, 4, 4),
        rotation=people["rotation"],
        **kwargs,
    )

    assert set(evaluations_visible_to(trainee)) == {by_mentor, by_host}
    assert set(evaluations_visible_to(mentor)) == {by_mentor, by_host}
    assert set(evaluations_visible_to(host)) == {by_host}
    assert not evaluations_visible_to(people["stranger"]).exists()
