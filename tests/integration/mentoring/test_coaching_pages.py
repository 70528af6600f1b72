"""The coaching log over HTTP: the mentor's page for a trainee, the trainee's own page, and the
small forms acting on sessions and actions. Who may see and do what is decided by selectors and
services; these tests check the pages apply it and never show what they must not."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from mentoring.models import AgreedAction, CoachingSession
from mentoring.services import coaching_session_log

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)
NOTES = "表达偏弱,需多练习。"
SUMMARY = "讨论了小区议事会的组织方法。"
MY_PAGE = reverse("mentoring:my-mentoring")


def log_url(trainee):
    return reverse("mentoring:coaching-trainee", args=[trainee.pk])


def status_url(action):
    return reverse("mentoring:coaching-action-status", args=[action.pk])


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def main(response):
    return parse(response).find("main")


def posting_forms(response, *names):
    """Forms in the page's main content posting to one of these URL names' paths."""
    patterns = [
        re.escape(reverse(f"mentoring:{name}", args=[0])).replace("/0/", r"/\d+/") for name in names
    ]
    return [
        form
        for form in main(response).find_all("form")
        if any(re.fullmatch(pattern, form.get("action", "")) for pattern in patterns)
    ]


def log(mentor, trainee, **kwargs):
    values = {
        "held_on": TODAY - DAY,
        "duration_minutes": 60,
        "mode": CoachingSession.Mode.IN_PERSON,
        "topics": "议事协商",
        "summary": SUMMARY,
        "private_notes": NOTES,
        "actions": [
            {"owner": "trainee", "description": "组织一次议事会", "due_on": TODAY - 2 * DAY},
            {"owner": "mentor", "description": "推荐参考材料", "due_on": TODAY + 7 * DAY},
        ],
    }
    values.update(kwargs)
    return coaching_session_log(actor=mentor, trainee=trainee, **values)


@pytest.fixture
def pair(east):
    trainee, mentor = f.trainee(east, display_name="王学员"), f.mentor(east, display_name="李导师")
    f.assignment(trainee, mentor)
    return trainee, mentor


@pytest.fixture
def session(pair):
    trainee, mentor = pair
    return log(mentor, trainee)


def session_form(**changes):
    data = {
        "held_on": (TODAY - DAY).isoformat(),
        "duration_minutes": "45",
        "mode": "video",
        "topics": "小区党支部换届",
        "summary": "梳理了换届流程。",
        "private_notes": "准备不足。",
        "actions-TOTAL_FORMS": "3",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "10",
        "actions-0-description": "起草换届工作方案",
        "actions-0-owner": "trainee",
        "actions-0-due_on": (TODAY + 5 * DAY).isoformat(),
        "actions-1-description": "联系街道组织办",
        "actions-1-owner": "mentor",
        "actions-1-due_on": (TODAY + 3 * DAY).isoformat(),
        "actions-2-owner": "trainee",
    }
    data.update(changes)
    return data


# The mentor's log ---------------------------------------------------------------------------


def test_the_mentor_reads_sessions_with_private_notes_actions_and_forms(client, pair, session):
    trainee, mentor = pair
    client.force_login(mentor)

    response = client.get(log_url(trainee))

    assert response.status_code == 200
    html = parse(response)
    assert len(html.find_all("h1")) == 1 and html.h1.get_text(strip=True) == "王学员"
    text = html.get_text()
    assert SUMMARY in text and NOTES in text
    assert "组织一次议事会" in text and "推荐参考材料" in text
    assert posting_forms(response, "coaching-trainee", "coaching-action-add")
    assert posting_forms(response, "coaching-action-status")


def test_the_mentor_logs_a_session_with_actions(client, pair):
    trainee, mentor = pair
    client.force_login(mentor)

    response = client.post(log_url(trainee), session_form(), follow=True)

    session = CoachingSession.objects.get()
    assert (session.mentor, session.trainee, session.mode) == (mentor, trainee, "video")
    assert session.private_notes == "准备不足。"
    assert sorted(session.actions.values_list("owner", "description")) == [
        ("mentor", "联系街道组织办"),
        ("trainee", "起草换届工作方案"),
    ]
    assert response.redirect_chain[-1][0].endswith(f"#session-{session.pk}")
    assert "is in the log" in response.text


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"held_on": (TODAY + DAY).isoformat()}, "cannot be logged before it is held"),
        ({"held_on": "昨天"}, "Enter a valid date"),
        ({"summary": "  "}, "This field is required"),
        ({"duration_minutes": "0"}, "greater than or equal to 1"),
        ({"duration_minutes": "601"}, "less than or equal to 600"),
        ({"mode": "letter"}, "Select a valid choice"),
        ({"actions-2-description": "只写了一半"}, "This field is required"),
        ({"actions-0-due_on": ""}, "This field is required"),
        ({"actions-TOTAL_FORMS": "50"}, "Please submit at most 10 forms"),
    ],
)
def test_bad_input_saves_nothing_and_says_why(client, pair, changes, problem):
    trainee, mentor = pair
    client.force_login(mentor)

    response = client.post(log_url(trainee), session_form(**changes))

    assert response.status_code == 400
    assert "Nothing was saved" in response.text
    assert problem in response.text
    assert not CoachingSession.objects.exists() and not AgreedAction.objects.exists()
    assert len(parse(response).find_all("h1")) == 1


def test_a_broken_management_form_is_a_message_not_a_500(client, pair):
    trainee, mentor = pair
    client.force_login(mentor)
    data = {k: v for k, v in session_form().items() if not k.startswith("actions-")}

    response = client.post(log_url(trainee), data)

    assert response.status_code == 400
    assert not CoachingSession.objects.exists()


def test_every_control_of_the_log_has_a_label(client, pair, session):
    trainee, mentor = pair
    client.force_login(mentor)

    html = main(client.get(log_url(trainee)))

    controls = html.find_all(["input", "select", "textarea"])
    visible = [c for c in controls if c.get("type") != "hidden"]
    assert visible
    for control in visible:
        assert html.find("label", attrs={"for": control["id"]}), control


def test_the_mentor_changes_an_actions_status(client, pair, session):
    trainee, mentor = pair
    action = session.actions.get(owner="mentor")
    client.force_login(mentor)

    response = client.post(status_url(action), {"status": "dropped"}, follow=True)

    action.refresh_from_db()
    assert action.status == "dropped" and action.closed_by == mentor
    assert response.redirect_chain[-1][0] == f"{log_url(trainee)}#action-{action.pk}"
    assert "is dropped" in response.text


def test_an_unknown_status_is_a_message(client, pair, session):
    _trainee, mentor = pair
    action = session.actions.get(owner="mentor")
    client.force_login(mentor)

    response = client.post(status_url(action), {"status": "burnt"}, follow=True)

    action.refresh_from_db()
    assert action.status == "open"
    assert "Choose the action" in response.text


def test_the_mentor_adds_an_action_afterwards(client, pair, session):
    _trainee, mentor = pair
    client.force_login(mentor)
    url = reverse("mentoring:coaching-action-add", args=[session.pk])
    prefix = f"add{session.pk}"

    client.post(
        url,
        {
            f"{prefix}-description": "走访三个小区",
            f"{prefix}-owner": "trainee",
            f"{prefix}-due_on": (TODAY + 9 * DAY).isoformat(),
        },
    )
    response = client.post(url, {f"{prefix}-description": "缺日期"}, follow=True)

    assert session.actions.filter(description="走访三个小区").exists()
    assert not session.actions.filter(description="缺日期").exists()
    assert "The action was not added" in response.text


def test_another_mentors_trainee_is_not_found(client, pair, session, east, west):
    trainee, _mentor = pair
    stranger = f.mentor(west)
    f.assignment(f.trainee(west), stranger)
    client.force_login(stranger)
    action = session.actions.first()

    assert client.get(log_url(trainee)).status_code == 404
    assert client.post(log_url(trainee), session_form()).status_code == 404
    assert client.post(status_url(action), {"status": "done"}).status_code == 404
    add = reverse("mentoring:coaching-action-add", args=[session.pk])
    assert client.post(add, {}).status_code == 404
    assert CoachingSession.objects.count() == 1
    assert not AgreedAction.objects.exclude(status="open").exists()


def test_a_past_trainees_log_is_read_only(client, east, session, pair):
    trainee, mentor = pair
    assignment = trainee.mentor_assignments.get()
    assignment.ends_on = TODAY - DAY
    assignment.save()
    action = session.actions.first()
    client.force_login(mentor)

    response = client.get(log_url(trainee))

    assert response.status_code == 200
    assert "read-only" in response.text
    assert NOTES in response.text  # the mentor still reads their own notes
    assert not posting_forms(
        response, "coaching-trainee", "coaching-action-add", "coaching-action-status"
    )
    assert client.post(log_url(trainee), session_form()).status_code == 403
    assert client.post(status_url(action), {"status": "done"}).status_code == 403
    add = reverse("mentoring:coaching-action-add", args=[session.pk])
    prefix = f"add{session.pk}"
    data = {
        f"{prefix}-description": "x",
        f"{prefix}-owner": "trainee",
        f"{prefix}-due_on": TODAY.isoformat(),
    }
    assert client.post(add, data).status_code == 403
    assert CoachingSession.objects.count() == 1 and AgreedAction.objects.count() == 2
    assert not AgreedAction.objects.exclude(status="open").exists()


@pytest.mark.parametrize("who", ["host", "trainee", "fellow", "anonymous"])
def test_nobody_else_opens_the_log(client, pair, session, west, who):
    trainee, _mentor = pair
    fellow = f.trainee(west)
    visitor = {"host": f.host(west), "trainee": trainee, "fellow": fellow, "anonymous": None}[who]
    if visitor is not None:
        client.force_login(visitor)

    response = client.get(log_url(trainee))

    assert response.status_code == (302 if who == "anonymous" else 404)
    assert NOTES not in response.text


def test_a_cross_mentor_does_not_read_the_other_mentors_notes(client, pair, session, west):
    trainee, _mentor = pair
    cross = f.mentor(west)
    f.assignment(trainee, cross, kind="cross")
    client.force_login(cross)

    response = client.get(log_url(trainee))

    assert response.status_code == 200
    assert SUMMARY in response.text and NOTES not in response.text


def test_the_office_reads_notes_and_logs_for_a_named_mentor(client, pair, session, office):
    trainee, mentor = pair
    client.force_login(office)

    page = client.get(log_url(trainee))
    response = client.post(log_url(trainee), session_form(mentor=str(mentor.pk)))

    assert NOTES in page.text
    assert parse(page).find("select", attrs={"name": "mentor"})
    assert response.status_code == 302
    assert CoachingSession.objects.filter(mentor=mentor, topics="小区党支部换届").exists()


# The trainee's page --------------------------------------------------------------------------


def test_the_trainee_sees_summaries_never_private_notes(client, pair, session):
    trainee, _mentor = pair
    client.force_login(trainee)

    response = client.get(MY_PAGE)

    assert response.status_code == 200
    html = parse(response)
    assert len(html.find_all("h1")) == 1
    assert SUMMARY in response.text and "李导师" in response.text
    assert NOTES not in response.text


def test_the_trainee_acknowledges_and_reflects(client, pair, session):
    trainee, mentor = pair
    client.force_login(trainee)
    url = reverse("mentoring:coaching-acknowledge", args=[session.pk])

    response = client.post(url, {f"ack{session.pk}-reflection": "会后组织了议事会。"}, follow=True)

    session.refresh_from_db()
    assert session.acknowledged_at is not None and session.reflection == "会后组织了议事会。"
    assert response.redirect_chain[-1][0] == f"{MY_PAGE}#session-{session.pk}"
    assert "the session is acknowledged" in response.text
    assert "Update my reflection" in response.text
    client.force_login(mentor)
    assert "会后组织了议事会。" in client.get(log_url(trainee)).text


def test_only_the_trainee_acknowledges(client, pair, session, east):
    _trainee, mentor = pair
    url = reverse("mentoring:coaching-acknowledge", args=[session.pk])

    client.force_login(mentor)
    assert client.post(url, {}).status_code == 403
    client.force_login(f.trainee(east))
    assert client.post(url, {}).status_code == 404
    session.refresh_from_db()
    assert session.acknowledged_at is None


def test_the_trainee_marks_their_own_action_done_but_not_the_mentors(client, pair, session):
    trainee, _mentor = pair
    own = session.actions.get(owner="trainee")
    mentors = session.actions.get(owner="mentor")
    client.force_login(trainee)

    page = client.get(MY_PAGE)
    done = client.post(status_url(own), {"status": "done"}, follow=True)
    refused = client.post(status_url(mentors), {"status": "done"})

    assert [f["action"] for f in posting_forms(page, "coaching-action-status")] == [status_url(own)]
    own.refresh_from_db()
    mentors.refresh_from_db()
    assert own.status == "done" and mentors.status == "open"
    assert done.redirect_chain[-1][0] == f"{MY_PAGE}#action-{own.pk}"
    assert refused.status_code == 403


def test_overdue_actions_are_flagged_on_both_sides(client, pair, session):
    trainee, mentor = pair
    overdue = session.actions.get(owner="trainee")

    client.force_login(trainee)
    mine = parse(client.get(MY_PAGE))
    client.force_login(mentor)
    theirs = parse(client.get(log_url(trainee)))
    desk = parse(client.get(reverse("mentoring:desk")))

    for html in (mine, theirs, desk):
        item = html.find(id=f"action-{overdue.pk}")
        assert item is not None and "action--overdue" in item["class"]
        assert "Overdue" in item.get_text()
    assert "1 agreed action is overdue" in mine.get_text()
    assert "1 agreed action is overdue" in theirs.get_text()


def test_my_learning_links_to_my_mentoring(client, pair):
    trainee, _mentor = pair
    client.force_login(trainee)

    html = parse(client.get(reverse("cms:my-learning")))

    assert html.find("a", href=MY_PAGE)
