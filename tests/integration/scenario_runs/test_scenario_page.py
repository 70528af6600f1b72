"""The scenario page: no script in it, the player's address for enrolled trainees, their runs."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from lms.people.roles import MENTOR, TRAINEE
from tests.factories import user_with_role

from .conftest import CALL_STREET, CONVENE, LEAVE_IT, MEETING, START

pytestmark = pytest.mark.django_db

SCRIPT_ONLY_TEXTS = ("物业和施工方到场。", "投诉越来越多。", "施工开挖后", "路灯亮了", "矛盾升级")


def _html(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_page_carries_none_of_the_script(client, trainee, scenario):
    client.force_login(trainee)

    response = client.get(scenario.url)

    html = _html(response)
    player = html.find(id="scenario-player")
    assert player["data-start-url"] == reverse("courses:scenario-run-start", args=[scenario.pk])
    assert player.find("noscript")
    assert player.find(attrs={"aria-live": "polite"}) is not None
    assert html.find(id="scenario-script") is None
    text = response.content.decode()
    for script_text in SCRIPT_ONLY_TEXTS:
        assert script_text not in text
    sources = [script.get("src", "") for script in html.find_all("script")]
    assert any(src.endswith("cms/js/scenario-player.js") for src in sources)


@pytest.mark.parametrize("who", ["anonymous", "not enrolled", "mentor"])
def test_visitors_who_are_not_enrolled_get_no_player(client, scenario, who):
    if who != "anonymous":
        client.force_login(user_with_role(MENTOR if who == "mentor" else TRAINEE))

    response = client.get(scenario.url)

    html = _html(response)
    assert html.find(id="scenario-player") is None
    assert not any(
        script.get("src", "").endswith("scenario-player.js") for script in html.find_all("script")
    )
    assert "路灯不亮" not in response.content.decode()


def test_the_trainee_sees_their_past_runs_and_the_replay_policy(client, player, scenario):
    player.play((START, LEAVE_IT))
    player.play((START, CONVENE), (MEETING, CALL_STREET))

    response = player.client.get(scenario.url)

    html = _html(response)
    runs = html.select(".scenario-run")
    assert len(runs) == 2
    newest, oldest = (run.get_text(" ", strip=True) for run in runs)
    assert "Run 2" in newest and "路灯亮了" in newest and "Score 6 out of 6" in newest
    assert "This run counts" in newest and "This run counts" not in oldest
    assert "请街道职能部门到场" in newest  # the trainee's own path
    assert "Run 1" in oldest and "矛盾升级" in oldest and "Score -2 out of 6" in oldest
    assert "You may play this scenario again" in response.content.decode()
    assert "data-played" in str(html.find(id="scenario-player"))


def test_a_trainee_with_an_open_run_resumes_it(client, player, scenario):
    player.play((START, CONVENE))

    html = _html(player.client.get(scenario.url))

    assert html.find(id="scenario-player").has_attr("data-resume")


def test_when_replays_are_forbidden_a_finished_trainee_gets_their_run_and_no_player(
    player, scenario
):
    scenario.replay_allowed = False
    scenario.save_revision().publish()
    player.play((START, LEAVE_IT))

    response = player.client.get(scenario.url)

    html = _html(response)
    assert html.find(id="scenario-player") is None
    assert "may be played only once" in response.content.decode()
    assert len(html.select(".scenario-run")) == 1
    # The reflection is still to be written from the page.
    assert reverse("courses:submission-start", args=[scenario.pk]) in response.content.decode()


def test_mentors_reading_the_notes_get_a_link_to_their_trainees_runs(client, scenario):
    client.force_login(user_with_role(MENTOR))

    response = client.get(scenario.url)

    assert reverse("mentoring:scenario-runs", args=[scenario.pk]) in response.content.decode()
