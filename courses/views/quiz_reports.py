"""The office's quiz reports in the Wagtail admin: the list of quizzes, one quiz's report, and
the same report as an Excel download.

Thin views: ``courses.reports.quiz`` decides who may read (the office) and assembles the
numbers; these pages only show them.
"""

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.people.roles import VIEW_QUIZ_REPORTS

from ..reports.quiz import quiz_for_report, quiz_report, quizzes_for_reports
from ..reports.workbook import quiz_report_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SECTION_LABEL = gettext_lazy("Quiz reports")


class _OfficeOnly:
    """Anyone with admin access outside the office is refused (403 → the admin's message)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_QUIZ_REPORTS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReportView(_OfficeOnly, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "clipboard-list"

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": "", "label": gettext_lazy("Assessment")}]
        title = self.get_page_title()
        if title != SECTION_LABEL:
            items.append({"url": reverse("courses_quiz_reports:index"), "label": SECTION_LABEL})
        return [*items, {"url": "", "label": title}]


class QuizReportIndexView(ReportView):
    page_title = SECTION_LABEL
    template_name = "courses/admin/quiz_reports/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            quizzes=quizzes_for_reports(actor=self.request.user), **kwargs
        )


class QuizReportView(ReportView):
    template_name = "courses/admin/quiz_reports/quiz.html"

    def get_page_title(self):
        return self.quiz.title

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(VIEW_QUIZ_REPORTS):
            self.quiz = quiz_for_report(actor=request.user, quiz_id=kwargs["quiz_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            report=quiz_report(actor=self.request.user, quiz=self.quiz), **kwargs
        )


class QuizReportExportView(_OfficeOnly, View):
    def get(self, request, quiz_id: int):
        quiz = quiz_for_report(actor=request.user, quiz_id=quiz_id)
        content = quiz_report_workbook(quiz_report(actor=request.user, quiz=quiz))
        filename = f"{quiz.title}-{timezone.localdate():%Y%m%d}.xlsx"
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename, safe='')}"
        return response
