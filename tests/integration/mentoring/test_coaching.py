import datetime

import pytest

from courses.exceptions import EngineRefusal, NotAllowed
from mentoring.models import AgreedAction, CoachingSession
from mentoring.selectors import (
    actions_overdue_for,
    actions_visible_to,
    coaching_sessions_visible_to,
)
from mentoring.services import (
    coaching_action_set_status,
    coaching_session_acknowledge,
    coaching_session_log,
)

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def pair(east):
    trainee, mentor = f.trainee(east), f.mentor(east)
    f.assignment(trainee, mentor)
    return trainee, mentor


def log(actor, trainee, **kwargs):
    values = {
        "held_on": TODAY - DAY,
        "duration_minutes": 60,
        "mode": CoachingSession.Mode.IN_PERSON,
        "topics": "议事协商",
        "summary": "讨论了小区议事会的组织方法。",
        "private_notes": "表达偏弱,需多练习。",
        "actions": [
            {"owner": "trainee", "description": "组织一次议事会", "due_on": TODAY - 2 * DAY},
            {"owner": "mentor", "description": "推荐参考材料", "due_on": TODAY + 7 * DAY},
        ],
    }
    values.update(kwargs)
    return coaching_session_log(actor=actor, trainee=trainee, **values)


def test_a_current_mentor_logs_a_session_with_actions(pair):
    trainee, mentor = pair
    session = log(mentor, trainee)
    assert session.mentor == mentor and session.actions.count() == 2


@pytest.mark.parametrize("who", ["stranger", "past_mentor", "trainee", "host"])
def test_nobody_else_logs_sessions(pair, east, west, who):
    trainee, _mentor = pair
    past = f.mentor(east)
    f.assignment(trainee, past, kind="cross", starts_on=TODAY - 90 * DAY, ends_on=TODAY - 5 * DAY)
    actor = {
        "stranger": f.mentor(west),
        "past_mentor": past,
        "trainee": trainee,
        "host": f.host(west),
    }[who]
    with pytest.raises(NotAllowed):
        log(actor, trainee)
    assert not CoachingSession.objects.exists()


def test_the_office_logs_for_a_mentor_who_mentored_that_day(pair, office, west):
    trainee, mentor = pair
    with pytest.raises(EngineRefusal, match="did not mentor"):
        log(office, trainee, mentor=f.mentor(west))
    assert log(office, trainee, mentor=mentor).mentor == mentor


def test_sessions_are_not_logged_ahead(pair):
    trainee, mentor = pair
    with pytest.raises(EngineRefusal):
        log(mentor, trainee, held_on=TODAY + DAY)


def test_private_notes_are_for_the_mentor_and_the_office_only(
    pair, office, west, django_assert_num_queries
):
    trainee, mentor = pair
    cross = f.mentor(west)
    f.assignment(trainee, cross, kind="cross")
    log(mentor, trainee)

    mine = coaching_sessions_visible_to(mentor).get()
    theirs = coaching_sessions_visible_to(cross).get()
    offices = coaching_sessions_visible_to(office).get()
    own = coaching_sessions_visible_to(trainee).get()

    assert mine.visible_private_notes == "表达偏弱,需多练习。"
    assert offices.visible_private_notes == "表达偏弱,需多练习。"
    assert theirs.visible_private_notes == ""
    assert own.summary and own.visible_private_notes == ""
    assert "private_notes" in own.get_deferred_fields()  # never read from the database
    with django_assert_num_queries(0):
        assert own.visible_private_notes == ""


def test_the_trainee_acknowledges_and_reflects(pair):
    trainee, mentor = pair
    session = log(mentor, trainee)

    with pytest.raises(NotAllowed):
        coaching_session_acknowledge(actor=mentor, session=session)
    coaching_session_acknowledge(actor=trainee, session=session, reflection="会后组织了议事会。")

    session.refresh_from_db()
    assert session.acknowledged_at and session.reflection == "会后组织了议事会。"


def test_overdue_actions_are_flagged_for_both_sides(pair, east, office):
    trainee, mentor = pair
    log(mentor, trainee)
    other_trainee = f.trainee(east)
    f.assignment(other_trainee, f.mentor(east))

    assert [a.description for a in actions_overdue_for(trainee)] == ["组织一次议事会"]
    assert [a.description for a in actions_overdue_for(mentor)] == ["组织一次议事会"]
    assert list(actions_overdue_for(other_trainee)) == []
    assert actions_overdue_for(office).count() == 1
    flags = {a.description: a.is_overdue for a in actions_visible_to(trainee)}
    assert flags == {"组织一次议事会": True, "推荐参考材料": False}


def test_an_action_done_is_no_longer_overdue(pair):
    trainee, mentor = pair
    log(mentor, trainee)
    action = AgreedAction.objects.get(owner="trainee")
    mentors_action = AgreedAction.objects.get(owner="mentor")

    with pytest.raises(NotAllowed):
        coaching_action_set_status(actor=trainee, action=mentors_action, status="done")
    coaching_action_set_status(actor=trainee, action=action, status="done")

    assert not actions_overdue_for(trainee).exists()
    action.refresh_from_db()
    assert action.closed_by == trainee and action.closed_at
