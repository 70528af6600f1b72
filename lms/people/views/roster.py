"""The office's roster import in the Wagtail admin: upload, preview, confirm.

Between the preview and the confirmation the checked sheet travels in the confirmation form,
signed so it cannot be altered, rather than in the session or a temporary file: any web
process can take the confirmation, and nothing is left behind when the office walks away.
The service checks the sheet again before saving anything.
"""

import io

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..forms import RosterUploadForm
from ..roles import ROLES, ROLES_BY_CODE
from ..roster import COLUMNS, MAX_FILE_BYTES, MAX_ROWS, RosterSheet, roster_template
from ..selectors import community_names, roster_review
from ..services import RosterRejected, roster_import

PERMISSION = "people.add_user"
PREVIEW_MAX_AGE = 60 * 60  # seconds a preview may wait for its confirmation
TEMPLATE_FILENAME = "人员名单导入模板.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _signing_salt(user) -> str:
    return f"people.roster:{user.pk}"


class _RosterAdminView(WagtailAdminTemplateMixin):
    page_title = gettext_lazy("Import people")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": _("People")},
            {"url": "", "label": self.get_page_title()},
        ]

    def render_problems(self, problems):
        self.template_name = "people/admin/roster_problems.html"
        return self.render_to_response(
            self.get_context_data(
                problems=problems,
                rows_with_problems=len({problem.row for problem in problems}),
                upload_url=reverse("people_roster:upload"),
            )
        )


class RosterUploadView(_RosterAdminView, FormView):
    template_name = "people/admin/roster_upload.html"
    form_class = RosterUploadForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            template_url=reverse("people_roster:template"),
            columns=COLUMNS,
            roles=ROLES,
            max_rows=MAX_ROWS,
            max_megabytes=MAX_FILE_BYTES // (1024 * 1024),
            **kwargs,
        )

    def form_valid(self, form):
        sheet = form.cleaned_data["sheet"]
        report = roster_review(sheet=sheet)
        if not report.ok:
            return self.render_problems(report.problems)
        self.template_name = "people/admin/roster_preview.html"
        people = [
            {
                "entry": entry,
                "roles": "、".join(str(ROLES_BY_CODE[code].label) for code in entry.roles),
            }
            for entry in report.entries
        ]
        payload = signing.dumps(
            sheet.to_payload(), salt=_signing_salt(self.request.user), compress=True
        )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                people=people,
                payload=payload,
                confirm_url=reverse("people_roster:confirm"),
                upload_url=reverse("people_roster:upload"),
            )
        )


class RosterConfirmView(_RosterAdminView, View):
    http_method_names = ["post"]

    def post(self, request):
        try:
            payload = signing.loads(
                request.POST.get("payload", ""),
                salt=_signing_salt(request.user),
                max_age=PREVIEW_MAX_AGE,
            )
        except signing.BadSignature:
            messages.error(
                request, _("The preview has expired or was changed. Upload the file again.")
            )
            return redirect("people_roster:upload")
        try:
            created = roster_import(sheet=RosterSheet.from_payload(payload), actor=request.user)
        except RosterRejected as rejected:
            return self.render_problems(rejected.problems)
        messages.success(
            request,
            ngettext("%(count)d person imported.", "%(count)d people imported.", len(created))
            % {"count": len(created)},
        )
        return redirect("wagtailusers_users:index")


class RosterTemplateView(View):
    def get(self, request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        data = roster_template(communities=community_names())
        return FileResponse(
            io.BytesIO(data), as_attachment=True, filename=TEMPLATE_FILENAME, content_type=XLSX
        )
