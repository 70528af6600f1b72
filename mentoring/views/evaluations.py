"""Evaluations against the office's rubrics: the form, and a trainee's averages over time.

Who may evaluate whom is ``evaluation_submit``'s decision (mentors their current trainees,
hosts their rotations' trainees, trainees themselves and their cohort's peers); a refusal comes
back as a message and nothing is saved. A trainee the viewer may not see is "not found". The
averages and the list come from the evaluations the viewer may see, so a host sees only the
host evaluations of their own rotations.
"""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from .. import selectors
from ..access import viewer_for
from ..exceptions import NotAllowed
from ..forms.evaluations import EvaluationForm, EvaluationStartForm
from ..models import Evaluation
from ..services import evaluation_opens_on, evaluation_submit

Kind = Evaluation.Kind
PERIODS = {
    "month": gettext_lazy("By month"),
    "quarter": gettext_lazy("By quarter"),
    "year": gettext_lazy("By year"),
}


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _refusal_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _likely_kind(viewer, trainee) -> str:
    """Which kind the chooser starts on; the service still decides what is allowed."""
    if trainee.pk == viewer.pk:
        return Kind.SELF
    if viewer.mentor:
        return Kind.MENTOR
    if viewer.host:
        return Kind.HOST
    return Kind.PEER


def _not_yet(*, kind, trainee, rotation) -> str:
    """Why an evaluation of this kind cannot be written today, or "" when it can."""
    if kind == Kind.HOST and rotation is None:
        return _("A host evaluates only the trainee of a rotation they host.")
    if opens_on := evaluation_opens_on(kind=kind, rotation=rotation):
        return _(
            "You evaluate %(name)s in the rotation's last week: the evaluation opens on %(date)s."
        ) % {"name": trainee, "date": date_format(opens_on, "DATE_FORMAT")}
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_new(request):
    """``?trainee=<id>&kind=<mentor|self|peer|host>&rubric=<id>``: score every dimension."""
    user = request.user
    trainee = selectors.evaluation_subject_for(
        viewer=user, trainee_id=_int_or_none(request.GET.get("trainee"))
    )
    if trainee is None:
        raise Http404
    viewer = viewer_for(user)
    chosen = "kind" in request.GET or "rubric" in request.GET
    start = EvaluationStartForm(
        request.GET if chosen else None,
        rubrics=selectors.rubrics_in_use(),
        initial={"kind": _likely_kind(viewer, trainee)},
    )
    context = {"trainee": trainee, "start_form": start}
    if not start.is_valid():
        if request.method == "POST":
            messages.error(
                request, _("Nothing was saved: choose a kind of evaluation and a rubric.")
            )
        status = 400 if request.method == "POST" else 200
        return render(request, "mentoring/evaluations/new.html", context, status=status)

    kind, rubric = start.cleaned_data["kind"], start.cleaned_data["rubric"]
    rotation = (
        selectors.rotation_to_evaluate(viewer=user, trainee=trainee) if kind == Kind.HOST else None
    )
    cohort = selectors.peer_cohort_of(viewer=user, trainee=trainee) if kind == Kind.PEER else None
    not_yet = _not_yet(kind=kind, trainee=trainee, rotation=rotation)
    if not_yet:
        # Say so before the form is filled in, not after: no form, and a POST saves nothing.
        context.update({"kind": kind, "kind_label": Kind(kind).label, "not_yet": not_yet})
        status = 200
        if request.method == "POST":
            messages.error(request, not_yet)
            status = 403 if rotation is None else 400
        return render(request, "mentoring/evaluations/new.html", context, status=status)
    form = EvaluationForm(request.POST if request.method == "POST" else None, rubric=rubric)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("Nothing was saved: correct the scores marked below."))
            status = 400
        else:
            try:
                evaluation_submit(
                    actor=user,
                    rubric=rubric,
                    trainee=trainee,
                    kind=kind,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    rotation=rotation,
                    cohort=cohort,
                )
            except NotAllowed as error:
                messages.error(request, str(error))
                status = 403
            except ValidationError as error:
                messages.error(request, _refusal_text(error))
                status = 400
            else:
                messages.success(
                    request, _("Your evaluation of %(name)s has been saved.") % {"name": trainee}
                )
                if kind == Kind.PEER:  # peers do not see each other's records: back to the form
                    return redirect(request.get_full_path())
                return redirect("mentoring:evaluation-trainee", pk=trainee.pk)

    context.update(
        {
            "kind": kind,
            "kind_label": Kind(kind).label,
            "rubric": rubric,
            "form": form,
            "rotation": rotation,
            "cohort": cohort,
            "earlier": selectors.evaluations_of(viewer=user, trainee=trainee, by_viewer=True),
        }
    )
    return render(request, "mentoring/evaluations/new.html", context, status=status)


# The trainee's averages ------------------------------------------------------------------------


@dataclass(frozen=True)
class AverageCell:
    average: float
    count: int


@dataclass(frozen=True)
class AverageRow:
    period: datetime.date
    label: str
    cells: list  # AverageCell or None, one per dimension


@dataclass(frozen=True)
class AverageTable:
    """One rubric's per-dimension averages, a row per period, oldest first."""

    rubric: object
    dimensions: list  # (id, name) in the rubric's order
    rows: list

    @property
    def latest(self) -> list[tuple[str, AverageCell]]:
        """The most recent period's averages, for the bars."""
        last = self.rows[-1]
        return [
            (name, cell)
            for (_id, name), cell in zip(self.dimensions, last.cells, strict=True)
            if cell is not None
        ]


def _period_label(day: datetime.date, period: str) -> str:
    if period == "year":
        return str(day.year)
    if period == "quarter":
        return _("%(year)d Q%(quarter)d") % {"year": day.year, "quarter": (day.month - 1) // 3 + 1}
    return date_format(day, "YEAR_MONTH_FORMAT")


def _average_tables(rows, rubrics: dict, period: str) -> list[AverageTable]:
    """Pivot ``evaluation_averages`` rows into a table per rubric: periods × dimensions."""
    by_rubric: dict[int, dict] = {}
    for row in rows:
        table = by_rubric.setdefault(row["rubric_id"], {"dimensions": {}, "periods": {}})
        table["dimensions"].setdefault(row["dimension_id"], row["dimension_name"])
        cells = table["periods"].setdefault(row["period"], {})
        cells[row["dimension_id"]] = AverageCell(float(row["average"]), row["count"])
    tables = []
    for rubric_id, table in by_rubric.items():
        if rubric_id not in rubrics:
            continue
        dimensions = list(table["dimensions"].items())
        tables.append(
            AverageTable(
                rubric=rubrics[rubric_id],
                dimensions=dimensions,
                rows=[
                    AverageRow(
                        period=day,
                        label=_period_label(day, period),
                        cells=[cells.get(pk) for pk, _name in dimensions],
                    )
                    for day, cells in sorted(table["periods"].items())
                ],
            )
        )
    return sorted(tables, key=lambda table: table.rubric.name)


@login_required
@require_GET
def evaluation_trainee(request, pk: int):
    """Per-dimension averages over time, and the evaluations the viewer may see."""
    user = request.user
    trainee = get_object_or_404(selectors.trainees_visible_to(user), pk=pk)
    period = request.GET.get("period")
    if period not in PERIODS:
        period = "month"
    evaluations = list(selectors.evaluations_of(viewer=user, trainee=trainee))
    rows = selectors.evaluation_averages(viewer=user, trainee_ids=[trainee.pk], period=period)
    rubrics = {evaluation.rubric_id: evaluation.rubric for evaluation in evaluations}

    viewer = viewer_for(user)
    if trainee.pk == user.pk:
        kinds = [Kind.SELF]
    else:
        kinds = [
            kind
            for kind, holds in ((Kind.MENTOR, viewer.mentor), (Kind.HOST, viewer.host))
            if holds
        ]
    rotation = (
        selectors.rotation_to_evaluate(viewer=user, trainee=trainee) if Kind.HOST in kinds else None
    )
    write_links = [
        (
            Kind(kind).label,
            reverse("mentoring:evaluation-new")
            + "?"
            + urlencode({"trainee": trainee.pk, "kind": kind}),
            _not_yet(kind=kind, trainee=trainee, rotation=rotation) if kind == Kind.HOST else "",
        )
        for kind in kinds
    ]
    return render(
        request,
        "mentoring/evaluations/trainee.html",
        {
            "trainee": trainee,
            "period": period,
            "periods": list(PERIODS.items()),
            "tables": _average_tables(rows, rubrics, period),
            "evaluations": evaluations,
            "write_links": write_links,
        },
    )
