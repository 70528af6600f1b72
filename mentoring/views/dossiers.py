"""The evidence dossier: the office's page to ask for it (again), and the download.

Thin views: ``mentoring.dossier.selectors`` decides who sees what, the services in
``mentoring.services.dossiers`` write. The file is never linked from a media URL; the download
view checks access and streams it. Anyone the page is not for gets a 404, so the addresses
do not even tell whether a trainee or a dossier exists.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lms.people.roles import VIEW_DOSSIER

from ..dossier.selectors import dossier_for, dossiers_downloadable_by
from ..models import Dossier
from ..selectors import trainees_visible_to
from ..services import dossier_request as dossier_request_service


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def dossier_request(request, trainee_id: int):
    """The trainee's dossier as the office sees it, with the button to (re)generate it."""
    if not request.user.has_perm(VIEW_DOSSIER):
        raise Http404
    trainee = get_object_or_404(trainees_visible_to(request.user), pk=trainee_id)
    if request.method == "POST":
        try:
            dossier_request_service(actor=request.user, trainee=trainee)
        except (ValidationError, PermissionDenied) as refusal:
            messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
        else:
            messages.success(
                request,
                _(
                    "The dossier of %(name)s is being generated. It replaces the previous one "
                    "when it is ready."
                )
                % {"name": trainee},
            )
        return redirect("mentoring:dossier-request", trainee_id=trainee.pk)
    dossier = dossier_for(viewer=request.user, trainee=trainee)
    return render(
        request,
        "mentoring/dossiers/request.html",
        {
            "trainee": trainee,
            "dossier": dossier,
            "pending": dossier is not None and dossier.status == Dossier.Status.PENDING,
        },
    )


@login_required
@require_GET
def dossier_download(request, trainee_id: int):
    """The dossier PDF, for the office and the trainee's current primary mentor; 404 otherwise."""
    dossier = get_object_or_404(dossiers_downloadable_by(request.user), trainee_id=trainee_id)
    if not dossier.file:
        raise Http404
    try:
        handle = dossier.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    day = timezone.localdate(dossier.generated_at) if dossier.generated_at else None
    stem = f"dossier-{dossier.trainee.username}" + (f"-{day:%Y%m%d}" if day else "")
    response = FileResponse(
        handle, as_attachment=True, filename=f"{stem}.pdf", content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response
