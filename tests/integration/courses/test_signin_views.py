"""QR sign-in through the web: the scan, logging in midway, the short code, the staff screen."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import ActivityProgress, Attendance, HoursEntry
from courses.services import attendance_sign_in, enrolment_create
from courses.signin import WINDOW_SECONDS, code_make, token_make, window_ends_at, window_number
from lms.people.roles import OFFICE_EDITOR, OFFICE_REVIEWER, TRAINEE
from tests.factories import (
    CoursePageFactory,
    LecturePageFactory,
    StudyTourPageFactory,
    VenueFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

PASSWORD = "pass-for-tests"  # UserFactory's


class Clock:
    """Stands in for ``timezone.now`` so a test can let 30-second windows pass."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    # One second into a window, so a test knows exactly when the token changes.
    start = window_ends_at(window_number(timezone.now())) + datetime.timedelta(seconds=1)
    clock = Clock(start)
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def client(client):
    """Every page in English, the language the tests read."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def in_person_lecture(course, *, starts_at, **fields):
    return LecturePageFactory(
        parent=course,
        mode="in_person",
        venue=VenueFactory(),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        **fields,
    )


@pytest.fixture
def lecture(course, clock):
    """An in-person lecture that started ten minutes ago: sign-in is open."""
    return in_person_lecture(
        course, starts_at=clock.now - datetime.timedelta(minutes=10), learning_hours="2.0"
    )


@pytest.fixture
def day(lecture):
    return lecture.attendance_days()[0][0]


@pytest.fixture
def enrolled(office, trainee, course):
    return enrolment_create(actor=office, trainee=trainee, course=course)


def scan_url(activity, day, now):
    return reverse(
        "courses:signin-scan", args=[token_make(activity_id=activity.pk, day=day, now=now)]
    )


def text(response) -> str:
    return response.content.decode()


def attended(trainee, activity) -> bool:
    progress = ActivityProgress.objects.filter(trainee=trainee, activity_id=activity.pk).first()
    return bool(progress and progress.attended_at and progress.completed_at)


# Scanning the QR code.


def test_a_logged_in_trainee_scans_and_is_signed_in_once(
    client, trainee, lecture, day, enrolled, clock
):
    client.force_login(trainee)
    url = scan_url(lecture, day, clock.now)

    # When the trainee scans, and scans again
    first = client.get(url)
    second = client.get(url)

    # Then they are signed in, once, and the lecture is complete with its hours credited once
    assert first.status_code == 200
    assert "You are signed in" in text(first)
    assert second.status_code == 200
    assert "already signed in" in text(second)
    attendance = Attendance.objects.get()
    assert (attendance.trainee, attendance.day, attendance.method) == (trainee, day, "qr")
    assert attended(trainee, lecture)
    assert list(HoursEntry.objects.values_list("hours", flat=True)) == [Decimal("2.0")]


def test_a_scan_from_the_previous_window_still_counts(
    client, trainee, lecture, day, enrolled, clock
):
    client.force_login(trainee)
    url = scan_url(lecture, day, clock.now)

    clock.advance(seconds=WINDOW_SECONDS + 5)
    response = client.get(url)

    assert response.status_code == 200
    assert Attendance.objects.filter(trainee=trainee).exists()


def test_an_anonymous_scan_survives_logging_in_after_the_token_expired(
    client, trainee, lecture, day, enrolled, clock
):
    url = scan_url(lecture, day, clock.now)

    # When someone not logged in scans
    response = client.get(url)

    # Then they are sent to log in, and come back to the scan
    login_url = reverse("people:login")
    assert response.status_code == 302
    assert response.url.startswith(login_url)
    assert not Attendance.objects.exists()

    # When logging in takes three minutes, long after the token changed
    clock.advance(minutes=3)
    response = client.post(
        f"{login_url}?next={url}",
        {"username": trainee.username, "password": PASSWORD, "next": url},
    )
    assert response.status_code == 302 and response.url == url
    response = client.get(url)

    # Then the sign-in still completes, dated when they scanned
    assert response.status_code == 200, text(response)
    assert "You are signed in" in text(response)
    assert attended(trainee, lecture)
    assert HoursEntry.objects.filter(trainee=trainee).count() == 1

    # And the remembered scan is used up: the expired token alone does not sign in again
    Attendance.objects.all().delete()
    assert client.get(url).status_code == 410


def test_a_remembered_scan_is_honoured_for_ten_minutes_only(
    client, trainee, lecture, day, enrolled, clock
):
    url = scan_url(lecture, day, clock.now)
    client.get(url)

    clock.advance(minutes=11)
    client.force_login(trainee)
    response = client.get(url)

    assert response.status_code == 410
    assert "has expired" in text(response)
    assert not Attendance.objects.exists()


def test_an_expired_token_is_refused_with_a_message(client, trainee, lecture, day, enrolled, clock):
    client.force_login(trainee)
    url = scan_url(lecture, day, clock.now)

    clock.advance(seconds=2 * WINDOW_SECONDS)
    response = client.get(url)

    assert response.status_code == 410
    assert "This sign-in code has expired. Scan the code on the screen again." in text(response)
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("logged_in", [True, False])
@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "1.20260512.1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "%00%ff",
        "x" * 500,
    ],
)
def test_a_forged_token_is_refused_never_an_error(client, trainee, enrolled, logged_in, token):
    if logged_in:
        client.force_login(trainee)

    response = client.get(f"/learn/signin/scan/{token}/")

    assert response.status_code == 400
    assert "This sign-in code is not valid" in text(response)
    assert not Attendance.objects.exists()


def test_a_tampered_token_is_refused(client, trainee, lecture, day, enrolled, clock):
    client.force_login(trainee)
    other = in_person_lecture(lecture.get_parent(), starts_at=lecture.starts_at)
    value, signature = token_make(activity_id=lecture.pk, day=day, now=clock.now).split(":")
    tampered = value.replace(f"{lecture.pk}.", f"{other.pk}.", 1) + ":" + signature

    response = client.get(reverse("courses:signin-scan", args=[tampered]))

    assert response.status_code == 400
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("minutes", "message"), [(-45, "opens at"), (200, "closed at")], ids=["early", "late"]
)
def test_a_valid_token_outside_the_window_says_when(
    client, trainee, lecture, day, enrolled, clock, minutes, message
):
    client.force_login(trainee)
    clock.advance(minutes=minutes)

    response = client.get(scan_url(lecture, day, clock.now))

    assert response.status_code == 400
    assert f"Sign-in for “{lecture.title}” {message}" in text(response)
    assert not Attendance.objects.exists()


def test_a_trainee_not_enrolled_is_refused(client, trainee, lecture, day, clock):
    client.force_login(trainee)

    response = client.get(scan_url(lecture, day, clock.now))

    assert response.status_code == 400
    assert "You are not enrolled in the course" in text(response)
    assert not Attendance.objects.exists()


def test_the_refusal_is_in_the_trainee_s_language(client, trainee, lecture, day, clock):
    client.force_login(trainee)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"

    response = client.get(scan_url(lecture, day, clock.now))

    assert response.status_code == 400
    assert '<html lang="zh-hans">' in text(response)


def test_a_study_tour_needs_every_day_before_it_counts(client, office, trainee, course, clock):
    first_day = timezone.localdate(clock.now)
    tour = StudyTourPageFactory(
        parent=course, start_date=first_day, end_date=first_day + datetime.timedelta(days=1)
    )
    enrolment_create(actor=office, trainee=trainee, course=course)
    client.force_login(trainee)
    # 10:00 local time on each day of the tour
    zone = timezone.get_current_timezone()
    for offset in (0, 1):
        day = first_day + datetime.timedelta(days=offset)
        clock.now = datetime.datetime.combine(day, datetime.time(10), tzinfo=zone)
        response = client.get(scan_url(tour, day, clock.now))
        assert response.status_code == 200, text(response)
        progress = ActivityProgress.objects.filter(trainee=trainee, activity_id=tour.pk).first()
        assert bool(progress and progress.attended_at) is (offset == 1)

    assert Attendance.objects.filter(activity_id=tour.pk).count() == 2


# The short code.


def test_a_trainee_types_the_short_code(client, trainee, lecture, day, enrolled, clock):
    client.force_login(trainee)
    url = reverse("courses:signin-code") + f"?activity={lecture.pk}"

    page = client.get(url)
    response = client.post(
        url,
        {"activity": lecture.pk, "code": code_make(activity_id=lecture.pk, day=day, now=clock.now)},
    )

    assert page.status_code == 200
    assert lecture.title in text(page)
    assert response.status_code == 200
    assert "You are signed in" in text(response)
    assert Attendance.objects.get().method == "code"
    assert attended(trainee, lecture)


def test_the_previous_window_s_code_counts_but_an_older_one_does_not(
    client, trainee, lecture, day, enrolled, clock
):
    client.force_login(trainee)
    url = reverse("courses:signin-code")
    old = code_make(activity_id=lecture.pk, day=day, now=clock.now)

    clock.advance(seconds=2 * WINDOW_SECONDS)
    refused = client.post(url, {"activity": lecture.pk, "code": old})
    previous = code_make(activity_id=lecture.pk, day=day, now=clock.now)
    clock.advance(seconds=WINDOW_SECONDS)
    accepted = client.post(url, {"activity": lecture.pk, "code": previous})

    assert refused.status_code == 400
    assert "That code is not the one on the screen now" in text(refused)
    assert accepted.status_code == 200
    assert Attendance.objects.count() == 1


def test_wrong_codes_are_limited(client, trainee, lecture, day, enrolled, clock):
    client.force_login(trainee)
    url = reverse("courses:signin-code")
    right = code_make(activity_id=lecture.pk, day=day, now=clock.now)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    for _attempt in range(10):
        assert client.post(url, {"activity": lecture.pk, "code": wrong}).status_code == 400
    response = client.post(url, {"activity": lecture.pk, "code": right})

    assert response.status_code == 429
    assert "Too many wrong codes" in text(response)
    assert not Attendance.objects.exists()


def test_the_code_page_says_when_sign_in_opens(client, trainee, lecture, enrolled, clock):
    client.force_login(trainee)
    clock.advance(minutes=-45)

    response = client.get(reverse("courses:signin-code") + f"?activity={lecture.pk}")

    assert response.status_code == 200
    assert f"Sign-in for “{lecture.title}” opens at" in text(response)
    assert "No sign-in is open for your courses right now." in text(response)


def test_the_code_page_offers_only_the_trainee_s_open_activities(
    client, trainee, lecture, enrolled, clock
):
    client.force_login(trainee)
    later = in_person_lecture(
        lecture.get_parent(), starts_at=clock.now + datetime.timedelta(days=2)
    )
    other_course = CoursePageFactory(parent=lecture.get_parent().get_parent())
    not_enrolled = in_person_lecture(other_course, starts_at=lecture.starts_at)

    response = client.get(reverse("courses:signin-code"))
    posted = client.post(
        reverse("courses:signin-code"), {"activity": not_enrolled.pk, "code": "123456"}
    )

    assert lecture.title in text(response)
    assert later.title not in text(response)
    assert not_enrolled.title not in text(response)
    assert posted.status_code == 400
    assert not Attendance.objects.exists()


def test_the_code_page_needs_a_login(client):
    response = client.get(reverse("courses:signin-code"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("people:login"))


# The staff screen and marking by hand.


def test_the_office_opens_the_screen(client, office, trainee, lecture, day, enrolled, clock):
    client.force_login(office)

    response = client.get(reverse("courses:signin-screen", args=[lecture.pk]))

    assert response.status_code == 200
    body = text(response)
    assert "<svg" in body
    assert code_make(activity_id=lecture.pk, day=day, now=clock.now) in body
    assert "0 of 1 trainee signed in" in body
    assert "signin-screen.js" in body
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_screen_state_changes_every_thirty_seconds(
    client, office, trainee, lecture, day, enrolled, clock
):
    client.force_login(office)
    url = reverse("courses:signin-screen-state", args=[lecture.pk])

    first = client.get(url).json()
    client.force_login(trainee)
    client.get(first["scan_url"])
    client.force_login(office)
    clock.advance(seconds=WINDOW_SECONDS)
    second = client.get(url).json()

    assert first["open"] and second["open"]
    assert first["code"] == code_make(
        activity_id=lecture.pk, day=day, now=clock.now - datetime.timedelta(seconds=WINDOW_SECONDS)
    )
    assert first["code"] != second["code"] and first["scan_url"] != second["scan_url"]
    assert first["scan_url"].startswith("http://testserver/learn/signin/scan/")
    assert second["qr_svg"].startswith("<svg")
    assert (first["signed_in"], second["signed_in"], second["enrolled"]) == (0, 1, 1)
    assert 0 < first["refresh_in"] <= 5
    assert first["day"] == day.isoformat()


def test_the_screen_state_says_when_sign_in_opens(client, office, lecture, clock):
    client.force_login(office)
    clock.advance(minutes=-45)

    state = client.get(reverse("courses:signin-screen-state", args=[lecture.pk])).json()

    assert not state["open"]
    assert "opens at" in state["message"]
    assert "code" not in state


@pytest.mark.parametrize("role", [OFFICE_EDITOR, OFFICE_REVIEWER], ids=lambda role: role.code)
@pytest.mark.parametrize("name", ["signin-screen", "signin-screen-state"])
def test_only_the_office_administrator_runs_the_screen(client, lecture, role, name):
    """The screen marks attendance by hand, which credits hours: ``courses.run_signin``."""
    client.force_login(user_with_role(role))

    assert client.get(reverse(f"courses:{name}", args=[lecture.pk])).status_code == 403


@pytest.mark.parametrize("name", ["signin-screen", "signin-screen-state"])
def test_a_trainee_cannot_open_the_screen(client, trainee, lecture, enrolled, name):
    client.force_login(trainee)

    assert client.get(reverse(f"courses:{name}", args=[lecture.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in_or_refused(client, lecture):
    screen = client.get(reverse("courses:signin-screen", args=[lecture.pk]))
    state = client.get(reverse("courses:signin-screen-state", args=[lecture.pk]))

    assert screen.status_code == 302
    assert state.status_code == 403


def test_the_screen_is_only_for_activities_taking_attendance(client, office, online_lecture):
    client.force_login(office)

    response = client.get(reverse("courses:signin-screen", args=[online_lecture.pk]))

    assert response.status_code == 404


def test_the_office_marks_a_trainee_present_with_a_reason(
    client, office, trainee, lecture, day, enrolled
):
    client.force_login(office)
    url = reverse("courses:signin-mark", args=[lecture.pk])

    response = client.post(
        url, {"trainee": trainee.pk, "day": day.isoformat(), "reason": "手机没电"}, follow=True
    )

    assert response.status_code == 200
    assert "is marked present" in text(response)
    attendance = Attendance.objects.get()
    assert (attendance.method, attendance.recorded_by, attendance.reason) == (
        "manual",
        office,
        "手机没电",
    )
    assert attended(trainee, lecture)


def test_marking_by_hand_needs_a_reason(client, office, trainee, lecture, day, enrolled):
    client.force_login(office)

    response = client.post(
        reverse("courses:signin-mark", args=[lecture.pk]),
        {"trainee": trainee.pk, "day": day.isoformat(), "reason": "  "},
    )

    assert response.status_code == 400
    assert "This field is required." in text(response)
    assert not Attendance.objects.exists()


def test_marking_offers_only_enrolled_trainees(
    client, office, trainee, lecture, day, enrolled, django_user_model
):
    stranger = django_user_model.objects.create(username="stranger")
    client.force_login(office)

    response = client.post(
        reverse("courses:signin-mark", args=[lecture.pk]),
        {"trainee": stranger.pk, "day": day.isoformat(), "reason": "手机没电"},
    )

    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_a_trainee_cannot_mark_attendance(client, trainee, lecture, day, enrolled):
    client.force_login(trainee)

    response = client.post(
        reverse("courses:signin-mark", args=[lecture.pk]),
        {"trainee": trainee.pk, "day": day.isoformat(), "reason": "我来了"},
    )

    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_the_polled_state_takes_a_fixed_number_of_queries(
    client, office, lecture, day, django_assert_max_num_queries
):
    """Every open screen asks every few seconds: keep the endpoint cheap, whoever signed in."""
    for _n in range(3):
        other = user_with_role(TRAINEE)
        enrolment_create(actor=office, trainee=other, course=lecture.get_parent())
        attendance_sign_in(trainee=other, activity=lecture, day=day, method="qr")
    client.force_login(office)
    url = reverse("courses:signin-screen-state", args=[lecture.pk])

    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
