"""Mentors compare their trainees' runs side by side with the debriefing notes; the office
compares everyone's; nobody else gets in. The page's queries do not grow with the runs."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from courses.services import (
    scenario_run_choose,
    scenario_run_start,
    submission_save,
    submission_submit,
)
from lms.people.roles import TRAINEE
from tests.factories import (
    LecturePageFactory,
    ScenarioExercisePageFactory,
    simple_script,
    user_with_role,
)
from tests.integration.mentoring import factories as f

from .conftest import ADJOURN, CALL_STREET, CONVENE, LEAVE_IT, MEETING, START

pytestmark = pytest.mark.django_db

# Pinned: a change is a review topic. For a mentor: the session and the user (2); the viewer's
# roles (1); the exercise (2: the page, its specific row); who the mentor mentors now (1); the
# trainees enrolled in the course (1); the runs and their choices (2); the reflections (1); the
# user's and the groups' model permissions (2). The engine's review rule reads no more: the
# office's grant in it looks at the roles already read. The office skips the mentoring scope,
# and the page's header asks instead for its admin permissions (2) and Wagtail profile (2).
QUERIES = {"mentor": 12, "office": 13}


def play(trainee, scenario, *choices):
    run = scenario_run_start(trainee=trainee, activity=scenario).run
    for step, choice in choices:
        run = scenario_run_choose(
            trainee=trainee, run_id=run.pk, step_key=step, choice_index=choice
        ).run
    return run


def mentees(mentor, scenario, enrol, n, *, start=0, reflect=True):
    """``n`` trainees of ``mentor``, each with a short run, a best run, and (if ``reflect``)
    a reflection sent for review."""
    people = []
    for i in range(start, start + n):
        trainee = enrol(f.trainee(username=f"mentee{i}", display_name=f"学员{i:02d}"))
        f.assignment(trainee, mentor)
        play(trainee, scenario, (START, LEAVE_IT))
        play(trainee, scenario, (START, CONVENE), (MEETING, CALL_STREET))
        if reflect:
            submission_save(actor=trainee, activity=scenario, body="<p>我学到了沟通。</p>")
            submission = trainee.submissions.get()
            submission_submit(actor=trainee, submission=submission)
        people.append(trainee)
    return people


@pytest.fixture
def mentor(db):
    return f.mentor(display_name="李导师")


@pytest.fixture
def url(scenario):
    return reverse("mentoring:scenario-runs", args=[scenario.pk])


def _html(response):
    return BeautifulSoup(response.content, "html.parser")


def _columns(response) -> dict[str, str]:
    return {
        column.h3.get_text(strip=True): column.get_text(" ", strip=True)
        for column in _html(response).select(".runs-column")
    }


def test_a_mentor_sees_their_trainees_runs_beside_the_debriefing_notes(
    client, mentor, scenario, enrol, url
):
    # Given two trainees of the mentor and one of another mentor
    mine = mentees(mentor, scenario, enrol, 2)
    someone_else = f.mentor(username="other-mentor")
    mentees(someone_else, scenario, enrol, 1, start=10)
    client.force_login(mentor)

    # When the mentor opens the scenario's runs
    response = client.get(url)

    # Then one column per own trainee, each run's path, ending and score, the counted run
    assert response.status_code == 200
    columns = _columns(response)
    assert list(columns) == [str(trainee) for trainee in mine]
    column = columns[str(mine[0])]
    assert "Run 1" in column and "矛盾升级 · score -2 of 6" in column
    assert "Run 2" in column and "路灯亮了 · score 6 of 6" in column
    assert (
        "召集三方协调会" in column
        and "请街道职能部门到场" in column
        and "物业和施工方到场。" in column
    )
    counted = _html(response).select(f"#trainee-{mine[0].pk} .run-card--counted h4")
    assert [h.get_text(" ", strip=True) for h in counted] == ["Run 2 counts"]
    assert "Reflection: Submitted" in column
    submission = mine[0].submissions.get()
    assert reverse("courses:submission-review", args=[submission.pk]) in response.content.decode()
    # And the debriefing notes beside them
    assert "讲评要点:先稳住居民情绪" in _html(response).select_one(".runs-notes").get_text()


def test_the_office_sees_every_trainee_and_those_who_have_not_played(
    client, office, mentor, scenario, enrol, url
):
    mentees(mentor, scenario, enrol, 2)
    idle = enrol(f.trainee(username="idle", display_name="学员99"))
    client.force_login(office)

    columns = _columns(client.get(url))

    assert len(columns) == 3
    assert "Not played yet." in columns[str(idle)]
    assert "Reflection: not submitted yet" in columns[str(idle)]


def test_drafts_stay_private(client, mentor, scenario, enrol, url):
    (trainee,) = mentees(mentor, scenario, enrol, 1, reflect=False)
    submission_save(actor=trainee, activity=scenario, body="<p>还在写</p>")
    client.force_login(mentor)

    columns = _columns(client.get(url))

    assert "Reflection: not submitted yet" in columns[str(trainee)]


@pytest.mark.parametrize("who", ["trainee", "host"])
def test_trainees_and_hosts_are_refused(client, mentor, scenario, enrol, url, who):
    (trainee,) = mentees(mentor, scenario, enrol, 1)
    client.force_login(trainee if who == "trainee" else f.host())

    assert client.get(url).status_code == 403
    assert client.get(reverse("mentoring:scenario-exercises")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]


def test_only_scenario_exercises_have_runs_pages(client, mentor, course):
    lecture = LecturePageFactory(parent=course)
    client.force_login(mentor)

    assert client.get(reverse("mentoring:scenario-runs", args=[lecture.pk])).status_code == 404
    assert client.get(reverse("mentoring:scenario-runs", args=[987654])).status_code == 404


def test_a_mentor_without_trainees_sees_an_empty_page(client, mentor, scenario, enrol, url):
    mentees(f.mentor(username="busy"), scenario, enrol, 1)
    client.force_login(mentor)

    response = client.get(url)

    assert response.status_code == 200
    assert _columns(response) == {}
    assert "None of your trainees" in response.content.decode()


def test_the_list_shows_the_scenarios_the_trainees_played(client, mentor, scenario, enrol):
    mentees(mentor, scenario, enrol, 2)
    client.force_login(mentor)

    response = client.get(reverse("mentoring:scenario-exercises"))

    html = _html(response)
    links = [a["href"] for a in html.select(".card-list a")]
    assert links == [reverse("mentoring:scenario-runs", args=[scenario.pk])]
    assert "2 trainees, 4 runs" in html.get_text(" ", strip=True)


def test_the_desk_links_to_the_scenario_runs(client, mentor):
    client.force_login(mentor)

    response = client.get(reverse("mentoring:desk"))

    assert reverse("mentoring:scenario-exercises") in response.content.decode()


@pytest.mark.parametrize("viewer", ["mentor", "office"])
def test_the_page_runs_a_fixed_number_of_queries(
    client, mentor, office, scenario, enrol, url, viewer, django_assert_num_queries
):
    def queries_for(n, start):
        mentees(mentor, scenario, enrol, n, start=start)
        client.force_login(mentor if viewer == "mentor" else office)
        client.get(url)  # warm up: site root paths, content types
        with django_assert_num_queries(QUERIES[viewer]) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), len(_columns(response))

    few = queries_for(2, 0)
    many = queries_for(4, 2)

    assert few[0] == many[0]
    assert (few[1], many[1]) == (2, 6)


def test_script_text_is_escaped_on_the_mentor_page(client, mentor, enrol, course):
    payload = '<script>alert("x")</script>'
    script = simple_script()
    script[0]["value"]["title"] = payload
    script[0]["value"]["choices"][0]["label"] = payload
    script[0]["value"]["choices"][0]["consequence"] = payload + "<img src=x onerror=alert(1)>"
    scenario = ScenarioExercisePageFactory(parent=course, slug="xss", script=script)
    trainee = enrol(user_with_role(TRAINEE, display_name=payload))
    f.assignment(trainee, mentor)
    play(trainee, scenario, (START, CONVENE), (MEETING, ADJOURN))
    client.force_login(mentor)

    response = client.get(reverse("mentoring:scenario-runs", args=[scenario.pk]))

    raw = response.content.decode()
    assert "<script>alert" not in raw
    assert "<img src=x" not in raw
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in raw
    column = _html(response).select_one(".runs-column")
    assert column.select_one(".run-path__step").get_text() == payload
