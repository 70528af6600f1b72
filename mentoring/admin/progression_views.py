"""The office's progression pages in the Wagtail admin: the readiness board of a cohort, the
promotion case from nomination to appointment, and the promotion figures.

Thin views: forms check the input, the progression services write (and decide who may), the
selectors read. A refusal from a service becomes a message or a form error on the same page.
"""

import io
from collections import OrderedDict
from urllib.parse import quote, urlencode

import openpyxl
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from openpyxl.styles import Font
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.selectors import cohorts_visible_to
from lms.people.roles import (
    DECIDE_PROMOTION,
    VIEW_PROMOTION_CASES,
    VIEW_READINESS_BOARD,
)

from .. import engine
from ..models import PromotionCase
from ..selectors import (
    promotion_case_record,
    promotion_cases_pending_for,
    promotion_cases_visible_to,
    promotion_figures,
    readiness_for,
    readiness_for_many,
    trainees_visible_to,
)
from ..services.progression import (
    appointment_record,
    promotion_decide,
    promotion_nominate,
    promotion_review_record,
)
from ..views.progression import evidence_rows
from .forms_progression import (
    AppointmentForm,
    CohortChoiceForm,
    DecisionForm,
    NominationForm,
    PeriodForm,
    ReviewForm,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CASES_PER_PAGE = 50
PENDING = (PromotionCase.Status.OPEN, PromotionCase.Status.DEFERRED)


def _refusal_text(error: ValidationError) -> str:
    return " ".join(error.messages)


class ProgressionView(WagtailAdminTemplateMixin, TemplateView):
    """The holders of ``permission`` only: anyone else with admin access is sent back with
    Wagtail's message."""

    header_icon = "user"
    permission = VIEW_PROMOTION_CASES

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.prepare()
        return super().dispatch(request, *args, **kwargs)

    def prepare(self):
        """Load the view's records, once the viewer is known to be the office."""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("mentoring_progression:board"), "label": _("Progression")},
            {"url": "", "label": self.get_page_title()},
        ]


# Readiness board -------------------------------------------------------------------------------


class ReadinessBoardView(ProgressionView):
    """Every trainee of a cohort: stage, next stage, each criterion met or not, and a way to
    nominate. A fixed number of queries however many trainees the cohort has."""

    page_title = gettext_lazy("Readiness board")
    permission = VIEW_READINESS_BOARD
    template_name = "mentoring/admin/progression/board.html"

    def get_context_data(self, **kwargs):
        cohorts = cohorts_visible_to(self.request.user).order_by("name")
        form = CohortChoiceForm(self.request.GET or None, cohorts=cohorts)
        cohort, rows, legend = None, [], OrderedDict()
        if form.is_valid():
            cohort = form.cleaned_data["cohort"]
            trainees = engine.cohort_trainees(actor=self.request.user, cohort=cohort)
            trainees.sort(key=lambda person: (str(person), person.pk))
            pending = promotion_cases_pending_for(
                viewer=self.request.user, trainee_ids=[t.pk for t in trainees]
            )
            for readiness in readiness_for_many(trainees):
                step = readiness.next_stage
                if step is not None and step.pk not in legend:
                    legend[step.pk] = (step, [r.criterion.describe() for r in readiness.results])
                rows.append(
                    {
                        "readiness": readiness,
                        "met": len(readiness.results) - len(readiness.unmet),
                        "case": pending.get(readiness.trainee.pk),
                    }
                )
        return super().get_context_data(
            form=form,
            cohort=cohort,
            rows=rows,
            ready_count=sum(1 for row in rows if row["readiness"].ready),
            legend=list(legend.values()),
            **kwargs,
        )


class NominateView(ProgressionView):
    """The trainee's readiness as it stands today, and the grounds for the nomination."""

    template_name = "mentoring/admin/progression/nominate.html"
    permission = DECIDE_PROMOTION

    def prepare(self):
        self.trainee = get_object_or_404(
            trainees_visible_to(self.request.user), pk=self.kwargs["trainee_id"]
        )

    def get_page_title(self):
        return _("Nominate %(name)s") % {"name": self.trainee}

    def _back_url(self):
        cohort = self.request.GET.get("cohort", "")
        board = reverse("mentoring_progression:board")
        return f"{board}?{urlencode({'cohort': cohort})}" if cohort.isdigit() else board

    def get(self, request, *args, **kwargs):
        pending = promotion_cases_pending_for(viewer=request.user, trainee_ids=[self.trainee.pk])
        if self.trainee.pk in pending:
            messages.warning(request, _("This trainee already has a promotion case under way."))
            return redirect("mentoring_progression:case", case_id=pending[self.trainee.pk].pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        readiness = readiness_for(self.trainee)
        kwargs.setdefault("form", NominationForm())
        return super().get_context_data(
            trainee=self.trainee,
            readiness=readiness,
            rows=evidence_rows(
                request=self.request, trainee=self.trainee, results=readiness.results
            ),
            back_url=self._back_url(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = NominationForm(request.POST)
        if form.is_valid():
            try:
                case = promotion_nominate(
                    actor=request.user,
                    trainee=self.trainee,
                    statement=form.cleaned_data["statement"],
                )
            except (ValidationError, PermissionDenied) as refusal:
                text = (
                    _refusal_text(refusal) if isinstance(refusal, ValidationError) else str(refusal)
                )
                form.add_error(None, text)
            else:
                messages.success(
                    request,
                    _("%(name)s is nominated for “%(stage)s”.")
                    % {"name": self.trainee, "stage": case.to_stage},
                )
                return redirect("mentoring_progression:case", case_id=case.pk)
        return self.render_to_response(self.get_context_data(form=form))


# Promotion cases --------------------------------------------------------------------------------


class CaseListView(ProgressionView):
    page_title = gettext_lazy("Promotion cases")
    template_name = "mentoring/admin/progression/case_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        cases = promotion_cases_visible_to(self.request.user).select_related("trainee__community")
        if status == "pending":
            cases = cases.filter(status__in=PENDING)
        elif status in PromotionCase.Status.values:
            cases = cases.filter(status=status)
        else:
            status = ""
        page = Paginator(cases, CASES_PER_PAGE).get_page(self.request.GET.get("p"))
        filters = [("", _("All")), ("pending", _("Pending")), *PromotionCase.Status.choices]
        return super().get_context_data(page_obj=page, status=status, filters=filters, **kwargs)


class CaseView(ProgressionView):
    """The case from nomination to appointment: the readiness it was made on, each reviewer's
    comments, the decisions, the appointment, and the trainee's stage history."""

    template_name = "mentoring/admin/progression/case.html"
    FORMS = {"review": ReviewForm, "decide": DecisionForm, "appoint": AppointmentForm}

    def prepare(self):
        self.record = promotion_case_record(
            viewer=self.request.user, case_id=self.kwargs["case_id"]
        )
        if self.record is None:
            raise Http404

    def get_page_title(self):
        case = self.record.case
        return _("Promotion case: %(name)s") % {"name": case.trainee}

    def get_page_subtitle(self):
        case = self.record.case
        return f"{case.from_stage} → {case.to_stage}"

    def _state(self):
        case, user = self.record.case, self.request.user
        pending = case.status in PENDING
        reviewed = any(review.reviewer_id == user.pk for review in self.record.reviews)
        return {
            "review": pending and not reviewed,
            "decide": pending,
            "appoint": case.status == PromotionCase.Status.APPROVED
            and self.record.appointment is None,
        }

    def get_context_data(self, **kwargs):
        record = self.record
        for name, form_class in self.FORMS.items():
            kwargs.setdefault(f"{name}_form", form_class(prefix=name))
        return super().get_context_data(
            record=record,
            case=record.case,
            can=self._state(),
            snapshot=evidence_rows(
                request=self.request, trainee=record.case.trainee, results=record.case.readiness
            ),
            snapshot_met=sum(1 for row in record.case.readiness if row.get("met")),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action not in self.FORMS:
            messages.error(request, _("Choose what to record."))
            return redirect(request.path)
        if not self._state()[action]:
            messages.error(request, _("This case no longer takes that step."))
            return redirect(request.path)
        form = self.FORMS[action](request.POST, prefix=action)
        if form.is_valid():
            try:
                text = getattr(self, f"_{action}")(form.cleaned_data)
            except ValidationError as refusal:
                form.add_error(None, _refusal_text(refusal))
            except PermissionDenied as refusal:
                messages.error(request, str(refusal) or _("You may not do this."))
                return redirect(request.path)
            else:
                messages.success(request, text)
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(**{f"{action}_form": form}))

    def _review(self, data):
        promotion_review_record(
            actor=self.request.user,
            case=self.record.case,
            recommendation=data["recommendation"],
            comment=data["comment"],
        )
        return _("Your review is recorded.")

    def _decide(self, data):
        decision = promotion_decide(
            actor=self.request.user,
            case=self.record.case,
            outcome=data["outcome"],
            reason=data["reason"],
            decided_on=data["decided_on"],
        )
        if decision.outcome == decision.Outcome.APPROVE:
            return _("The promotion is approved: %(name)s is now at “%(stage)s”.") % {
                "name": self.record.case.trainee,
                "stage": self.record.case.to_stage,
            }
        return _("The decision is recorded: %(outcome)s. The stage is unchanged.") % {
            "outcome": decision.get_outcome_display()
        }

    def _appoint(self, data):
        appointment_record(
            actor=self.request.user,
            case=self.record.case,
            post=data["post"],
            community=data["community"],
            effective_on=data["effective_on"],
        )
        return _("The appointment is recorded.")


# Figures ---------------------------------------------------------------------------------------


def figures_workbook(*, figures, start, end) -> bytes:
    """One sheet: per target stage, nominations, decisions and appointments in the period."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Promotions")
    sheet.append([_("Promotions from %(start)s to %(end)s") % {"start": start, "end": end}])
    sheet["A1"].font = Font(bold=True)
    sheet.append(
        [
            _("Stage"),
            _("Nominated"),
            _("Approved"),
            _("Deferred"),
            _("Rejected"),
            _("Appointed"),
        ]
    )
    for row in figures:
        sheet.append(
            [row.stage.name, row.nominated, row.approved, row.deferred, row.rejected, row.appointed]
        )
    for column in "ABCDEF":
        sheet.column_dimensions[column].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class FiguresView(ProgressionView):
    page_title = gettext_lazy("Promotion figures")
    template_name = "mentoring/admin/progression/figures.html"

    def _form(self):
        return PeriodForm(self.request.GET if "start" in self.request.GET else None)

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or self._form()
        figures, start, end = [], None, None
        if not form.is_bound or form.is_valid():
            start, end = form.period()
            figures = promotion_figures(viewer=self.request.user, start=start, end=end)
        return super().get_context_data(
            form=form,
            figures=figures,
            start=start,
            end=end,
            export_query=urlencode({"start": start, "end": end}) if start else "",
            **kwargs,
        )


class FiguresExportView(FiguresView):
    def get(self, request, *args, **kwargs):
        form = PeriodForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        start, end = form.period()
        content = figures_workbook(
            figures=promotion_figures(viewer=request.user, start=start, end=end),
            start=start,
            end=end,
        )
        response = HttpResponse(content, content_type=XLSX)
        filename = f"{_('promotions')}_{start}_{end}.xlsx"
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return response
