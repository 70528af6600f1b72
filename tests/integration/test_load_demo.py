"""``manage.py load_demo``: the whole demo studio, built once per test (these test the command)."""

import datetime
import zoneinfo
from contextlib import contextmanager
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from cms.models import (
    CoursePage,
    ExchangeSessionPage,
    LecturePage,
    ProgrammePage,
    ScenarioExercisePage,
    Speaker,
    StudioHomePage,
    StudyTourPage,
    StudyTourPhoto,
    Venue,
)
from courses.models import (
    Attempt,
    AttemptSlot,
    Attendance,
    Certificate,
    Cohort,
    CohortMembership,
    Enrolment,
    HoursEntry,
    Question,
    QuestionCategory,
    Quiz,
    QuizSlot,
    StageHoursTarget,
)
from courses.scenario_script import Ending, script_errors
from lms.people.models import Branch, Community, Compound, Street, User, Zone
from lms.people.roles import ROLES

pytestmark = pytest.mark.django_db

COUNTED = [
    Page,
    Revision,
    Speaker,
    Venue,
    StudyTourPhoto,
    get_image_model(),
    User,
    Group,
    Street,
    Zone,
    Community,
    Compound,
    Branch,
    Site,
    Cohort,
    CohortMembership,
    Enrolment,
    HoursEntry,
    StageHoursTarget,
    QuestionCategory,
    Question,
    Quiz,
    QuizSlot,
    Attempt,
    AttemptSlot,
]


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def state() -> dict:
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    pages = dict(Page.objects.values_list("url_path", "pk"))
    return {"counts": counts, "pages": pages}


def test_builds_the_demo_studio():
    load_demo()

    assert CoursePage.objects.live().count() >= 4
    assert LecturePage.objects.live().count() >= 8
    assert set(LecturePage.objects.values_list("mode", flat=True)) == {
        "online",
        "in_person",
        "hybrid",
    }
    assert ExchangeSessionPage.objects.live().count() >= 2
    assert ScenarioExercisePage.objects.live().count() >= 4
    tours = StudyTourPage.objects.live()
    assert {tour.destination for tour in tours} == {"浙江省杭州市", "深圳市龙岗区"}
    assert all(tour.photos.count() >= 2 for tour in tours)
    assert ProgrammePage.objects.live().count() == 1
    assert not Page.objects.filter(depth__gt=1, live=False).exists()
    assert not Page.objects.filter(depth__gt=1, has_unpublished_changes=True).exists()

    assert Zone.objects.count() >= 2
    assert Community.objects.count() >= 3
    assert Compound.objects.count() >= 6
    assert set(Branch.objects.values_list("formation", flat=True)) == {"alone", "joint", "merged"}
    assert Branch.objects.filter(formation="joint").first().compounds.count() == 2
    assert Branch.objects.filter(star_rating__isnull=False).exists()

    for role in ROLES:
        assert User.objects.filter(groups__name=role.group_name).exists(), role.code
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="trainee").check_password("studio-demo-2026")


def test_every_scenario_script_is_valid():
    load_demo()

    for scenario in ScenarioExercisePage.objects.all():
        nodes = scenario.script_nodes()
        assert script_errors(nodes) == [], scenario.title
        assert sum(isinstance(node, Ending) for node in nodes) >= 2, scenario.title
        assert scenario.debriefing_notes and scenario.reflection_prompt and len(scenario.roles)


def test_home_page_is_the_default_sites_root_and_serves(client):
    load_demo()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, StudioHomePage)
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    response = client.get("/")
    assert response.status_code == 200
    assert "优秀社区书记培养工作室" in response.content.decode()


def test_running_twice_leaves_the_same_state():
    load_demo()
    first = state()

    load_demo()

    assert state() == first  # same pages with the same ids, and no new revisions


def test_a_page_edited_since_is_brought_back_in_place():
    load_demo()
    lecture = LecturePage.objects.get(slug="six-powers")
    lecture.title = "改过的标题"
    lecture.save_revision().publish()

    load_demo()

    lecture.refresh_from_db()
    assert lecture.title == "小区党支部的六项权利"
    assert LecturePage.objects.filter(slug="six-powers").count() == 1


def test_creates_no_accounts_when_demo_accounts_are_not_allowed(settings):
    settings.DEMO_ACCOUNTS_ALLOWED = False

    output = load_demo()

    assert not User.objects.exists()
    assert "DEMO_ACCOUNTS_ALLOWED" in output
    assert LecturePage.objects.live().count() >= 8  # the curriculum is still loaded
    assert not Branch.objects.filter(secretary__isnull=False).exists()


def test_the_demo_cohort_is_enrolled_and_one_trainee_has_hours():
    load_demo()

    cohort = Cohort.objects.get()
    assert cohort.members.count() == 4
    assert Enrolment.objects.filter(cohort=cohort).count() == 4 * 4
    assert HoursEntry.objects.filter(trainee__username="trainee2").exists()
    assert CoursePage.objects.filter(allow_self_enrolment=True).count() == 2


# Mentoring ------------------------------------------------------------------------------------


def mentoring_counts() -> dict:
    from mentoring import models as m

    counted = [
        m.MentorProfile,
        m.HostProfile,
        m.MentorAssignment,
        m.CoachingSession,
        m.AgreedAction,
        m.Rotation,
        m.RotationJournalEntry,
        m.Rubric,
        m.RubricDimension,
        m.Evaluation,
        m.EvaluationScore,
        m.Criterion,
        m.SignOff,
        m.LivelihoodProject,
    ]
    return {model.__name__: model.objects.count() for model in counted}


def test_the_demo_has_mentoring_records():
    from mentoring.models import (
        AgreedAction,
        CoachingSession,
        Evaluation,
        MentorAssignment,
        Rotation,
        current_assignment_q,
    )
    from mentoring.selectors import actions_overdue_for

    load_demo()

    counts = mentoring_counts()
    assert counts["MentorProfile"] == 2 and counts["HostProfile"] == 1
    assert counts["CoachingSession"] >= 5 and counts["AgreedAction"] >= 5
    assert counts["RotationJournalEntry"] >= 5 and counts["RubricDimension"] >= 3
    assert counts["Criterion"] >= 5
    for username in ("trainee", "trainee2", "trainee3", "trainee4"):
        current = MentorAssignment.objects.filter(
            current_assignment_q(), trainee__username=username
        ).select_related("trainee", "mentor")
        assert {a.kind for a in current} == {"primary", "cross"}, username
        cross = current.get(kind="cross")
        assert cross.mentor.community_id != cross.trainee.community_id, username
    assert Rotation.objects.filter(status="completed").count() >= 2
    assert Rotation.objects.filter(status="scheduled").exists()  # one under way
    assert set(Evaluation.objects.values_list("kind", flat=True)) == {
        "mentor",
        "host",
        "self",
        "peer",
    }
    office = User.objects.get(username="officeadmin")
    assert actions_overdue_for(office).exists()
    assert AgreedAction.objects.filter(status="done").exists()
    assert CoachingSession.objects.exclude(private_notes="").exists()  # mentors' own notes


def test_one_demo_trainee_is_ready_for_promotion_and_another_is_not():
    from mentoring.selectors import readiness_for

    load_demo()

    ready = readiness_for(User.objects.get(username="trainee2"))
    not_ready = readiness_for(User.objects.get(username="trainee3"))
    assert ready.next_stage.code == "reserve_cadre"
    assert len(ready.results) >= 5
    assert ready.ready, [r.text for r in ready.unmet]
    assert not not_ready.ready
    assert len(not_ready.unmet) >= 3


def test_running_twice_leaves_the_same_mentoring_records():
    load_demo()
    first = mentoring_counts()

    load_demo()

    assert mentoring_counts() == first


def test_the_demo_has_an_imported_bank_a_timed_quiz_and_an_essay_waiting_for_marking():
    load_demo()

    types = {q.type_code for q in Question.objects.filter(is_current=True)}
    assert types == {
        "single",
        "multiple",
        "truefalse",
        "shortanswer",
        "numerical",
        "matching",
        "essay",
        "judgement",
        "ordering",
    }
    quiz = Quiz.objects.get()
    assert quiz.is_published and quiz.time_limit_minutes == 20
    assert quiz.activity.specific.requires_quiz()
    waiting = Attempt.objects.get(trainee__username="trainee3")
    assert waiting.state == Attempt.State.NEEDS_MARKING
    assert waiting.slots.filter(needs_marking=True, marked_at__isnull=True).count() == 1


# The README's first trainee journey, whatever the hour ---------------------------------------

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
PASSWORD = "studio-demo-2026"


def shanghai(day: str, time: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=SHANGHAI)


@contextmanager
def clock_at(moment: datetime.datetime):
    """Every ``timezone.now()`` (and so ``localdate()``) answers ``moment``."""
    with mock.patch("django.utils.timezone.now", return_value=moment.astimezone(datetime.UTC)):
        yield


def logged_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("people:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, username
    return client


# Just after midnight, before the old 07:30 opening, and just before midnight (the meeting then
# runs into the next day). Each hour is one demo load (about 2 s, the file's unit of cost); noon,
# 14:00 and 21:00 are loaded by the test after this one.
@pytest.mark.parametrize("time", ["00:10", "07:00", "23:50"])
def test_the_first_trainee_journey_works_at_any_hour(time, django_capture_on_commit_callbacks):
    # Given the demo loaded at this hour of a day it was not written for
    now = shanghai("2027-03-10", time)
    with clock_at(now):
        load_demo()

        # When the trainee opens the opening meeting and signs in with the code on the screen
        trainee = logged_in("trainee")
        meeting = ExchangeSessionPage.objects.get(slug="opening-meeting")
        assert trainee.get(meeting.url).status_code == 200
        screen = logged_in("officeadmin").get(
            reverse("courses:signin-screen-state", args=[meeting.pk])
        )
        state = screen.json()
        assert state["open"], state["message"]
        signed_in = trainee.post(
            reverse("courses:signin-code"),
            {"activity": meeting.pk, "code": state["code"]},
            follow=True,
        )
        assert signed_in.status_code == 200
        assert Attendance.objects.filter(
            trainee__username="trainee", activity_id=meeting.pk
        ).exists()

        # and studies the handbook lecture
        handbook = LecturePage.objects.get(slug="trainee-handbook")
        assert trainee.get(handbook.url).status_code == 200
        with django_capture_on_commit_callbacks(execute=True):  # the certificate is a task
            confirmed = trainee.post(reverse("courses:activity-confirm", args=[handbook.pk]))
        assert confirmed.status_code == 302

        # Then the certificate of the orientation course is there
        certificates = trainee.get(reverse("courses:certificate-list"))
        assert certificates.status_code == 200
        assert "开班第一课" in certificates.content.decode()
        assert Certificate.objects.filter(
            trainee__username="trainee", course__slug="orientation"
        ).exists()


def now_dependent_state(now: datetime.datetime) -> dict:
    """What must be true of the demo at ``now`` for its journeys to work."""
    from mentoring.models import AgreedAction, Rotation

    today = now.astimezone(SHANGHAI).date()
    meeting = ExchangeSessionPage.objects.get(slug="opening-meeting")
    window = meeting.signin_window_at(now)
    running = Rotation.objects.filter(
        status="scheduled", starts_on__lte=today, ends_on__gte=today, trainee__username="trainee3"
    ).first()
    open_actions = AgreedAction.objects.filter(status=AgreedAction.Status.OPEN)
    upcoming = [
        page
        for model in (LecturePage, ExchangeSessionPage)
        for page in model.objects.filter(starts_at__gt=now)
        if page.is_in_person
    ]
    return {
        "sign-in open for an hour": window is not None
        and window[2] - now >= datetime.timedelta(hours=1),
        "rotation running": running is not None,
        "host window open": running is not None and running.host_evaluation_opens_on <= today,
        "journal due": running is not None
        and not running.journal.filter(
            week_starts_on__gt=today - datetime.timedelta(days=7)
        ).exists(),
        "action due soon": open_actions.filter(
            due_on__gte=today, due_on__lte=today + datetime.timedelta(days=14)
        ).exists(),
        "action overdue": open_actions.filter(due_on__lt=today).exists(),
        "quiz open": all(quiz.is_open(now) for quiz in Quiz.objects.all()),
        "in-person sessions ahead": len(upcoming) >= 3,
    }


def test_loading_again_later_moves_what_must_be_now_and_nothing_while_it_still_works():
    first = shanghai("2027-03-10", "12:00")
    with clock_at(first):
        load_demo()
        assert all(now_dependent_state(first).values()), now_dependent_state(first)
        placed = state()

    with clock_at(first + datetime.timedelta(hours=2)):
        load_demo()
    assert state() == placed  # still works two hours on: nothing moved, no new revision

    later = first + datetime.timedelta(days=75, hours=9)
    with clock_at(later):
        assert not all(now_dependent_state(later).values())
        load_demo()
        assert all(now_dependent_state(later).values()), now_dependent_state(later)
