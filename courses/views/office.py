"""The training office's pages in the Wagtail admin: enrolments, cohorts and learning hours.

Thin views: forms check the input, services write, selectors read. Every refusal from a
service becomes a message on the same page; nothing here writes a model itself.
"""

from urllib.parse import quote

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.people.roles import CREDIT_HOURS, EXPORT_HOURS, MANAGE_ENROLMENTS

from .. import selectors, services
from ..curriculum import course_pages
from ..enrolment_roster import EnrolmentSheetError, enrolment_sheet_read, enrolment_template
from ..exports import hours_workbook
from ..forms.office import (
    CohortMemberForm,
    DateRangeForm,
    EnrolCohortForm,
    EnrolmentSheetForm,
    EnrolPersonForm,
    HoursCreditForm,
    WithdrawForm,
)
from ..models import Cohort, Enrolment

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _refusal_text(error: ValidationError) -> str:
    return " ".join(error.messages)


class OfficeView(WagtailAdminTemplateMixin, TemplateView):
    permission = MANAGE_ENROLMENTS
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("courses_office:courses"), "label": _("Training")},
            {"url": "", "label": self.get_page_title()},
        ]


class CourseListView(OfficeView):
    page_title = gettext_lazy("Courses and enrolments")
    template_name = "courses/admin/course_list.html"

    def get_context_data(self, **kwargs):
        active = (
            Enrolment.objects.filter(course_id=OuterRef("pk"))
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .values("course_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        courses = course_pages().annotate(enrolled=Coalesce(Subquery(active), 0)).order_by("path")
        return super().get_context_data(courses=courses, **kwargs)


class CourseEnrolmentsView(OfficeView):
    template_name = "courses/admin/course_enrolments.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.course = get_object_or_404(course_pages(), pk=kwargs["course_id"])

    def get_page_title(self):
        return self.course.title

    def _forms(self, data=None):
        programme_id = self.course.get_parent().pk
        return {
            "person_form": EnrolPersonForm(
                data if data and "enrol_person" in data else None, programme_id=programme_id
            ),
            "cohort_form": EnrolCohortForm(
                data if data and "enrol_cohort" in data else None, programme_id=programme_id
            ),
        }

    def get_context_data(self, **kwargs):
        kwargs.setdefault("forms", self._forms())
        kwargs.setdefault("sheet_form", EnrolmentSheetForm())
        return super().get_context_data(
            course=self.course,
            roster=selectors.course_roster(actor=self.request.user, course=self.course),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        forms = self._forms(request.POST)
        form = forms["person_form"] if "enrol_person" in request.POST else forms["cohort_form"]
        if form.is_valid():
            try:
                if form is forms["person_form"]:
                    services.enrolment_create(
                        actor=request.user,
                        trainee=form.cleaned_data["trainee"],
                        course=self.course,
                        cohort=form.cleaned_data["cohort"],
                    )
                    messages.success(
                        request, _("%(name)s is enrolled.") % {"name": form.cleaned_data["trainee"]}
                    )
                else:
                    enrolled = services.cohort_enrol_course(
                        actor=request.user, cohort=form.cleaned_data["cohort"], course=self.course
                    )
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d trainee is enrolled.",
                            "%(count)d trainees are enrolled.",
                            len(enrolled),
                        )
                        % {"count": len(enrolled)},
                    )
                return redirect(request.path)
            except ValidationError as refusal:
                messages.error(request, _refusal_text(refusal))
        return self.render_to_response(self.get_context_data(forms=forms))


class EnrolmentImportView(CourseEnrolmentsView):
    """Enrol everyone on an Excel sheet; a sheet with any wrong row enrols nobody."""

    template_name = "courses/admin/enrolment_import.html"

    def get_page_title(self):
        return _("Enrol from Excel: %(course)s") % {"course": self.course.title}

    def get(self, request, *args, **kwargs):
        return redirect("courses_office:course", course_id=self.course.pk)

    def post(self, request, *args, **kwargs):
        form = EnrolmentSheetForm(request.POST, request.FILES)
        problems = []
        if form.is_valid():
            try:
                rows = enrolment_sheet_read(form.cleaned_data["sheet"].read())
                enrolled = services.enrolment_import(
                    actor=request.user, course=self.course, rows=rows
                )
            except EnrolmentSheetError as error:
                form.add_error("sheet", str(error))
            except services.EnrolmentImportRefused as refusal:
                problems = refusal.problems
            except ValidationError as refusal:
                form.add_error("sheet", _refusal_text(refusal))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d trainee is enrolled.",
                        "%(count)d trainees are enrolled.",
                        len(enrolled),
                    )
                    % {"count": len(enrolled)},
                )
                return redirect("courses_office:course", course_id=self.course.pk)
        return self.render_to_response(self.get_context_data(sheet_form=form, problems=problems))


class EnrolmentTemplateView(OfficeView):
    def get(self, request, *args, **kwargs):
        return _attachment(enrolment_template(), "报名名单模板.xlsx")


class EnrolmentWithdrawView(OfficeView):
    template_name = "courses/admin/enrolment_withdraw.html"
    page_title = gettext_lazy("Withdraw a trainee")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.enrolment = get_object_or_404(
            Enrolment.objects.select_related("trainee", "course"), pk=kwargs["enrolment_id"]
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", WithdrawForm())
        return super().get_context_data(enrolment=self.enrolment, **kwargs)

    def post(self, request, *args, **kwargs):
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.enrolment_withdraw(
                    actor=request.user, enrolment=self.enrolment, reason=form.cleaned_data["reason"]
                )
            except ValidationError as refusal:
                form.add_error("reason", _refusal_text(refusal))
            else:
                messages.success(
                    request,
                    _("%(name)s is withdrawn; their records are kept.")
                    % {"name": self.enrolment.trainee},
                )
                return redirect("courses_office:course", course_id=self.enrolment.course_id)
        return self.render_to_response(self.get_context_data(form=form))


class CohortMembersView(OfficeView):
    template_name = "courses/admin/cohort_members.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.cohort = get_object_or_404(
            Cohort.objects.select_related("head_mentor", "programme"), pk=kwargs["cohort_id"]
        )

    def get_page_title(self):
        return _("Cohort: %(name)s") % {"name": self.cohort.name}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", CohortMemberForm())
        return super().get_context_data(
            cohort=self.cohort,
            members=selectors.cohort_members(actor=self.request.user, cohort=self.cohort),
            progress=selectors.cohort_progress(actor=self.request.user, cohort=self.cohort),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "remove" in request.POST:
            remove = request.POST["remove"]
            if not (remove.isascii() and remove.isdigit()):
                raise Http404
            trainee = get_object_or_404(self.cohort.members, pk=remove)
            services.cohort_remove_trainee(actor=request.user, cohort=self.cohort, trainee=trainee)
            messages.success(request, _("%(name)s left the cohort.") % {"name": trainee})
            return redirect(request.path)
        form = CohortMemberForm(request.POST)
        if form.is_valid():
            try:
                services.cohort_add_trainee(
                    actor=request.user, cohort=self.cohort, trainee=form.cleaned_data["trainee"]
                )
            except ValidationError as refusal:
                form.add_error("trainee", _refusal_text(refusal))
            else:
                messages.success(
                    request,
                    _("%(name)s joined the cohort.") % {"name": form.cleaned_data["trainee"]},
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


class HoursView(OfficeView):
    """Manual credits and corrections, and the export of hours per trainee."""

    permission = CREDIT_HOURS
    page_title = gettext_lazy("Learning hours")
    header_icon = "time"
    template_name = "courses/admin/hours.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("credit_form", HoursCreditForm())
        kwargs.setdefault("export_form", DateRangeForm(prefix="export"))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = HoursCreditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.hours_credit_manual(
                    actor=request.user,
                    trainee=data["trainee"],
                    hours=data["hours"],
                    reason=data["reason"],
                    earned_on=data["earned_on"],
                    correction=data["correction"],
                )
            except ValidationError as refusal:
                form.add_error(None, _refusal_text(refusal))
            else:
                messages.success(
                    request, _("The hours are recorded for %(name)s.") % {"name": data["trainee"]}
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(credit_form=form))


class HoursExportView(HoursView):
    permission = EXPORT_HOURS

    def get(self, request, *args, **kwargs):
        form = DateRangeForm(request.GET, prefix="export")
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(export_form=form))
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        content = hours_workbook(
            totals=selectors.hours_by_trainee(actor=request.user, start=start, end=end),
            ledger=selectors.hours_ledger(actor=request.user, start=start, end=end),
            start=start,
            end=end,
        )
        return _attachment(content, f"学时_{start}_{end}.xlsx")
