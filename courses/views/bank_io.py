"""The office's question bank files in the Wagtail admin: import, export and the Excel template.

An import takes two steps: the upload is checked and previewed (a dry run), then imported on
confirmation. Between the two the uploaded file waits in the session, compressed and under a
random token, rather than in a hidden form field (a 5 MB file would not fit in a POST body
Django accepts) or in the cache (per process unless Redis is configured). One file waits at a
time; a new upload or the import itself replaces it, and the cancel button drops it. The
service checks the file again on confirmation, so the preview can never be taken for granted.

The forms live here because nothing else uses them.
"""

import base64
import binascii
import secrets
import time
import zlib
from urllib.parse import quote, urlencode

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.people.roles import MANAGE_QUESTION_BANK

from ..models import QuestionCategory
from ..models.questions import PATH_SEPARATOR
from ..question_formats import excel
from ..services.bank_transfer import (
    DEFAULT_CATEGORY,
    FORMAT_FILES,
    FORMAT_LABELS,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_QUESTIONS,
    question_export,
    question_export_problems,
    question_import,
)

SESSION_KEY = "courses.bank_import"
PENDING_MAX_AGE = 60 * 60  # seconds a previewed file waits for its confirmation
TEMPLATE_FILENAME = "题库导入模板.xlsx"


def _format_choices():
    return [(code, label) for code, label in FORMAT_LABELS.items()]


def _category_path(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.replace("／", "/").split("/") if name.strip())


def _attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.gift,.xml,.xlsx"}),
    )
    fmt = forms.ChoiceField(label=gettext_lazy("File format"), choices=_format_choices)
    category = forms.CharField(
        label=gettext_lazy("Target category"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy(
            "Optional. A category path such as 党建知识/组织生活: the file's questions and "
            "categories go under it; missing categories are created."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                _("The file is larger than %(max)d MB; split it into smaller files.")
                % {"max": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        return upload


class ExportForm(forms.Form):
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"), queryset=QuestionCategory.objects.order_by("path")
    )
    subcategories = forms.BooleanField(
        label=gettext_lazy("Include subcategories"), required=False, initial=True
    )
    fmt = forms.ChoiceField(label=gettext_lazy("File format"), choices=_format_choices)


class _OfficeOnly:
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGE_QUESTION_BANK):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class _BankIOPage(_OfficeOnly, WagtailAdminTemplateMixin, TemplateView):
    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ImportView(_BankIOPage):
    """Upload (GET, POST) and the dry-run preview of what the file holds."""

    page_title = gettext_lazy("Import questions")
    header_icon = "upload"
    template_name = "courses/admin/bank_import.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ImportForm())
        return super().get_context_data(
            template_url=reverse("courses_bank_io:template"),
            max_megabytes=MAX_IMPORT_BYTES // (1024 * 1024),
            max_questions=MAX_IMPORT_QUESTIONS,
            default_category=DEFAULT_CATEGORY,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        request.session.pop(SESSION_KEY, None)
        data = form.cleaned_data["file"].read()
        fmt = form.cleaned_data["fmt"]
        path = _category_path(form.cleaned_data["category"])
        summary = question_import(
            actor=request.user, fmt=fmt, data=data, category_path=path, dry_run=True
        )
        token = ""
        if not summary.refused:
            token = secrets.token_urlsafe(16)
            request.session[SESSION_KEY] = {
                "token": token,
                "at": time.time(),
                "fmt": fmt,
                "category": list(path),
                "name": form.cleaned_data["file"].name,
                "data": base64.b64encode(zlib.compress(data)).decode("ascii"),
            }
        self.template_name = "courses/admin/bank_import_preview.html"
        return self.render_to_response(
            self.get_context_data(
                summary=summary,
                token=token,
                filename=form.cleaned_data["file"].name,
                category=PATH_SEPARATOR.join(path),
                format_label=FORMAT_LABELS[fmt],
            )
        )


class ImportCommitView(_OfficeOnly, WagtailAdminTemplateMixin, TemplateView):
    """The confirmation: the file previewed is imported, if it is still all correct."""

    http_method_names = ["post"]
    page_title = gettext_lazy("Import questions")
    header_icon = "upload"
    template_name = "courses/admin/bank_import_preview.html"

    def post(self, request, *args, **kwargs):
        pending = request.session.get(SESSION_KEY) or {}
        if "cancel" in request.POST:
            request.session.pop(SESSION_KEY, None)
            messages.info(request, _("The import was cancelled; nothing was saved."))
            return redirect("courses_bank_io:import")
        fresh = time.time() - pending.get("at", 0) <= PENDING_MAX_AGE
        token = request.POST.get("token", "")
        if not (token and secrets.compare_digest(token, pending.get("token", "")) and fresh):
            request.session.pop(SESSION_KEY, None)
            messages.error(
                request, _("The preview has expired or was replaced. Upload the file again.")
            )
            return redirect("courses_bank_io:import")
        try:
            data = zlib.decompress(base64.b64decode(pending["data"]))
        except (KeyError, binascii.Error, zlib.error):
            request.session.pop(SESSION_KEY, None)
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("courses_bank_io:import")
        summary = question_import(
            actor=request.user,
            fmt=pending["fmt"],
            data=data,
            category_path=tuple(pending.get("category", ())),
        )
        request.session.pop(SESSION_KEY, None)
        if summary.refused:
            return self.render_to_response(
                self.get_context_data(
                    summary=summary,
                    token="",
                    filename=pending.get("name", ""),
                    category=PATH_SEPARATOR.join(pending.get("category", ())),
                    format_label=FORMAT_LABELS[pending["fmt"]],
                )
            )
        message = ngettext(
            "%(count)d question imported.", "%(count)d questions imported.", summary.total
        ) % {"count": summary.total}
        if summary.categories_created:
            message += " " + _("New categories: %(paths)s.") % {
                "paths": "、".join(summary.categories_created)
            }
        if summary.default_category:
            message += " " + ngettext(
                "%(count)d question without a category went into “%(name)s”.",
                "%(count)d questions without a category went into “%(name)s”.",
                summary.uncategorised,
            ) % {"count": summary.uncategorised, "name": summary.default_category}
        if summary.left_out:
            message += " " + _left_out_text(summary)
        messages.success(request, message)
        return redirect("courses_bank_io:import")


def _left_out_text(summary) -> str:
    """How many questions were left out, by the file's type, in one sentence."""
    kinds = "、".join(
        _("%(kind)s: %(count)d") % {"kind": kind, "count": count}
        for kind, count, _why in summary.left_out_by_kind
    )
    return ngettext(
        "%(count)d question of a kind the studio does not have was left out (%(kinds)s).",
        "%(count)d questions of kinds the studio does not have were left out (%(kinds)s).",
        len(summary.left_out),
    ) % {"count": len(summary.left_out), "kinds": kinds}


def _export_filename(category: QuestionCategory, fmt: str) -> str:
    extension = FORMAT_FILES[fmt][0]
    return f"{category.path.replace(PATH_SEPARATOR, '-')}.{extension}"


class ExportView(_BankIOPage):
    """Choose what to export; once chosen, see what the format cannot express, then download."""

    page_title = gettext_lazy("Export questions")
    header_icon = "download"
    template_name = "courses/admin/bank_export.html"

    def get(self, request, *args, **kwargs):
        form = ExportForm(request.GET if "category" in request.GET else None)
        context = {"form": form}
        if form.is_bound and form.is_valid():
            choice = form.cleaned_data
            count, problems = question_export_problems(
                actor=request.user,
                fmt=choice["fmt"],
                category=choice["category"],
                include_subcategories=choice["subcategories"],
            )
            query = {"category": choice["category"].pk, "fmt": choice["fmt"]}
            if choice["subcategories"]:
                query["subcategories"] = "on"
            context.update(
                count=count,
                problems=problems,
                chosen=choice,
                format_label=FORMAT_LABELS[choice["fmt"]],
                download_url=f"{reverse('courses_bank_io:export-download')}?{urlencode(query)}",
            )
        return self.render_to_response(self.get_context_data(**context))


class ExportDownloadView(_OfficeOnly, View):
    def get(self, request, *args, **kwargs):
        form = ExportForm(request.GET)
        if not form.is_valid():
            messages.error(request, _("Choose a category and a format to export."))
            return redirect("courses_bank_io:export")
        choice = form.cleaned_data
        content, _problems = question_export(
            actor=request.user,
            fmt=choice["fmt"],
            category=choice["category"],
            include_subcategories=choice["subcategories"],
        )
        return _attachment(
            content,
            _export_filename(choice["category"], choice["fmt"]),
            FORMAT_FILES[choice["fmt"]][1],
        )


class TemplateDownloadView(_OfficeOnly, View):
    def get(self, request, *args, **kwargs):
        return _attachment(excel.template(), TEMPLATE_FILENAME, FORMAT_FILES["excel"][1])
