"""Role × record × route for mentoring: every role reaches only what the issue allows.

Mentors see the trainees they mentor, hosts their rotations' trainees and only rotation
records, trainees themselves, the office administrator everything. The office's editors and
reviewers hold no mentoring permission (README, "Roles and permissions"): they reach none of
it, promotion cases, readiness board and dossiers included. Pages, downloads and admin routes alike
answer 404 (or 403 / a redirect to log in) where access is not allowed.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lms.people.roles import OFFICE_EDITOR, OFFICE_REVIEWER
from mentoring.models import CoachingSession, Dossier, MentorProfile, PromotionCase
from mentoring.services import (
    coaching_session_log,
    dossier_request,
    mentor_profile_set,
    promotion_decide,
    promotion_nominate,
    promotion_review_record,
)
from tests.factories import user_with_role

from . import factories as f

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def world(roles, office):
    """Trainee A with her mentor and host, and an unrelated mentor, host and trainee."""
    home, west = f.community("海珠社区"), f.community("蔚蓝海岸社区")
    trainee = f.trainee(home, username="a")
    mentor = f.mentor(home, username="mentor_a")
    host = f.host(west, username="host_a")
    f.assignment(trainee, mentor)
    rotation = f.rotation(
        trainee,
        host,
        starts_on=TODAY - datetime.timedelta(days=7),
        ends_on=TODAY + datetime.timedelta(days=21),
    )
    coaching_session_log(
        actor=mentor,
        trainee=trainee,
        held_on=TODAY,
        duration_minutes=45,
        mode=CoachingSession.Mode.IN_PERSON,
        topics="业委会换届",
        summary="讨论了换届流程。",
        private_notes="PRIVATE-NOTE-只给导师看",
    )
    case = promotion_nominate(actor=office, trainee=trainee, statement="CASE-STATEMENT")
    return {
        "case": case,
        "editor": user_with_role(OFFICE_EDITOR, username="editor"),
        "reviewer": user_with_role(OFFICE_REVIEWER, username="reviewer"),
        "office": office,
        "trainee": trainee,
        "mentor": mentor,
        "host": host,
        "rotation": rotation,
        "other trainee": f.trainee(home, username="b"),
        "other mentor": f.mentor(home, username="mentor_b"),
        "other host": f.host(west, username="host_b"),
    }


ROUTES = {
    "coaching log": lambda w: reverse("mentoring:coaching-trainee", args=[w["trainee"].pk]),
    "rotation": lambda w: reverse("mentoring:rotation-detail", args=[w["rotation"].pk]),
    "evaluations": lambda w: reverse("mentoring:evaluation-trainee", args=[w["trainee"].pk]),
    "readiness": lambda w: reverse("mentoring:readiness", args=[w["trainee"].pk]),
    "dossier": lambda w: reverse("mentoring:dossier-request", args=[w["trainee"].pk]),
    "dossier download": lambda w: reverse("mentoring:dossier-download", args=[w["trainee"].pk]),
    "admin readiness board": lambda w: reverse("mentoring_progression:board"),
    "admin planning": lambda w: reverse("mentoring_planning:cohorts"),
    "admin nominate": lambda w: reverse(
        "mentoring_progression:nominate", args=[w["other trainee"].pk]
    ),
    "admin promotion cases": lambda w: reverse("mentoring_progression:cases"),
    "admin promotion case": lambda w: reverse("mentoring_progression:case", args=[w["case"].pk]),
    "admin promotion figures": lambda w: reverse("mentoring_progression:figures"),
    "admin figures export": lambda w: (
        reverse("mentoring_progression:figures-export") + "?start=2020-01-01&end=2030-12-31"
    ),
    "admin mentors": lambda w: reverse("mentoring_mentors:index"),
    "admin criteria": lambda w: reverse("mentoring_criteria:index"),
    "mentor desk": lambda w: reverse("mentoring:desk"),
}

# Who may open what; every other (role, route) pair must be refused.
ALLOWED = {
    "office": {
        "coaching log",
        "rotation",
        "evaluations",
        "readiness",
        "dossier",
        "admin readiness board",
        "admin planning",
        "admin nominate",
        "admin promotion cases",
        "admin promotion case",
        "admin promotion figures",
        "admin figures export",
        "admin mentors",
        "admin criteria",
        "mentor desk",
    },
    "editor": set(),
    "reviewer": set(),
    "trainee": {"rotation", "evaluations", "readiness"},
    "mentor": {"coaching log", "rotation", "evaluations", "readiness", "mentor desk"},
    "host": {"rotation", "evaluations"},
    "other trainee": set(),
    "other mentor": {"mentor desk"},  # their own
    "other host": set(),
}


@pytest.mark.parametrize("who", ALLOWED, ids=str)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_each_role_reaches_only_what_it_may(client, world, who, route):
    client.force_login(world[who])

    response = client.get(ROUTES[route](world))

    if route in ALLOWED[who]:
        assert response.status_code == 200, (who, route, response.status_code)
    else:
        assert response.status_code in (302, 403, 404), (who, route, response.status_code)
        if response.status_code == 302:
            location = response["Location"]
            assert "/login/" in location or location.rstrip("/").endswith("/admin"), location
        assert b"PK\x03\x04" not in response.content[:4]  # no spreadsheet
        assert "CASE-STATEMENT" not in response.content.decode(errors="ignore")


@pytest.mark.parametrize(
    "who", ["trainee", "host", "other mentor", "other trainee", "editor", "reviewer"]
)
@pytest.mark.parametrize("route", ["coaching log", "evaluations", "readiness"])
def test_private_coaching_notes_reach_only_the_mentor_and_the_office(client, world, who, route):
    client.force_login(world[who])

    response = client.get(ROUTES[route](world))

    assert "PRIVATE-NOTE" not in response.content.decode(errors="ignore")


@pytest.mark.parametrize("who", ["mentor", "office"])
def test_the_mentor_and_the_office_read_the_private_notes(client, world, who):
    client.force_login(world[who])

    response = client.get(ROUTES["coaching log"](world))

    assert "PRIVATE-NOTE" in response.text


@pytest.mark.parametrize(
    ("who", "desk", "rotations"),
    [
        ("trainee", False, True),
        ("host", False, True),
        ("mentor", True, False),
        ("office", True, False),
    ],
)
def test_the_site_header_offers_each_role_its_pages(client, world, who, desk, rotations):
    client.force_login(world[who])

    header = client.get(reverse("courses:certificate-list")).text  # a page every role opens

    assert (f'href="{reverse("mentoring:desk")}"' in header) is desk
    assert (f'href="{reverse("mentoring:rotation-list")}"' in header) is rotations


@pytest.mark.parametrize(
    ("who", "shown"),
    [("office", True), ("mentor", False), ("trainee", False), ("reviewer", False)],
)
def test_the_readiness_page_leads_the_office_to_the_dossier(client, world, who, shown):
    client.force_login(world[who])

    page = client.get(ROUTES["readiness"](world)).text

    assert (ROUTES["dossier"](world) in page) is shown


SERVICES = {
    "nominate": lambda actor, w: promotion_nominate(actor=actor, trainee=w["other trainee"]),
    "review": lambda actor, w: promotion_review_record(
        actor=actor, case=w["case"], recommendation="approve", comment="同意"
    ),
    "decide": lambda actor, w: promotion_decide(
        actor=actor, case=w["case"], outcome="defer", reason="再观察半年"
    ),
    "dossier": lambda actor, w: dossier_request(actor=actor, trainee=w["trainee"]),
    "mentor capacity": lambda actor, w: mentor_profile_set(
        actor=actor, user=w["other mentor"], capacity=9
    ),
    "coaching": lambda actor, w: coaching_session_log(
        actor=actor,
        trainee=w["trainee"],
        mentor=w["mentor"],
        held_on=TODAY,
        duration_minutes=30,
        mode=CoachingSession.Mode.PHONE,
        topics="x",
        summary="x",
    ),
}


@pytest.mark.parametrize("who", ["editor", "reviewer"])
@pytest.mark.parametrize("service", SERVICES, ids=str)
def test_the_services_refuse_the_offices_editors_and_reviewers(world, who, service):
    """Services check the named permission themselves: no page, command or task goes round."""
    case = world["case"]

    with pytest.raises(PermissionDenied):
        SERVICES[service](world[who], world)

    case.refresh_from_db()
    assert case.status == PromotionCase.Status.OPEN
    assert not case.reviews.exists()
    assert PromotionCase.objects.count() == 1
    assert not Dossier.objects.exists()
    assert MentorProfile.objects.get(user=world["other mentor"]).capacity != 9
    assert CoachingSession.objects.count() == 1


def test_the_office_administrator_reviews_and_decides(world):
    SERVICES["review"](world["office"], world)
    SERVICES["decide"](world["office"], world)

    world["case"].refresh_from_db()
    assert world["case"].reviews.count() == 1
    assert world["case"].status == PromotionCase.Status.DEFERRED
