"""The attendance services: signing in, marking by hand, and what attendance completes."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from courses.exceptions import EngineRefusal, NotAllowed
from courses.models import ActivityProgress, Attendance, HoursEntry
from courses.services import activity_work_accepted, enrolment_create, enrolment_withdraw
from courses.services.attendance import attendance_mark, attendance_sign_in
from lms.audit.models import AuditEntry
from tests.factories import (
    ExchangeSessionPageFactory,
    LecturePageFactory,
    StudyTourPageFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

QR = Attendance.Method.QR
CODE = Attendance.Method.CODE


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def lecture(course, now):
    """An in-person lecture that started ten minutes ago: sign-in is open."""
    return LecturePageFactory(
        parent=course,
        mode="in_person",
        venue=VenueFactory(),
        starts_at=now - datetime.timedelta(minutes=10),
        ends_at=now + datetime.timedelta(minutes=110),
        learning_hours="2.0",
    )


@pytest.fixture
def enrolled(office, trainee, course):
    return enrolment_create(actor=office, trainee=trainee, course=course)


def day_of(activity):
    """The (first) day the activity takes attendance."""
    return activity.attendance_days()[0][0]


def test_signing_in_completes_the_lecture_and_credits_its_hours_once(
    trainee, lecture, enrolled, now
):
    # When the trainee signs in twice, by QR code and then by short code
    first = attendance_sign_in(trainee=trainee, activity=lecture, day=day_of(lecture), method=QR)
    second = attendance_sign_in(trainee=trainee, activity=lecture, day=day_of(lecture), method=CODE)

    # Then there is one attendance record, the first, and the lecture is complete
    assert first.created and first.activity_attended
    assert not second.created and second.attendance.pk == first.attendance.pk
    assert Attendance.objects.get().method == QR
    progress = ActivityProgress.objects.get(trainee=trainee, activity_id=lecture.pk)
    assert progress.attended_at and progress.completed_at
    # And its hours are credited once, with one audit entry for the sign-in
    assert list(HoursEntry.objects.values_list("hours", flat=True)) == [Decimal("2.0")]
    assert AuditEntry.objects.filter(action="attendance.sign_in").count() == 1


def test_a_racing_second_sign_in_returns_the_first_record(
    trainee, lecture, enrolled, now, monkeypatch
):
    # Given a first sign-in, and a second request that did not see it before inserting
    first = attendance_sign_in(trainee=trainee, activity=lecture, day=day_of(lecture), method=QR)
    real_filter = Attendance.objects.filter
    lookups = iter([Attendance.objects.none()])
    monkeypatch.setattr(
        Attendance.objects, "filter", lambda *a, **k: next(lookups, None) or real_filter(*a, **k)
    )

    # When it signs in
    second = attendance_sign_in(trainee=trainee, activity=lecture, day=day_of(lecture), method=QR)

    # Then the unique constraint caught it and the first record stands
    assert not second.created
    assert second.attendance.pk == first.attendance.pk
    assert HoursEntry.objects.count() == 1


def test_only_enrolled_trainees_sign_in(office, trainee, lecture, enrolled, now):
    enrolment_withdraw(actor=office, enrolment=enrolled, reason="调岗")

    with pytest.raises(EngineRefusal) as refusal:
        attendance_sign_in(trainee=trainee, activity=lecture, day=day_of(lecture), method=QR)

    assert refusal.value.code == "not_enrolled"
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("shift", "code", "words"),
    [
        (datetime.timedelta(minutes=-41), "not_open_yet", "opens at"),
        (datetime.timedelta(minutes=151), "closed", "closed at"),
    ],
)
def test_sign_in_is_refused_outside_the_window_saying_when(
    trainee, lecture, enrolled, now, shift, code, words
):
    # The lecture runs from now-10 to now+110 minutes; sign-in opens 30 before, closes 30 after.
    moment = now + shift

    with pytest.raises(EngineRefusal) as refusal, translation.override("en"):
        attendance_sign_in(
            trainee=trainee, activity=lecture, day=day_of(lecture), method=QR, at=moment, now=moment
        )

    assert refusal.value.code == code
    assert words in refusal.value.messages[0]
    assert lecture.title in refusal.value.messages[0]


def test_the_grace_before_and_after_is_the_activity_s_own(trainee, course, office, now):
    session = ExchangeSessionPageFactory(
        parent=course,
        starts_at=now + datetime.timedelta(minutes=50),
        ends_at=now + datetime.timedelta(minutes=170),
        signin_opens_minutes_before=60,
    )
    enrolment_create(actor=office, trainee=trainee, course=course)

    outcome = attendance_sign_in(trainee=trainee, activity=session, day=day_of(session), method=QR)

    assert outcome.created


def test_a_remembered_scan_counts_after_logging_in_for_ten_minutes(trainee, lecture, enrolled, now):
    # The scan happened just before the window closed; the trainee logged in afterwards.
    closes = lecture.signin_windows()[0][2]
    scanned = closes - datetime.timedelta(seconds=20)

    with pytest.raises(EngineRefusal) as stale:
        attendance_sign_in(
            trainee=trainee,
            activity=lecture,
            day=day_of(lecture),
            method=QR,
            at=scanned,
            now=scanned + datetime.timedelta(minutes=11),
        )
    outcome = attendance_sign_in(
        trainee=trainee,
        activity=lecture,
        day=day_of(lecture),
        method=QR,
        at=scanned,
        now=scanned + datetime.timedelta(minutes=9),
    )

    assert stale.value.code == "stale"
    assert outcome.created


def test_an_online_lecture_takes_no_attendance(trainee, online_lecture, enrolled, now):
    with pytest.raises(EngineRefusal) as refusal:
        attendance_sign_in(
            trainee=trainee, activity=online_lecture, day=timezone.localdate(), method=QR
        )

    assert refusal.value.code == "no_attendance"


def test_signing_in_cannot_pose_as_marking_by_hand(trainee, lecture, enrolled, now):
    with pytest.raises(NotAllowed):
        attendance_sign_in(
            trainee=trainee, activity=lecture, day=day_of(lecture), method=Attendance.Method.MANUAL
        )


def test_a_day_the_activity_does_not_have_is_refused(trainee, lecture, enrolled, now):
    with pytest.raises(EngineRefusal) as refusal:
        attendance_sign_in(
            trainee=trainee,
            activity=lecture,
            day=day_of(lecture) + datetime.timedelta(days=1),
            method=QR,
        )

    assert refusal.value.code == "not_a_day"


def test_a_study_tour_counts_as_attended_only_after_every_day(office, trainee, course):
    tour = StudyTourPageFactory(
        parent=course,
        start_date=datetime.date(2026, 5, 12),
        end_date=datetime.date(2026, 5, 14),
    )
    enrolment_create(actor=office, trainee=trainee, course=course)
    activity_work_accepted(trainee=trainee, activity=tour, actor=office)

    def sign_in(day):
        moment = timezone.make_aware(datetime.datetime(2026, 5, day, 8, 30))
        return attendance_sign_in(
            trainee=trainee,
            activity=tour,
            day=datetime.date(2026, 5, day),
            method=QR,
            at=moment,
            now=moment,
        )

    def progress():
        return ActivityProgress.objects.get(trainee=trainee, activity_id=tour.pk)

    # Two of the three days: not yet attended
    assert not sign_in(12).activity_attended
    assert not sign_in(13).activity_attended
    assert progress().attended_at is None
    assert not HoursEntry.objects.exists()

    # The third day completes attendance, and with the accepted report, the tour
    assert sign_in(14).activity_attended
    assert progress().attended_at and progress().completed_at
    assert HoursEntry.objects.count() == 1


def test_the_office_marks_attendance_by_hand_with_a_reason(office, trainee, lecture, enrolled, now):
    outcome = attendance_mark(
        actor=office, trainee=trainee, activity=lecture, day=day_of(lecture), reason="手机没电"
    )

    attendance = outcome.attendance
    assert outcome.created and outcome.activity_attended
    assert (attendance.method, attendance.recorded_by, attendance.reason) == (
        Attendance.Method.MANUAL,
        office,
        "手机没电",
    )
    entry = AuditEntry.objects.get(action="attendance.mark")
    assert entry.actor == office and entry.data["reason"] == "手机没电"
    assert HoursEntry.objects.filter(trainee=trainee).count() == 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_marking_by_hand_needs_a_reason(office, trainee, lecture, enrolled, now, reason):
    with pytest.raises(EngineRefusal):
        attendance_mark(
            actor=office, trainee=trainee, activity=lecture, day=day_of(lecture), reason=reason
        )

    assert not Attendance.objects.exists()


def test_only_the_office_marks_by_hand(trainee, lecture, enrolled, now):
    with pytest.raises(NotAllowed):
        attendance_mark(
            actor=trainee, trainee=trainee, activity=lecture, day=day_of(lecture), reason="我来了"
        )

    assert not Attendance.objects.exists()


def test_marking_someone_not_enrolled_is_refused(office, trainee, lecture, now):
    with pytest.raises(EngineRefusal) as refusal:
        attendance_mark(
            actor=office, trainee=trainee, activity=lecture, day=day_of(lecture), reason="手机没电"
        )

    assert refusal.value.code == "not_enrolled"


def test_a_day_whose_sign_in_has_not_opened_cannot_be_marked(office, trainee, course, now):
    session = ExchangeSessionPageFactory(parent=course)  # in three days
    enrolment_create(actor=office, trainee=trainee, course=course)

    with pytest.raises(EngineRefusal) as refusal:
        attendance_mark(
            actor=office,
            trainee=trainee,
            activity=session,
            day=timezone.localdate(session.starts_at),
            reason="提前登记",
        )

    assert refusal.value.code == "not_open_yet"


def test_marking_someone_already_signed_in_keeps_their_sign_in(
    office, trainee, lecture, enrolled, now
):
    attendance_sign_in(trainee=trainee, activity=lecture, day=day_of(lecture), method=QR)

    outcome = attendance_mark(
        actor=office, trainee=trainee, activity=lecture, day=day_of(lecture), reason="补录"
    )

    assert not outcome.created
    assert Attendance.objects.get().method == QR
    assert not AuditEntry.objects.filter(action="attendance.mark").exists()
