"""The mentor's desk over HTTP: each current trainee's courses, hours, readiness and coaching,
the work waiting for marking, overdue and coming actions, past trainees apart; in a fixed
number of queries whether the mentor has 3 trainees or 60."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Submission
from courses.services import (
    activity_confirm,
    enrolment_create,
    hours_credit_manual,
    submission_save,
    submission_submit,
)
from mentoring.models import CoursesCompletedCriterion, LearningHoursCriterion
from mentoring.services import coaching_session_log
from tests.factories import LecturePageFactory, StudyTourPageFactory

from . import factories as f

pytestmark = pytest.mark.django_db
DESK = reverse("mentoring:desk")
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)

# Pinned: a change is a review topic. The session and the user (2); the viewer's roles, read
# once for the view, the header's link and the review rule (1); assignments (1); courses (6:
# enrolments, course pages, their children, one per activity page type (2), completions);
# readiness (8: stages, the trainees' stages, criteria and their two subtypes, the hours and
# completed-courses evidence, the courses criterion's titles); hours (3: earned, own targets,
# stage targets); coaching figures (1); open actions (1); work to mark (4: the mentoring
# review scope, the queue, the user's and their groups' model permissions (2)).
DESK_QUERIES = 27


@pytest.fixture
def studio(office, course, east):
    lecture = LecturePageFactory(parent=course, title="党建引领基层治理", learning_hours="2.0")
    tour = StudyTourPageFactory(parent=course, title="杭州参观学习")
    reserve = f.stage("reserve_cadre")
    LearningHoursCriterion.objects.create(to_stage=reserve, hours=Decimal("10"), sort_order=1)
    courses_done = CoursesCompletedCriterion.objects.create(to_stage=reserve, sort_order=2)
    courses_done.courses.add(course)
    mentor = f.mentor(east, display_name="李导师")
    return SimpleNamespace(
        office=office, course=course, lecture=lecture, tour=tour, mentor=mentor, east=east
    )


def add_trainees(studio, n, start=0):
    """Trainees of the mentor, each enrolled, part-way through, with hours, a session whose
    actions are one overdue and one due next week, and a report waiting for marking."""
    trainees = []
    for i in range(start, start + n):
        trainee = f.trainee(studio.east, display_name=f"学员{i:03d}")
        f.assignment(trainee, studio.mentor)
        enrolment_create(actor=studio.office, trainee=trainee, course=studio.course)
        activity_confirm(trainee=trainee, activity=studio.lecture)
        hours_credit_manual(actor=studio.office, trainee=trainee, hours="3", reason="补录")
        coaching_session_log(
            actor=studio.mentor,
            trainee=trainee,
            held_on=TODAY - 3 * DAY,
            duration_minutes=60,
            mode="phone",
            topics="议事协商",
            summary="讨论了议事会。",
            private_notes="需多练习。",
            actions=[
                {"owner": "trainee", "description": f"议事会{i:03d}", "due_on": TODAY - DAY},
                {"owner": "mentor", "description": f"推荐材料{i:03d}", "due_on": TODAY + 7 * DAY},
            ],
        )
        work = submission_save(actor=trainee, activity=studio.tour, body="<p>学习体会</p>")
        submission_submit(actor=trainee, submission=work)
        trainees.append(trainee)
    return trainees


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def cards(html):
    return html.select("#trainees .mentee")


def desk_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DESK)
    assert response.status_code == 200
    return len(queries), parse(response)


def test_the_desk_costs_the_same_queries_for_3_and_60_trainees(client, studio):
    add_trainees(studio, 3)
    client.force_login(studio.mentor)
    client.get(DESK)  # the session, content types and the site root warm up

    few, html = desk_queries(client)
    assert len(cards(html)) == 3 and len(html.select("#marking .card")) == 3

    add_trainees(studio, 57, start=3)
    many, html = desk_queries(client)
    assert len(cards(html)) == 60 and len(html.select("#marking .card")) == 60
    assert len(html.select("#overdue .action")) == 60

    assert few == many == DESK_QUERIES


def test_each_trainee_shows_courses_hours_readiness_and_coaching(client, studio):
    first, *_others = add_trainees(studio, 3)
    hours_credit_manual(actor=studio.office, trainee=first, hours="6", reason="集中学习")
    client.force_login(studio.mentor)

    html = parse(client.get(DESK))

    assert len(html.find_all("h1")) == 1 and html.h1.get_text(strip=True) == "Mentor desk"
    card = html.find(id=f"trainee-{first.pk}")
    text = " ".join(card.get_text(" ").split())
    assert "学员000" in text and "Primary mentor" in text
    assert "Courses: 1 of 2 required activities; 0 of 1 courses completed" in text
    assert f"Hours in {TODAY.year}: 11 of 40" in text
    assert "1 of 2 criteria met for 后备干部" in text
    last = (TODAY - 3 * DAY).isoformat()
    assert f"1 session, last on {last}" in text
    assert "1 overdue" in text
    log = reverse("mentoring:coaching-trainee", args=[first.pk])
    assert card.find("a", href=log)
    for progress in html.find_all("progress"):
        assert html.find("label", attrs={"for": progress["id"]}), progress


def test_work_waiting_for_marking_links_to_the_review(client, studio):
    add_trainees(studio, 2)
    client.force_login(studio.mentor)

    html = parse(client.get(DESK))

    links = [a["href"] for a in html.select("#marking .card a")]
    assert sorted(links) == sorted(
        reverse("courses:submission-review", args=[pk])
        for pk in Submission.objects.values_list("pk", flat=True)
    )


def test_overdue_and_coming_actions_are_listed_apart(client, studio):
    add_trainees(studio, 2)
    client.force_login(studio.mentor)

    html = parse(client.get(DESK))

    overdue = html.select_one("#overdue").get_text()
    coming = html.select_one("#due").get_text()
    assert "议事会000" in overdue and "议事会001" in overdue and "推荐材料000" not in overdue
    assert "推荐材料000" in coming and "议事会000" not in coming
    assert all("action--overdue" in li["class"] for li in html.select("#overdue .action"))


def test_past_trainees_are_listed_apart_and_read_only(client, studio, west):
    current = add_trainees(studio, 1)[0]
    past = f.trainee(studio.east, display_name="往届学员")
    f.assignment(past, studio.mentor, starts_on=TODAY - 200 * DAY, ends_on=TODAY - 10 * DAY)
    someone_elses = f.trainee(west, display_name="别人的学员")
    f.assignment(someone_elses, f.mentor(west))
    client.force_login(studio.mentor)

    html = parse(client.get(DESK))

    assert [c.find("h3").get_text(strip=True) for c in cards(html)] == [current.display_name]
    past_section = html.select_one("#past")
    assert "往届学员" in past_section.get_text() and "read-only" in past_section.get_text()
    assert past_section.find("a", href=reverse("mentoring:coaching-trainee", args=[past.pk]))
    assert "别人的学员" not in html.get_text()


@pytest.mark.parametrize("who", ["trainee", "host"])
def test_non_mentors_are_refused(client, studio, west, who):
    visitor = f.trainee(west) if who == "trainee" else f.host(west)
    client.force_login(visitor)

    assert client.get(DESK).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(DESK)

    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]


def test_the_office_chooses_a_mentor_and_reads_their_desk(client, studio):
    add_trainees(studio, 2)
    client.force_login(studio.office)

    choice = parse(client.get(DESK))
    desk = parse(client.get(DESK, {"mentor": studio.mentor.pk}))

    assert choice.find("a", href=f"{DESK}?mentor={studio.mentor.pk}")
    assert desk.h1.get_text(strip=True) == "Mentor desk of 李导师"
    assert len(cards(desk)) == 2
    assert client.get(DESK, {"mentor": "abc"}).status_code == 404
    trainee = cards(desk)[0]["id"].removeprefix("trainee-")
    assert client.get(DESK, {"mentor": trainee}).status_code == 404


def test_a_mentor_cannot_open_another_mentors_desk(client, studio, west):
    add_trainees(studio, 1)
    other = f.mentor(west)
    client.force_login(other)

    html = parse(client.get(DESK, {"mentor": studio.mentor.pk}))

    assert html.h1.get_text(strip=True) == "Mentor desk"
    assert not cards(html)


@pytest.mark.parametrize(("who", "shown"), [("mentor", True), ("office", True), ("trainee", False)])
def test_the_header_links_to_the_desk_for_mentors_and_the_office(client, studio, who, shown):
    visitor = {"mentor": studio.mentor, "office": studio.office}.get(who) or f.trainee()
    client.force_login(visitor)

    html = parse(client.get(reverse("courses:certificate-list")))  # a page every role opens

    assert bool(html.select_one(f'.site-nav a[href="{DESK}"]')) is shown
