"""Role × record × route for the learning engine: nobody reaches another trainee's progress,
attendance, work or certificates through a page, a download or an admin route."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.admin.menu import admin_menu

from courses.models import Enrolment, HoursEntry
from courses.selectors import hours_by_trainee, hours_ledger
from courses.services import (
    activity_attendance_record,
    certificate_issue,
    certificate_revoke,
    enrolment_create,
    enrolment_withdraw,
    hours_credit_manual,
    submission_save,
    submission_start,
    submission_submit,
)
from lms.people.roles import (
    HOST_SECRETARY,
    MENTOR,
    OFFICE_ADMIN,
    OFFICE_EDITOR,
    OFFICE_REVIEWER,
    TRAINEE,
)
from tests.factories import (
    ExchangeSessionPageFactory,
    StudyTourPageFactory,
    studio_tree,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def records(django_capture_on_commit_callbacks):
    """Trainee B's records of every kind; the tests try to reach them as someone else."""
    _home, _programme, course = studio_tree()
    office = user_with_role(OFFICE_ADMIN)
    owner = user_with_role(TRAINEE, username="owner")
    session = ExchangeSessionPageFactory(parent=course)
    tour = StudyTourPageFactory(parent=course)
    enrolment = enrolment_create(actor=office, trainee=owner, course=course)
    activity_attendance_record(trainee=owner, activity=session, actor=office, how="manual")
    submission_start(actor=owner, activity=tour)
    # The photo is processed by a task once the save commits: run it, so the photo is ready.
    with django_capture_on_commit_callbacks(execute=True):
        submission = submission_save(
            actor=owner, activity=tour, body="<p>杭州见闻</p>", new_photos=[_jpeg()]
        )
    submission = submission_submit(actor=owner, submission=submission)
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.completed_at = timezone.now()
    enrolment.save()
    certificate = certificate_issue(enrolment=enrolment)
    photo = submission.photos.get()
    return {
        "owner": owner,
        "course": course,
        "session": session,
        "enrolment": enrolment,
        "submission": submission,
        "photo": photo,
        "certificate": certificate,
    }


ROUTES = {
    "submission edit": lambda r: reverse("courses:submission-edit", args=[r["submission"].pk]),
    "submission photo": lambda r: reverse(
        "courses:submission-photo", args=[r["submission"].pk, r["photo"].pk]
    ),
    "submission review": lambda r: reverse("courses:submission-review", args=[r["submission"].pk]),
    "certificate png": lambda r: reverse(
        "courses:certificate-download", args=[r["certificate"].pk, "png"]
    ),
    "certificate pdf": lambda r: reverse(
        "courses:certificate-download", args=[r["certificate"].pk, "pdf"]
    ),
    "certificate revoke": lambda r: reverse(
        "courses:certificate-revoke", args=[r["certificate"].pk]
    ),
    "sign-in screen": lambda r: reverse("courses:signin-screen", args=[r["session"].pk]),
    "sign-in state": lambda r: reverse("courses:signin-screen-state", args=[r["session"].pk]),
    "office course roster": lambda r: reverse("courses_office:course", args=[r["course"].pk]),
    "office withdraw": lambda r: reverse("courses_office:withdraw", args=[r["enrolment"].pk]),
    "office hours export": lambda r: (
        reverse("courses_office:hours-export") + "?export-start=2020-01-01&export-end=2030-12-31"
    ),
    "admin cohorts": lambda r: reverse("training_cohorts:index"),
    "admin person": lambda r: reverse("wagtailusers_users:edit", args=[r["owner"].pk]),
    "django admin": lambda r: "/django-admin/",
}


@pytest.mark.parametrize("role", [TRAINEE, MENTOR, HOST_SECRETARY], ids=lambda r: r.code)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_nobody_but_the_owner_and_the_office_reaches_a_trainees_records(
    client, records, role, route
):
    client.force_login(user_with_role(role))

    response = client.get(ROUTES[route](records))

    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert "/login/" in response["Location"] or response["Location"] == "/admin/"
    assert b"%PDF" not in response.content[:8]
    assert "杭州见闻" not in response.content.decode(errors="ignore")


@pytest.mark.parametrize(
    "route", ["submission edit", "submission photo", "certificate png", "certificate pdf"]
)
def test_the_owner_reaches_their_own_records(client, records, route):
    client.force_login(records["owner"])
    assert client.get(ROUTES[route](records)).status_code == 200


def test_my_learning_shows_only_the_visitors_own_hours_and_work(client, records):
    client.force_login(user_with_role(TRAINEE))

    context = client.get(reverse("cms:my-learning")).context

    assert context["hours"].earned == 0
    assert context["courses"] == []
    assert context["waiting"] == []


# The office roles ------------------------------------------------------------------------------
# Each office role reaches what the README's "Roles and permissions" table grants it and is
# refused everything else: the admin with Wagtail's redirect to the dashboard (or a 403), the
# site with 403 or 404. The office administrator's column covers the routes above, too.

EDITOR, REVIEWER, ADMIN = OFFICE_EDITOR.code, OFFICE_REVIEWER.code, OFFICE_ADMIN.code

OFFICE_ROUTES = {
    **ROUTES,
    "office course list": lambda r: reverse("courses_office:courses"),
    "office hours": lambda r: reverse("courses_office:hours"),
    "enrolment template": lambda r: reverse("courses_office:template"),
    "admin stage targets": lambda r: reverse("training_targets:index"),
    "admin people": lambda r: reverse("wagtailusers_users:index"),
    "admin roster import": lambda r: reverse("people_roster:upload"),
    "marking queue": lambda r: reverse("courses:marking-queue"),
    "review queue": lambda r: reverse("courses:review-queue"),
    "quiz reports": lambda r: reverse("courses_quiz_reports:index"),
    "question bank": lambda r: reverse("courses_bank:questions"),
    "quizzes admin": lambda r: reverse("courses_bank:quizzes"),
    "question export": lambda r: reverse("courses_bank_io:export"),
    "question import": lambda r: reverse("courses_bank_io:import"),
}

OFFICE_ALLOWED = {
    EDITOR: {"question bank", "quizzes admin", "question export", "question import"},
    REVIEWER: {
        "submission review",
        "submission photo",
        "marking queue",
        "review queue",
        "quiz reports",
    },
    ADMIN: {
        "certificate png",
        "certificate pdf",
        "certificate revoke",
        "sign-in screen",
        "sign-in state",
        "office course list",
        "office course roster",
        "office withdraw",
        "office hours",
        "office hours export",
        "enrolment template",
        "admin cohorts",
        "admin stage targets",
        "admin person",
        "admin people",
        "admin roster import",
        "quiz reports",
        "question bank",
        "quizzes admin",
        "question export",
        "question import",
    },
}
OFFICE_ROLES = {role.code: role for role in (OFFICE_EDITOR, OFFICE_REVIEWER, OFFICE_ADMIN)}


@pytest.mark.parametrize("role", OFFICE_ALLOWED, ids=str)
@pytest.mark.parametrize("route", OFFICE_ROUTES, ids=str)
def test_each_office_role_reaches_only_what_the_table_grants(client, records, role, route):
    client.force_login(user_with_role(OFFICE_ROLES[role]))

    response = client.get(OFFICE_ROUTES[route](records))

    if route in OFFICE_ALLOWED[role]:
        assert response.status_code == 200, (role, route, response.status_code)
        return
    assert response.status_code in (302, 403, 404), (role, route, response.status_code)
    if response.status_code == 302:
        location = response["Location"]
        assert "/login/" in location or location == reverse("wagtailadmin_home"), location
    assert b"%PDF" not in response.content[:8]
    assert b"PK\x03\x04" not in response.content[:4]  # no spreadsheet either
    assert "杭州见闻" not in response.content.decode(errors="ignore")


HOURS_CREDIT = {"hours": "3", "reason": "补录", "earned_on": "2026-03-01"}


@pytest.mark.parametrize("role", [EDITOR, REVIEWER], ids=str)
def test_editors_and_reviewers_credit_no_hours(client, records, role):
    client.force_login(user_with_role(OFFICE_ROLES[role]))
    before = HoursEntry.objects.count()

    response = client.post(
        reverse("courses_office:hours"), {**HOURS_CREDIT, "trainee": records["owner"].pk}
    )

    assert response.status_code in (302, 403)
    assert HoursEntry.objects.count() == before


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(
            lambda actor, r: hours_credit_manual(
                actor=actor, trainee=r["owner"], hours="2", reason="补录"
            ),
            id="hours credit",
        ),
        pytest.param(
            lambda actor, r: hours_credit_manual(
                actor=actor, trainee=r["owner"], hours="-1", reason="更正", correction=True
            ),
            id="hours correction",
        ),
        pytest.param(
            lambda actor, r: enrolment_withdraw(
                actor=actor, enrolment=r["enrolment"], reason="退出"
            ),
            id="withdraw",
        ),
        pytest.param(
            lambda actor, r: certificate_revoke(
                actor=actor, certificate=r["certificate"], reason="错发"
            ),
            id="certificate revoke",
        ),
    ],
)
@pytest.mark.parametrize("role", [EDITOR, REVIEWER], ids=str)
def test_the_services_refuse_editors_and_reviewers_themselves(records, role, call):
    """The services check the permission inside: no page, command or task can go round it."""
    actor = user_with_role(OFFICE_ROLES[role])
    entries, enrolment = HoursEntry.objects.count(), records["enrolment"]

    with pytest.raises(PermissionDenied):
        call(actor, records)

    assert HoursEntry.objects.count() == entries
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    records["certificate"].refresh_from_db()
    assert records["certificate"].revoked_at is None


@pytest.mark.parametrize(("role", "sees"), [(EDITOR, False), (REVIEWER, False), (ADMIN, True)])
def test_only_the_office_administrator_reads_the_hours_export(records, role, sees):
    actor = user_with_role(OFFICE_ROLES[role])
    start, end = datetime.date(2020, 1, 1), datetime.date(2030, 12, 31)

    totals = list(hours_by_trainee(actor=actor, start=start, end=end))
    ledger = list(hours_ledger(actor=actor, start=start, end=end))

    assert bool(totals) is sees and bool(ledger) is sees


def _menu(user) -> set[str]:
    """The names of the admin menu items (and their submenus' items) the user is shown."""
    request = RequestFactory().get(reverse("wagtailadmin_home"))  # loads the admin's viewsets
    request.user = user
    names = set()

    def walk(items):
        for item in items:
            names.add(item.name)
            if hasattr(item, "menu"):
                walk(item.menu.menu_items_for_request(request))

    walk(admin_menu.menu_items_for_request(request))
    return names


OFFICE_MENU = {
    "training-courses": {ADMIN},
    "training-hours": {ADMIN},
    "training-cohorts": {ADMIN},
    "training-targets": {ADMIN},
    "assessment-bank": {EDITOR, ADMIN},
    "assessment-quizzes": {EDITOR, ADMIN},
    "assessment-import": {EDITOR, ADMIN},
    "assessment-export": {EDITOR, ADMIN},
    "assessment-reports": {REVIEWER, ADMIN},
    "mentoring-planning": {ADMIN},
    "mentoring-readiness-board": {ADMIN},
    "mentoring-promotion-cases": {ADMIN},
    "mentoring-promotion-figures": {ADMIN},
    "users": {ADMIN},
}


@pytest.mark.parametrize("role", OFFICE_ALLOWED, ids=str)
def test_the_admin_menu_shows_each_office_role_only_what_it_may_open(role):
    shown = _menu(user_with_role(OFFICE_ROLES[role]))

    assert {name for name, roles in OFFICE_MENU.items() if role in roles} <= shown
    assert not {name for name, roles in OFFICE_MENU.items() if role not in roles} & shown
