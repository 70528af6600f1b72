"""Shadowing rotations (跟班锻炼): the list, and one rotation with its weekly journal.

Access comes from the selectors: a host reaches only the rotations they host, a trainee their
own, a mentor those of the trainees they mentor, the office all. A rotation the user may not
see is "not found", so its existence is not revealed. The trainee writes this week's journal
entry; the host reads the journal, evaluates the trainee against a rubric from the rotation's
last week on, and records the rotation as completed. The services decide each of these; a
refusal comes back as a message.
"""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors
from ..access import viewer_for
from ..exceptions import NotAllowed
from ..forms.evaluations import EvaluationForm
from ..forms.rotations import JournalEntryForm
from ..models import Evaluation, Rotation, RotationJournalEntry
from ..services import evaluation_submit, journal_write, rotation_complete

WEEK = datetime.timedelta(days=7)


@dataclass(frozen=True)
class JournalWeek:
    """One ISO week of the rotation and its entry, if the trainee wrote one."""

    starts_on: datetime.date
    iso_year: int
    iso_week: int
    entry: RotationJournalEntry | None

    @property
    def ends_on(self) -> datetime.date:
        return self.starts_on + datetime.timedelta(days=6)


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _journal_weeks(rotation, entries, today) -> list[JournalWeek]:
    """Every week of the rotation up to this one, oldest first, with the entries written."""
    by_week = {(e.iso_year, e.iso_week): e for e in entries}
    weeks, monday = [], _monday(rotation.starts_on)
    while monday <= min(rotation.ends_on, today):
        iso_year, iso_week, _weekday = monday.isocalendar()
        weeks.append(
            JournalWeek(monday, iso_year, iso_week, by_week.pop((iso_year, iso_week), None))
        )
        monday += WEEK
    # Entries for weeks not listed above (none, unless the dates were changed since).
    weeks += [JournalWeek(e.week_starts_on, e.iso_year, e.iso_week, e) for e in by_week.values()]
    return sorted(weeks, key=lambda week: week.starts_on)


def _refusal_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _rotation_or_404(request, pk: int) -> Rotation:
    return get_object_or_404(selectors.rotations_visible_to(request.user), pk=pk)


def _rubric_or_none(rubrics, value):
    """The rubric in use with this id (from the query string or the form), else None."""
    try:
        rubric_id = int(value)
    except (TypeError, ValueError):
        return None
    return next((rubric for rubric in rubrics if rubric.pk == rubric_id), None)


@login_required
@require_GET
def rotation_list(request):
    """Hosts see the rotations they host, trainees their own, mentors their current trainees'."""
    viewer = viewer_for(request.user)
    if not (viewer.office or viewer.host or viewer.trainee or viewer.mentor):
        raise PermissionDenied
    today = timezone.localdate()
    current, past = [], []
    for rotation in selectors.rotations_listed_for(request.user):
        is_current = rotation.status == Rotation.Status.SCHEDULED and rotation.ends_on >= today
        (current if is_current else past).append(rotation)
    return render(
        request,
        "mentoring/rotations/list.html",
        {"current": current, "past": past, "today": today, "viewer": viewer},
    )


@login_required
@require_GET
def rotation_detail(request, pk: int):
    rotation = _rotation_or_404(request, pk)
    return _render_detail(request, rotation, rubric_choice=request.GET.get("rubric"))


def _render_detail(
    request,
    rotation: Rotation,
    *,
    journal_form=None,
    evaluation_form=None,
    rubric_choice=None,
    status=200,
):
    user, today = request.user, timezone.localdate()
    is_trainee, is_host = rotation.trainee_id == user.pk, rotation.host_id == user.pk
    cancelled = rotation.status == Rotation.Status.CANCELLED
    entries = list(selectors.rotation_journal_for(viewer=user, rotation=rotation))
    weeks = _journal_weeks(rotation, entries, today)
    this_monday = _monday(today)
    this_week = next((week for week in weeks if week.starts_on == this_monday), None)

    # The trainee writes the entry of the week they are in, while the rotation runs.
    journal_open = (
        is_trainee
        and not cancelled
        and this_monday <= rotation.ends_on
        and this_monday + datetime.timedelta(days=6) >= rotation.starts_on
    )
    if journal_open and journal_form is None:
        entry = this_week.entry if this_week else None
        journal_form = JournalEntryForm(initial={"body": entry.body if entry else ""})

    host_evaluation = selectors.host_evaluation_of(viewer=user, rotation=rotation)
    evaluation_opens_on = rotation.host_evaluation_opens_on
    rubrics, rubric = [], None
    may_evaluate = is_host and host_evaluation is None and not cancelled
    if may_evaluate and today >= evaluation_opens_on:
        rubrics = list(selectors.rubrics_in_use())
        if evaluation_form is not None:
            rubric = evaluation_form.rubric
        else:
            rubric = _rubric_or_none(rubrics, rubric_choice) or (rubrics[0] if rubrics else None)
            evaluation_form = EvaluationForm(rubric=rubric) if rubric else None

    return render(
        request,
        "mentoring/rotations/detail.html",
        {
            "rotation": rotation,
            "is_trainee": is_trainee,
            "is_host": is_host,
            "weeks": weeks,
            "this_week": this_week,
            "this_monday": this_monday,
            "journal_form": journal_form if journal_open else None,
            "host_evaluation": host_evaluation,
            "may_evaluate": may_evaluate,
            "evaluation_opens_on": evaluation_opens_on,
            "evaluation_open": today >= evaluation_opens_on,
            "rubrics": rubrics,
            "rubric": rubric,
            "evaluation_form": evaluation_form,
            "may_complete": (
                (is_host or viewer_for(user).office)
                and rotation.status == Rotation.Status.SCHEDULED
            ),
            "complete_open": today >= rotation.ends_on,
        },
        status=status,
    )


@login_required
@require_POST
def rotation_journal(request, pk: int):
    """The trainee writes (or revises) this week's entry: one entry per ISO week."""
    rotation = _rotation_or_404(request, pk)
    form = JournalEntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: write the week's entry."))
        return _render_detail(request, rotation, journal_form=form, status=400)
    try:
        entry = journal_write(
            actor=request.user,
            rotation=rotation,
            week_of=timezone.localdate(),
            body=form.cleaned_data["body"],
        )
    except NotAllowed as error:
        messages.error(request, str(error))
        return redirect("mentoring:rotation-detail", pk=rotation.pk)
    except ValidationError as error:
        messages.error(request, _refusal_text(error))
        return _render_detail(request, rotation, journal_form=form, status=400)
    messages.success(
        request,
        _("Your journal entry for the week of %(date)s has been saved.")
        % {"date": entry.week_starts_on},
    )
    return redirect("mentoring:rotation-detail", pk=rotation.pk)


@login_required
@require_POST
def rotation_evaluate(request, pk: int):
    """The host evaluates the trainee against a rubric; ``evaluation_submit`` decides when."""
    rotation = _rotation_or_404(request, pk)
    rubric = _rubric_or_none(selectors.rubrics_in_use(), request.POST.get("rubric"))
    if rubric is None:
        messages.error(request, _("Nothing was saved: choose a rubric that is in use."))
        return redirect("mentoring:rotation-detail", pk=rotation.pk)
    form = EvaluationForm(request.POST, rubric=rubric)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: correct the scores marked below."))
        return _render_detail(request, rotation, evaluation_form=form, status=400)
    try:
        evaluation_submit(
            actor=request.user,
            rubric=rubric,
            trainee=rotation.trainee,
            kind=Evaluation.Kind.HOST,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
            rotation=rotation,
        )
    except NotAllowed as error:
        messages.error(request, str(error))
        return redirect("mentoring:rotation-detail", pk=rotation.pk)
    except ValidationError as error:
        messages.error(request, _refusal_text(error))
        return _render_detail(request, rotation, evaluation_form=form, status=400)
    messages.success(
        request, _("Your evaluation of %(name)s has been saved.") % {"name": rotation.trainee}
    )
    return redirect("mentoring:rotation-detail", pk=rotation.pk)


@login_required
@require_POST
def rotation_complete_view(request, pk: int):
    """The host records that the rotation was completed (from its last day on)."""
    rotation = _rotation_or_404(request, pk)
    try:
        rotation_complete(actor=request.user, rotation=rotation)
    except (NotAllowed, ValidationError) as error:
        text = str(error) if isinstance(error, NotAllowed) else _refusal_text(error)
        messages.error(request, text)
    else:
        messages.success(request, _("The rotation has been recorded as completed."))
    return redirect("mentoring:rotation-detail", pk=rotation.pk)
