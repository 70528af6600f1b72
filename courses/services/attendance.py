"""Attendance at in-person activities: a trainee signs in, or staff mark them present.

Each attendance day is one row (the database allows one per trainee, activity and day). When
a trainee has a row for every day of the activity, the activity's attendance is reported to
the progress rules, which complete it and credit its hours once.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.audit.services import audit_record
from lms.people.roles import RUN_SIGNIN

from ..exceptions import EngineRefusal, NotAllowed
from ..models import Attendance, LearningActivity, SignInWindow
from ..signin import REMEMBER_SCAN
from .progress import activity_attendance_record, enrolment_required

# A sign-in moment a little ahead of the server's clock is still believed (clock skew).
_CLOCK_SKEW = datetime.timedelta(seconds=5)
REASON_MAX_LENGTH = Attendance._meta.get_field("reason").max_length


@dataclass(frozen=True)
class AttendanceOutcome:
    attendance: Attendance
    created: bool  # False: the trainee was already recorded for this day
    activity_attended: bool  # every day of the activity is now attended


def _when(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def attendance_activity(activity: Page):
    """The specific activity if it takes attendance in person on at least one day."""
    specific = activity.specific
    if not (
        isinstance(specific, LearningActivity)
        and isinstance(specific, SignInWindow)
        and specific.takes_attendance
        and specific.attendance_days()
    ):
        raise EngineRefusal(
            _("“%(title)s” does not take attendance in person.") % {"title": activity.title},
            code="no_attendance",
        )
    return specific


def _window_for_day(activity, day: datetime.date):
    for window_day, opens, closes in activity.signin_windows():
        if window_day == day:
            return opens, closes
    raise EngineRefusal(
        _("“%(title)s” does not take attendance on %(day)s.")
        % {"title": activity.title, "day": date_format(day, "DATE_FORMAT")},
        code="not_a_day",
    )


def _check_enrolled(*, trainee, activity) -> None:
    enrolment_required(trainee=trainee, course=activity.get_parent(), lock=True)


def _check_window_open(*, activity, day: datetime.date, moment: datetime.datetime) -> None:
    opens, closes = _window_for_day(activity, day)
    if moment < opens:
        raise EngineRefusal(
            _("Sign-in for “%(title)s” opens at %(time)s.")
            % {"title": activity.title, "time": _when(opens)},
            code="not_open_yet",
        )
    if moment > closes:
        raise EngineRefusal(
            _("Sign-in for “%(title)s” closed at %(time)s.")
            % {"title": activity.title, "time": _when(closes)},
            code="closed",
        )


def signin_day_at(*, activity, now=None) -> datetime.date:
    """The day whose sign-in is open at ``now``; otherwise refuse, saying when it opens or closed.

    ``activity`` is the specific page (see ``attendance_activity``).
    """
    now = now or timezone.now()
    window = activity.signin_window_at(now)
    if window is not None:
        return window[0]
    windows = activity.signin_windows()
    upcoming = [opens for _day, opens, _closes in windows if opens > now]
    if upcoming:
        raise EngineRefusal(
            _("Sign-in for “%(title)s” opens at %(time)s.")
            % {"title": activity.title, "time": _when(min(upcoming))},
            code="not_open_yet",
        )
    raise EngineRefusal(
        _("Sign-in for “%(title)s” closed at %(time)s.")
        % {"title": activity.title, "time": _when(max(closes for *_rest, closes in windows))},
        code="closed",
    )


def _record(*, trainee, activity, day, method, actor, reason="") -> tuple[Attendance, bool]:
    existing = Attendance.objects.filter(trainee=trainee, activity_id=activity.pk, day=day).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                trainee=trainee,
                activity_id=activity.pk,
                day=day,
                method=method,
                recorded_by=actor,
                reason=reason,
            )
    except IntegrityError:
        # A second scan from the same phone raced this one: the trainee is signed in either way.
        return Attendance.objects.get(trainee=trainee, activity_id=activity.pk, day=day), False
    return attendance, True


def _settle(*, trainee, activity, actor, how, at) -> bool:
    """Report the activity attended once every one of its days has a row."""
    days = {day for day, _start, _end in activity.attendance_days()}
    attended = set(
        Attendance.objects.filter(
            trainee=trainee, activity_id=activity.pk, day__in=days
        ).values_list("day", flat=True)
    )
    if days - attended:
        return False
    activity_attendance_record(trainee=trainee, activity=activity, at=at, actor=actor, how=how)
    return True


@transaction.atomic
def attendance_sign_in(
    *, trainee, activity: Page, day: datetime.date, method: str, at=None, now=None
) -> AttendanceOutcome:
    """The trainee signs in for one day of an activity, by QR code or short code.

    ``at`` is when the trainee proved they were there (a verified scan); it defaults to now and
    may lie at most ``REMEMBER_SCAN`` in the past, for a scan made before logging in. Signing in
    twice returns the first record.
    """
    now = now or timezone.now()
    at = at or now
    if method not in (Attendance.Method.QR, Attendance.Method.CODE):
        raise NotAllowed(_("Only staff can mark attendance by hand."))
    if not getattr(trainee, "is_authenticated", False):
        raise NotAllowed(_("Log in to sign in."))
    if at > now + _CLOCK_SKEW or at < now - REMEMBER_SCAN:
        raise EngineRefusal(
            _("This sign-in has expired. Scan the code on the screen again."), code="stale"
        )
    specific = attendance_activity(activity)
    _check_enrolled(trainee=trainee, activity=specific)
    _check_window_open(activity=specific, day=day, moment=at)
    attendance, created = _record(
        trainee=trainee, activity=specific, day=day, method=method, actor=trainee
    )
    if created:
        audit_record(
            actor=trainee,
            action="attendance.sign_in",
            target=attendance,
            activity=specific.pk,
            day=day.isoformat(),
            method=str(method),
        )
    attended = _settle(trainee=trainee, activity=specific, actor=trainee, how=str(method), at=at)
    return AttendanceOutcome(attendance=attendance, created=created, activity_attended=attended)


@transaction.atomic
def attendance_mark(
    *, actor, trainee, activity: Page, day: datetime.date, reason: str, now=None
) -> AttendanceOutcome:
    """Staff record a trainee present on one day, with the reason they did not sign in.

    Any day whose sign-in has opened may be marked, also afterwards (a trainee whose phone was
    flat). A trainee already recorded for the day keeps the first record.
    """
    now = now or timezone.now()
    if not actor.has_perm(RUN_SIGNIN):
        raise NotAllowed(_("Only the training office can mark attendance by hand."))
    reason = (reason or "").strip()
    if not reason:
        raise EngineRefusal(_("Give a reason for marking attendance by hand."), code="no_reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise EngineRefusal(
            _("Keep the reason to %(count)d characters.") % {"count": REASON_MAX_LENGTH},
            code="long_reason",
        )
    specific = attendance_activity(activity)
    opens, _closes = _window_for_day(specific, day)
    if now < opens:
        raise EngineRefusal(
            _("Attendance for %(day)s can be marked once sign-in opens at %(time)s.")
            % {"day": date_format(day, "DATE_FORMAT"), "time": _when(opens)},
            code="not_open_yet",
        )
    try:
        _check_enrolled(trainee=trainee, activity=specific)
    except EngineRefusal as refusal:
        raise EngineRefusal(
            _("%(name)s is not enrolled in this activity's course.") % {"name": trainee},
            code="not_enrolled",
        ) from refusal
    attendance, created = _record(
        trainee=trainee,
        activity=specific,
        day=day,
        method=Attendance.Method.MANUAL,
        actor=actor,
        reason=reason,
    )
    if created:
        audit_record(
            actor=actor,
            action="attendance.mark",
            target=attendance,
            activity=specific.pk,
            trainee=trainee.pk,
            day=day.isoformat(),
            reason=reason,
        )
    attended = _settle(
        trainee=trainee, activity=specific, actor=actor, how=Attendance.Method.MANUAL, at=now
    )
    return AttendanceOutcome(attendance=attendance, created=created, activity_attended=attended)
