"""Certificate pages: the public verification page, downloads, the list, revoking.

Thin views: ``courses.certificates.selectors`` decides who sees what, the services in
``courses.services.certificates`` write. The files are never linked from a media URL; the
download view checks access and streams them.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lms.people.roles import MANAGE_CERTIFICATES

from ..certificates.display import hours_display, name_masked
from ..certificates.selectors import (
    certificate_by_code,
    certificates_downloadable_by,
    certificates_visible_to,
)
from ..exceptions import EngineRefusal
from ..models import Certificate
from ..services.certificates import REASON_MAX_LENGTH, certificate_revoke

CONTENT_TYPES = {"png": "image/png", "pdf": "application/pdf"}
LIST_LIMIT = 200  # the office's list shows the latest; the admin has the rest


@require_GET
def verify(request, verification_code):
    """Anyone with the code (usually from the QR code) sees whether the certificate is valid."""
    certificate = certificate_by_code(verification_code)
    if certificate is None:
        return render(request, "courses/certificates/verify_unknown.html", status=404)
    return render(
        request,
        "courses/certificates/verify.html",
        {
            "certificate": certificate,
            "name": name_masked(certificate.trainee_name),
            "hours": hours_display(certificate.hours),
        },
    )


@login_required
@require_GET
def download(request, pk: int, fmt: str):
    """The certificate's PNG or PDF, for its trainee or the office; 404 for anyone else."""
    certificate = get_object_or_404(certificates_downloadable_by(request.user), pk=pk)
    if not certificate.has_files:
        # Issued a moment ago: the files are drawn after the certificate is committed.
        messages.info(
            request,
            _(
                "The files of certificate %(serial)s are still being prepared. "
                "Try again in a few minutes."
            )
            % {"serial": certificate.serial},
        )
        return redirect("courses:certificate-list")
    file = certificate.png if fmt == "png" else certificate.pdf
    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{certificate.serial}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def certificate_list(request):
    """The user's own certificates; the office sees the latest of everyone's."""
    office = request.user.has_perm(MANAGE_CERTIFICATES)
    certificates = certificates_visible_to(request.user)
    if office:
        certificates = certificates[:LIST_LIMIT]
    return render(
        request,
        "courses/certificates/list.html",
        {
            "office": office,
            "certificates": [(c, hours_display(c.hours)) for c in certificates],
        },
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revoking"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Kept in the audit trail. The verification page shows only that the certificate "
            "was revoked, and when."
        ),
        error_messages={"required": gettext_lazy("Give a reason for revoking the certificate.")},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def revoke(request, pk: int):
    """The office confirms revoking a certificate and gives a reason."""
    if not request.user.has_perm(MANAGE_CERTIFICATES):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate.objects.select_related("revoked_by"), pk=pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and certificate.revoked_at is None and form.is_valid():
        try:
            certificate_revoke(
                actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
        except EngineRefusal as refusal:
            form.add_error(None, " ".join(refusal.messages))
        else:
            messages.success(
                request,
                _("Certificate %(serial)s has been revoked.") % {"serial": certificate.serial},
            )
            return redirect("courses:certificate-list")
    return render(
        request,
        "courses/certificates/revoke.html",
        {"certificate": certificate, "form": form, "hours": hours_display(certificate.hours)},
        status=400 if form.errors else 200,
    )
