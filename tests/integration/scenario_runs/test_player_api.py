"""The player's JSON endpoints: a run is recorded choice by choice, and only the server decides."""

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import ActivityProgress, ScenarioRun, ScenarioRunChoice
from lms.audit.models import AuditEntry
from lms.people.roles import TRAINEE
from tests.factories import user_with_role

from .conftest import CALL_STREET, CONVENE, LEAVE_IT, MEETING, START, Player

pytestmark = pytest.mark.django_db


def test_a_full_run_records_each_choice_the_path_and_the_score(player, trainee, scenario):
    # Given an enrolled trainee on the scenario page
    # When they start a run and play the best path to its ending
    started = player.start()
    run_id = started.json()["run"]["id"]
    first = player.choose(run_id, START, CONVENE)
    last = player.choose(run_id, MEETING, CALL_STREET)

    # Then each answer shows the step in front of them, then the ending with the score
    assert started.status_code == 201
    assert started.json()["node"] == {
        "type": "step",
        "key": "start",
        "title": "路灯不亮",
        "situation": "施工开挖后,小区人行道的路灯已经两周不亮。",
        "choices": [
            {"index": 0, "label": "召集三方协调会"},
            {"index": 1, "label": "让居民自己找物业"},
        ],
    }
    assert first.json()["chosen"] == {
        "step": "路灯不亮",
        "choice": "召集三方协调会",
        "consequence": "物业和施工方到场。",
    }
    assert first.json()["node"]["title"] == "协调会"
    assert first.json()["run"]["finished"] is False
    ending = last.json()
    assert ending["node"] == {
        "type": "ending",
        "key": "good",
        "title": "路灯亮了",
        "outcome": "居民出行恢复安全。",
    }
    assert ending["run"]["finished"] is True
    assert (ending["run"]["score"], ending["run"]["best_score"]) == (6, 6)
    assert ending["reflection"] == {
        "prompt": "你会如何向居民解释处理过程?",
        "url": reverse("courses:submission-start", args=[scenario.pk]),
    }
    assert ending["replay_allowed"] is True

    # And the server holds the run, its path and the score, and the engine knows it finished
    run = ScenarioRun.objects.get(pk=run_id)
    assert (run.trainee, run.number, run.score, run.best_score) == (trainee, 1, 6, 6)
    assert (run.ending_key, run.ending_title, run.current_key) == ("good", "路灯亮了", "good")
    assert run.finished_at is not None
    path = list(
        run.choices.values_list(
            "position",
            "step_key",
            "step_title",
            "choice_index",
            "choice_label",
            "score",
            "next_key",
        )
    )
    assert path == [
        (1, "start", "路灯不亮", 0, "召集三方协调会", 3, "meeting"),
        (2, "meeting", "协调会", 0, "请街道职能部门到场", 3, "good"),
    ]
    progress = ActivityProgress.objects.get(trainee=trainee, activity_id=scenario.pk)
    assert progress.run_finished_at is not None
    assert progress.completed_at is None  # the reflection must still be accepted
    actions = list(
        AuditEntry.objects.filter(object_id=str(run_id), action__startswith="scenario_run.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "scenario_run.start",
        "scenario_run.choose",
        "scenario_run.choose",
        "scenario_run.finish",
    ]


def test_a_short_path_scores_what_its_choices_scored(player):
    _run_id, answer = player.play((START, LEAVE_IT))

    assert answer.json()["node"]["title"] == "矛盾升级"
    assert (answer.json()["run"]["score"], answer.json()["run"]["best_score"]) == (-2, 6)


def test_starting_again_resumes_the_open_run_with_its_path(player):
    run_id, _answer = player.play((START, CONVENE))

    resumed = player.start()

    assert resumed.status_code == 200
    body = resumed.json()
    assert body["run"]["id"] == run_id
    assert body["node"]["key"] == MEETING
    assert body["path"] == [
        {"step": "路灯不亮", "choice": "召集三方协调会", "consequence": "物业和施工方到场。"}
    ]
    assert ScenarioRun.objects.count() == 1


@pytest.mark.parametrize(
    "replayed",
    [
        pytest.param((START, CONVENE), id="the same request twice"),
        pytest.param((START, LEAVE_IT), id="another choice from a stale tab"),
    ],
)
def test_a_stale_or_replayed_choice_is_refused_and_changes_nothing(player, replayed):
    run_id, _answer = player.play((START, CONVENE))
    before = list(ScenarioRunChoice.objects.values_list("pk", "score"))

    again = player.choose(run_id, *replayed)

    assert again.status_code == 400
    assert again.json()["ok"] is False
    assert "already left" in again.json()["message"]
    run = ScenarioRun.objects.get(pk=run_id)
    assert (run.current_key, run.score, run.finished_at) == (MEETING, 3, None)
    assert list(ScenarioRunChoice.objects.values_list("pk", "score")) == before


def test_a_choice_after_the_ending_is_refused(player):
    run_id, _answer = player.play((START, LEAVE_IT))

    late = player.choose(run_id, "bad", 0)

    assert late.status_code == 400
    assert "already ended" in late.json()["message"]
    assert ScenarioRunChoice.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param({"step": START, "choice": 2}, "not one of the choices", id="index too high"),
        pytest.param({"step": START, "choice": -1}, "not one of the choices", id="negative"),
        pytest.param({"step": START, "choice": "0"}, "not one of the choices", id="a string"),
        pytest.param({"step": START, "choice": True}, "not one of the choices", id="a boolean"),
        pytest.param({"step": START, "choice": 0.5}, "not one of the choices", id="a fraction"),
        pytest.param({"step": MEETING, "choice": 0}, "already left", id="a step ahead"),
        pytest.param({"step": "good", "choice": 0}, "already left", id="the ending's key"),
        pytest.param({"step": "", "choice": 0}, "already left", id="an empty key"),
        pytest.param({"step": START}, "could not be read", id="no choice"),
        pytest.param({"choice": 0}, "could not be read", id="no step"),
        pytest.param({"step": 1, "choice": 0}, "could not be read", id="step not a string"),
        pytest.param([START, 0], "could not be read", id="a list"),
        pytest.param(b"{not json", "could not be read", id="garbled"),
        pytest.param(b"\xff\xfe", "could not be read", id="not utf-8"),
        pytest.param(b"", "could not be read", id="empty"),
        pytest.param(b'{"step": "' + b"x" * 5000 + b'", "choice": 0}', "could not", id="huge"),
    ],
)
def test_a_tampered_or_garbled_choice_is_refused_and_nothing_is_saved(player, body, message):
    run_id = player.start().json()["run"]["id"]

    refused = player.post_choice(run_id, body)

    assert refused.status_code == 400
    assert refused.json()["ok"] is False
    assert message in refused.json()["message"]
    run = ScenarioRun.objects.get(pk=run_id)
    assert (run.current_key, run.score) == (START, 0)
    assert not ScenarioRunChoice.objects.exists()


def test_another_trainees_run_is_not_found_and_untouched(player, enrol, scenario):
    # Given another trainee's open run
    other = enrol(user_with_role(TRAINEE, username="other"))
    client = Client()
    client.force_login(other)
    theirs = Player(client, scenario).start().json()["run"]["id"]

    # When this trainee plays on it, or on a run that does not exist
    hijack = player.choose(theirs, START, CONVENE)
    missing = player.choose(theirs + 1000, START, CONVENE)
    too_big = player.client.post(
        "/learn/scenario/runs/99999999999999999999/choose/", content_type="application/json"
    )
    beyond_the_database = player.choose(999_999_999_999_999_999, START, CONVENE)

    # Then it is "not found" and nothing is recorded
    assert hijack.status_code == 404
    assert hijack.json() == {"ok": False, "message": "This scenario run was not found."}
    assert missing.status_code == 404
    assert too_big.status_code == 404
    assert beyond_the_database.status_code == 404
    assert not ScenarioRunChoice.objects.exists()
    assert ScenarioRun.objects.get(pk=theirs).current_key == START


def test_a_trainee_not_enrolled_cannot_start_or_play(client, scenario, trainee, enrol):
    stranger = user_with_role(TRAINEE, username="stranger")
    client.force_login(stranger)

    refused = Player(client, scenario).start()

    assert refused.status_code == 400
    assert "not enrolled" in refused.json()["message"]
    assert not ScenarioRun.objects.exists()


def test_a_trainee_who_withdrew_cannot_go_on_with_an_open_run(player, trainee, office, course):
    from courses.services import enrolment_withdraw

    run_id = player.start().json()["run"]["id"]
    enrolment = trainee.enrolments.get(course_id=course.pk)
    enrolment_withdraw(actor=office, enrolment=enrolment, reason="moved away")

    refused = player.choose(run_id, START, CONVENE)

    assert refused.status_code == 400
    assert "not enrolled" in refused.json()["message"]
    assert not ScenarioRunChoice.objects.exists()


def test_only_live_scenario_exercises_are_played(player, course, scenario):
    from tests.factories import LecturePageFactory

    lecture = LecturePageFactory(parent=course)
    scenario.unpublish()

    not_a_scenario = player.client.post(
        reverse("courses:scenario-run-start", args=[lecture.pk]), content_type="application/json"
    )
    unpublished = player.start()
    missing = player.client.post(
        reverse("courses:scenario-run-start", args=[987654]), content_type="application/json"
    )

    assert not_a_scenario.status_code == 400
    assert "not a scenario exercise" in not_a_scenario.json()["message"]
    assert unpublished.status_code == 404
    assert missing.status_code == 404
    assert not ScenarioRun.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, scenario):
    response = Player(client, scenario).start()

    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]
    assert not ScenarioRun.objects.exists()


def test_the_endpoints_take_only_posts_with_a_csrf_token(trainee, scenario):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee)
    url = reverse("courses:scenario-run-start", args=[scenario.pk])

    assert client.get(url).status_code == 405
    assert client.post(url, content_type="application/json").status_code == 403
    assert not ScenarioRun.objects.exists()


def test_the_json_never_carries_scores_next_keys_other_consequences_or_notes(player, scenario):
    # Given every answer of a run that takes one branch and starts again
    started = player.start()
    run_id = started.json()["run"]["id"]
    step = player.choose(run_id, START, CONVENE)
    resumed = player.start()
    ending = player.choose(run_id, MEETING, CALL_STREET)
    raw = b"".join(r.content for r in (started, step, resumed, ending))

    # Then no choice's score or destination is sent, and no untaken consequence
    assert b'"next' not in raw
    assert b'"score"' not in b"".join(r.content for r in (started, step, resumed))
    assert ending.content.count(b'"score"') == 1  # the run's total, at the ending only
    for untaken in ("投诉越来越多。", "又拖了一周。", "矛盾升级", "居民投诉到区里。"):
        for answer in (started, step, resumed, ending):
            assert untaken not in answer.content.decode()
            assert untaken.encode("unicode_escape") not in answer.content
    # And never the mentors' debriefing notes
    assert "讲评要点" not in raw.decode()
    assert "讲评要点".encode("unicode_escape") not in raw
    assert b"debrief" not in raw


def test_script_text_is_sent_as_plain_json_text(client, enrol, course):
    from tests.factories import ScenarioExercisePageFactory, simple_script

    payload = '<script>alert("x")</script>'
    script = simple_script()
    script[0]["value"]["title"] = payload
    script[0]["value"]["situation"] = payload + "<img src=x onerror=alert(1)>"
    script[0]["value"]["choices"][0]["label"] = payload
    scenario = ScenarioExercisePageFactory(parent=course, slug="xss", script=script)
    client.force_login(enrol(user_with_role(TRAINEE)))

    started = Player(client, scenario).start()

    assert started["Content-Type"] == "application/json"
    node = started.json()["node"]
    assert node["title"] == payload
    assert node["situation"] == payload + "<img src=x onerror=alert(1)>"
    assert node["choices"][0]["label"] == payload
