"""Each role sees what it should, and the list selectors cost the same for 3 or 60 trainees."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentoring.models import (
    CoachingSession,
    LearningHoursCriterion,
    MentorSignOffCriterion,
    RotationsCompletedCriterion,
    StarRatingCriterion,
)
from mentoring.selectors import (
    assignments_visible_to,
    coaching_sessions_visible_to,
    readiness_for_many,
    readiness_visible_to,
    rotations_visible_to,
    trainees_visible_to,
)

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(office, east, west):
    current, past, other = f.trainee(east), f.trainee(east), f.trainee(west)
    mentor, host = f.mentor(east), f.host(west)
    f.assignment(current, mentor)
    f.assignment(past, mentor, starts_on=TODAY - 200 * DAY, ends_on=TODAY - 10 * DAY)
    f.assignment(other, f.mentor(west))
    hosted = f.rotation(current, host, starts_on=TODAY, ends_on=TODAY + 20 * DAY)
    for trainee in (current, past, other):
        CoachingSession.objects.create(
            trainee=trainee,
            mentor=trainee.mentor_assignments.get().mentor,
            held_on=TODAY - DAY,
            duration_minutes=30,
            mode="phone",
            topics="t",
            summary="s",
            private_notes="p",
        )
    return {
        "office": office,
        "mentor": mentor,
        "host": host,
        "current": current,
        "past": past,
        "other": other,
        "rotation": hosted,
    }


def edit_map(queryset):
    return {row.pk: row.can_edit for row in queryset}


def test_the_office_sees_every_trainee(world):
    rows = edit_map(trainees_visible_to(world["office"]))
    assert set(rows) == {world[k].pk for k in ("current", "past", "other")}
    assert all(rows.values())


def test_a_mentor_sees_their_trainees_and_past_ones_read_only(world):
    assert edit_map(trainees_visible_to(world["mentor"])) == {
        world["current"].pk: True,
        world["past"].pk: False,
    }
    sessions = {s.trainee_id: s.can_edit for s in coaching_sessions_visible_to(world["mentor"])}
    assert sessions == {world["current"].pk: True, world["past"].pk: False}
    assert {a.trainee_id for a in assignments_visible_to(world["mentor"])} == {
        world["current"].pk,
        world["past"].pk,
    }


def test_a_host_sees_only_their_rotations_trainees_and_rotation_records(world):
    host = world["host"]
    assert edit_map(trainees_visible_to(host)) == {world["current"].pk: True}
    assert list(rotations_visible_to(host)) == [world["rotation"]]
    assert not coaching_sessions_visible_to(host).exists()
    assert not assignments_visible_to(host).exists()


def test_a_trainee_sees_only_themselves(world):
    trainee = world["current"]
    assert edit_map(trainees_visible_to(trainee)) == {trainee.pk: True}
    assert [s.trainee_id for s in coaching_sessions_visible_to(trainee)] == [trainee.pk]
    assert list(rotations_visible_to(trainee)) == [world["rotation"]]
    assert not rotations_visible_to(world["other"]).exists()


def test_anonymous_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    nobody = AnonymousUser()
    assert not trainees_visible_to(nobody).exists()
    assert not coaching_sessions_visible_to(nobody).exists()
    assert not rotations_visible_to(nobody).exists()


def _population(n, east, west, mentor, host):
    for i in range(n):
        trainee = f.trainee(east)
        f.assignment(trainee, mentor)
        if i % 2:
            f.rotation(
                trainee,
                host,
                starts_on=TODAY - 60 * DAY,
                ends_on=TODAY - 30 * DAY,
                status="completed",
            )


def _queries(call):
    with CaptureQueriesContext(connection) as context:
        call()
    return len(context.captured_queries)


@pytest.mark.parametrize("size", [3, 60])
def test_list_selectors_run_in_a_fixed_number_of_queries(
    size, office, east, west, django_assert_num_queries
):
    stage = f.stage("reserve_cadre")
    LearningHoursCriterion.objects.create(to_stage=stage, hours=Decimal("10"))
    RotationsCompletedCriterion.objects.create(to_stage=stage, count=1)
    MentorSignOffCriterion.objects.create(to_stage=stage)
    StarRatingCriterion.objects.create(to_stage=stage, minimum_stars=3)
    mentor = f.mentor(east, capacity=100)
    _population(size, east, west, mentor, f.host(west, capacity=100))

    # roles (1) + trainees with can_edit (1)
    with django_assert_num_queries(2):
        assert len(list(trainees_visible_to(mentor))) == size
    with django_assert_num_queries(2):
        assert len(list(trainees_visible_to(office))) == size
    trainees = list(trainees_visible_to(office))
    readiness_for_many(trainees[:1])  # warm the content-type cache polymorphic uses
    # stages (1) + stage records (1) + criteria (1 + 4 kinds) + evidence (hours, rotations,
    # sign-offs, branches: 4)
    with django_assert_num_queries(11):
        readiness = readiness_for_many(trainees)
    assert len(readiness) == size
    assert sum(r.results[1].met for r in readiness) == size // 2
    # trainees (1) + the same 11 readiness queries; the mentor's roles were read above and
    # are kept on the user object for the rest of the request
    with django_assert_num_queries(12):
        readiness_visible_to(mentor)
