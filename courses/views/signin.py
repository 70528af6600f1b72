"""QR sign-in pages: the staff screen, the scan a phone makes, the short-code form, marking by hand.

Thin views: ``courses.signin`` checks tokens and codes, ``courses.services.attendance`` writes
and decides (enrolment, window, idempotency). Every refusal is shown as a message in the
user's language with a 4xx status; nothing here writes a model itself.
"""

import datetime

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from lms.people.roles import RUN_SIGNIN

from ..exceptions import EngineRefusal
from ..models import Attendance, Enrolment, LearningActivity, SignInWindow
from ..services.attendance import (
    attendance_activity,
    attendance_mark,
    attendance_sign_in,
    signin_day_at,
)
from ..signin import (
    REMEMBER_SCAN,
    ExpiredToken,
    ForgedToken,
    code_check,
    code_make,
    seconds_left,
    token_make,
    token_read,
)

PENDING_SCAN = "courses.signin.pending"
# Wrong short codes a trainee may type for one activity before waiting a while.
CODE_TRIES = 10
CODE_TRIES_PERIOD = 10 * 60
# The screen asks for news at least this often (the token itself changes every 30 seconds).
POLL_SECONDS = 5


def _refusal_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _attendance_page(activity_id: int):
    """The live activity that takes attendance in person, or 404."""
    page = Page.objects.live().filter(pk=activity_id).first()
    if page is None:
        raise Http404
    try:
        return attendance_activity(page)
    except EngineRefusal as refusal:
        raise Http404 from refusal


def _require_signin_staff(request):
    if not request.user.has_perm(RUN_SIGNIN):
        raise PermissionDenied


# Reads for these pages. They serve only the sign-in screens, so they live beside them.


def _enrolled_trainees(activity):
    course_id = activity.get_parent().pk
    enrolments = (
        Enrolment.objects.filter(course_id=course_id)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("trainee")
        .order_by("trainee__username")
    )
    return [enrolment.trainee for enrolment in enrolments]


def _signed_in_count(activity, day) -> int:
    return Attendance.objects.filter(activity_id=activity.pk, day=day).count()


def _enrolled_count(activity) -> int:
    return (
        Enrolment.objects.filter(course_id=activity.get_parent().pk)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .count()
    )


def _activities_taking_signin_for(trainee, now) -> list:
    """The trainee's activities (active enrolments) whose sign-in is open now."""
    course_ids = (
        Enrolment.objects.filter(trainee=trainee)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values_list("course_id", flat=True)
    )
    courses = list(Page.objects.filter(pk__in=list(course_ids)).only("path", "depth"))
    if not courses:
        return []
    children = Q()
    for course in courses:
        children |= Q(path__startswith=course.path, depth=course.depth + 1)
    return [
        page
        for page in Page.objects.live().filter(children).order_by("path").specific()
        if isinstance(page, LearningActivity)
        and isinstance(page, SignInWindow)
        and page.takes_attendance
        and page.signin_window_at(now)
    ]


# The staff screen.


def _qr_svg(url: str) -> str:
    # Our own URL, drawn by segno: no user input reaches the markup.
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="signin-qr__svg"
    )
    return mark_safe(svg)  # noqa: S308


def _screen_state(request, activity, now) -> dict:
    """What the screen shows now; the page renders it once and the JSON endpoint repeats it."""
    enrolled = _enrolled_count(activity)
    state = {
        "open": False,
        "message": "",
        "enrolled": enrolled,
        "refresh_in": POLL_SECONDS,
    }
    try:
        day = signin_day_at(activity=activity, now=now)
    except EngineRefusal as refusal:
        state["message"] = _refusal_text(refusal)
        return state
    token = token_make(activity_id=activity.pk, day=day, now=now)
    scan_url = request.build_absolute_uri(reverse("courses:signin-scan", args=[token]))
    count = _signed_in_count(activity, day)
    state.update(
        open=True,
        day=day.isoformat(),
        day_label=date_format(day, "DATE_FORMAT"),
        scan_url=scan_url,
        qr_svg=_qr_svg(scan_url),
        code=code_make(activity_id=activity.pk, day=day, now=now),
        signed_in=count,
        signed_in_label=ngettext(
            "%(count)d of %(total)d trainee signed in",
            "%(count)d of %(total)d trainees signed in",
            enrolled,
        )
        % {"count": count, "total": enrolled},
        changes_in=round(seconds_left(now), 2),
        refresh_in=min(POLL_SECONDS, round(seconds_left(now), 2)),
    )
    return state


class MarkForm(forms.Form):
    """Staff mark one enrolled trainee present on one day, with a reason."""

    trainee = forms.TypedChoiceField(label=gettext_lazy("Trainee"), coerce=int)
    day = forms.TypedChoiceField(
        label=gettext_lazy("Day"), coerce=datetime.date.fromisoformat, empty_value=None
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=Attendance._meta.get_field("reason").max_length,
        help_text=gettext_lazy("For example: the trainee's phone had no battery."),
    )

    def __init__(self, *args, trainees, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.trainees = {trainee.pk: trainee for trainee in trainees}
        self.fields["trainee"].choices = [("", "—")] + [
            (trainee.pk, str(trainee)) for trainee in trainees
        ]
        self.fields["day"].choices = [
            (day.isoformat(), date_format(day, "DATE_FORMAT")) for day in days
        ]


def _mark_form(activity, data=None, *, now):
    days = [day for day, opens, _closes in activity.signin_windows() if opens <= now]
    initial = {"day": days[-1].isoformat()} if days else {}
    return MarkForm(data, trainees=_enrolled_trainees(activity), days=days, initial=initial)


def _render_screen(request, activity, *, form=None, status=200):
    now = timezone.now()
    code_url = request.build_absolute_uri(reverse("courses:signin-code"))
    context = {
        "activity": activity,
        "state": _screen_state(request, activity, now),
        "code_url": code_url,
        "mark_form": form or _mark_form(activity, now=now),
    }
    response = render(request, "courses/signin/screen.html", context, status=status)
    add_never_cache_headers(response)
    return response


@require_GET
@login_required
def screen(request, activity_id):
    _require_signin_staff(request)
    return _render_screen(request, _attendance_page(activity_id))


@require_GET
@never_cache
def screen_state(request, activity_id):
    _require_signin_staff(request)
    activity = _attendance_page(activity_id)
    return JsonResponse(_screen_state(request, activity, timezone.now()))


@require_POST
@login_required
def mark(request, activity_id):
    _require_signin_staff(request)
    activity = _attendance_page(activity_id)
    form = _mark_form(activity, request.POST, now=timezone.now())
    if not form.is_valid():
        return _render_screen(request, activity, form=form, status=400)
    trainee = form.trainees[form.cleaned_data["trainee"]]
    try:
        outcome = attendance_mark(
            actor=request.user,
            trainee=trainee,
            activity=activity,
            day=form.cleaned_data["day"],
            reason=form.cleaned_data["reason"],
        )
    except EngineRefusal as refusal:
        form.add_error(None, _refusal_text(refusal))
        return _render_screen(request, activity, form=form, status=400)
    values = {"name": trainee, "day": date_format(form.cleaned_data["day"], "DATE_FORMAT")}
    if outcome.created:
        messages.success(request, _("%(name)s is marked present on %(day)s.") % values)
    else:
        messages.info(request, _("%(name)s was already recorded present on %(day)s.") % values)
    return redirect(reverse("courses:signin-screen", args=[activity.pk]) + "#mark")


# What a trainee sees.


def _result(request, *, activity=None, message, ok, status=200, already=False):
    context = {"activity": activity, "message": message, "ok": ok, "already": already}
    response = render(request, "courses/signin/result.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _sign_in(request, *, activity, day, method, at=None):
    """Call the service and turn its outcome or refusal into the result page."""
    try:
        outcome = attendance_sign_in(
            trainee=request.user, activity=activity, day=day, method=method, at=at
        )
    except EngineRefusal as refusal:
        return _result(
            request, activity=activity, message=_refusal_text(refusal), ok=False, status=400
        )
    values = {"title": activity.title, "day": date_format(day, "DATE_FORMAT")}
    if outcome.created:
        message = _("You are signed in for “%(title)s” on %(day)s.") % values
    else:
        message = _("You were already signed in for “%(title)s” on %(day)s.") % values
    return _result(
        request, activity=activity, message=message, ok=True, already=not outcome.created
    )


def _pending_scan(request, *, activity_id, day, now):
    """When this visitor scanned this activity and day before logging in, if recently."""
    pending = request.session.get(PENDING_SCAN)
    if (
        not pending
        or pending.get("activity") != activity_id
        or pending.get("day") != day.isoformat()
    ):
        return None
    try:
        scanned_at = datetime.datetime.fromisoformat(pending["scanned_at"])
    except (KeyError, TypeError, ValueError):
        return None
    if not now - REMEMBER_SCAN <= scanned_at <= now:
        return None
    return scanned_at


@require_GET
def scan(request, token):
    """A phone opened the URL in the QR code."""
    now = timezone.now()
    try:
        found = token_read(token, now=now)
        at = now
    except ForgedToken:
        return _result(
            request,
            message=_("This sign-in code is not valid. Scan the code on the screen again."),
            ok=False,
            status=400,
        )
    except ExpiredToken as expired:
        found = expired.scan
        at = None
        if request.user.is_authenticated:
            at = _pending_scan(request, activity_id=found.activity_id, day=found.day, now=now)
        if at is None:
            return _result(
                request,
                message=_("This sign-in code has expired. Scan the code on the screen again."),
                ok=False,
                status=410,
            )
    activity = _attendance_page(found.activity_id)
    if not request.user.is_authenticated:
        # Remember the verified scan: it counts for REMEMBER_SCAN while they log in.
        request.session[PENDING_SCAN] = {
            "activity": found.activity_id,
            "day": found.day.isoformat(),
            "scanned_at": now.isoformat(),
        }
        return redirect_to_login(request.get_full_path())
    pending_at = _pending_scan(request, activity_id=found.activity_id, day=found.day, now=now)
    request.session.pop(PENDING_SCAN, None)
    return _sign_in(
        request,
        activity=activity,
        day=found.day,
        method=Attendance.Method.QR,
        at=min(at, pending_at) if pending_at else at,
    )


class CodeForm(forms.Form):
    activity = forms.TypedChoiceField(label=gettext_lazy("Activity"), coerce=int)
    code = forms.CharField(
        label=gettext_lazy("Sign-in code"),
        max_length=12,
        help_text=gettext_lazy("The six digits shown under the QR code on the screen."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"}
        ),
    )

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = {activity.pk: activity for activity in activities}
        self.fields["activity"].choices = [(activity.pk, activity.title) for activity in activities]


def _code_tries_key(user, activity) -> str:
    return f"courses:signin:code-tries:{user.pk}:{activity.pk}"


def _why_closed(activity_id: int, *, now) -> str:
    """Why a trainee who followed a link for this activity cannot sign in to it now."""
    page = Page.objects.live().filter(pk=activity_id).first()
    if page is None:
        return ""
    try:
        activity = attendance_activity(page)
        signin_day_at(activity=activity, now=now)
    except EngineRefusal as refusal:
        return _refusal_text(refusal)
    # Sign-in is open, so the trainee is not enrolled in the course (or has withdrawn).
    return _("You are not enrolled in the course “%(title)s”.") % {
        "title": activity.get_parent().title
    }


def _code_initial(chosen: str, activities) -> dict:
    if chosen.isascii() and chosen.isdigit():
        return {"activity": int(chosen)}
    return {"activity": activities[0].pk} if len(activities) == 1 else {}


def _code_attempt(request, form, *, now):
    """Check a valid code form: a response when the trainee is signed in, else errors on it."""
    activity = form.activities[form.cleaned_data["activity"]]
    key = _code_tries_key(request.user, activity)
    if cache.get(key, 0) >= CODE_TRIES:
        form.add_error(
            None, _("Too many wrong codes. Wait a few minutes, or ask the staff for help.")
        )
        return None, 429
    try:
        day = signin_day_at(activity=activity, now=now)
    except EngineRefusal as refusal:
        form.add_error(None, _refusal_text(refusal))
        return None, 400
    if not code_check(form.cleaned_data["code"], activity_id=activity.pk, day=day, now=now):
        cache.add(key, 0, CODE_TRIES_PERIOD)
        cache.incr(key)
        form.add_error(
            "code", _("That code is not the one on the screen now. Check it and try again.")
        )
        return None, 400
    cache.delete(key)
    return _sign_in(request, activity=activity, day=day, method=Attendance.Method.CODE), 200


@require_http_methods(["GET", "POST"])
@login_required
def code(request):
    """A trainee types the short code shown on the screen."""
    now = timezone.now()
    activities = _activities_taking_signin_for(request.user, now)
    chosen = request.GET.get("activity", "")
    notice = ""
    if (
        chosen.isascii()
        and chosen.isdigit()
        and int(chosen) not in {activity.pk for activity in activities}
    ):
        notice = _why_closed(int(chosen), now=now)
    form = CodeForm(
        request.POST if request.method == "POST" else None,
        activities=activities,
        initial=_code_initial(chosen, activities),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            signed_in, status = _code_attempt(request, form, now=now)
            if signed_in is not None:
                return signed_in
    response = render(
        request,
        "courses/signin/code.html",
        {"form": form, "activities": activities, "notice": notice},
        status=status,
    )
    add_never_cache_headers(response)
    return response
