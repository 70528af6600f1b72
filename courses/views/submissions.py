"""Trainees write reports and reflections; reviewers accept them or return them.

Access: a trainee reaches only their own work (anyone else's is "not found", so its existence
is not revealed); reviewers reach work sent for review when ``courses.review_work`` holds for
that submission. Photos are served here, after the same check, never from a public media URL.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from ..exceptions import EngineRefusal, NotAllowed
from ..forms.submissions import AutosaveForm, ReviewForm, SubmissionForm
from ..models import Enrolment, Submission, SubmissionPhoto
from ..richtext import richtext_clean, richtext_from_plain, richtext_to_plain
from ..selectors import (
    enrolment_for,
    reviews_work,
    submission_for,
    submissions_of,
    submissions_to_review,
)
from ..services.submissions import (
    EDITABLE,
    submission_accept,
    submission_kind_for,
    submission_return,
    submission_save,
    submission_submit,
)
from ..uploads import (
    ACCEPT,
    CONTENT_TYPES,
    MAX_PHOTO_BYTES,
    MAX_PHOTOS_PER_SUBMISSION,
    MAX_REQUEST_PHOTO_BYTES,
    MAX_REQUEST_PHOTO_PIXELS,
)

REVIEW_QUEUE_PAGE_SIZE = 50


def _refusal_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _body_html(submission: Submission | None):
    # Stored bodies were sanitised when saved; cleaning again on the way out means a row
    # written by any other path still cannot carry a script into a reviewer's browser.
    return mark_safe(richtext_clean(submission.body)) if submission else ""  # noqa: S308


def _editor_html(form, submission: Submission | None) -> str:
    """What the rich editor starts from: the saved text, or what was just sent, cleaned."""
    if form.is_bound:
        body = form.data.get("body", "")
        if form.data.get("body_format") == "html":
            return richtext_clean(body)
        return richtext_from_plain(body)
    return richtext_clean(submission.body) if submission else ""


def _activity_or_404(activity_id: int) -> tuple[Page, str]:
    activity = get_object_or_404(Page.objects.live(), pk=activity_id).specific
    kind = submission_kind_for(activity)
    if kind is None:
        raise Http404
    return activity, kind


def _prompt(activity) -> str:
    return getattr(activity, "reflection_prompt", "") or ""


@login_required
@require_GET
def submission_list(request):
    """The trainee's own reports and reflections, with where each one stands."""
    return render(
        request,
        "courses/submissions/list.html",
        {"submissions": submissions_of(request.user), "reviews_work": reviews_work(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def submission_start(request, activity_id: int):
    """Write the work for an activity: the first save creates the draft."""
    activity, kind = _activity_or_404(activity_id)
    existing = submission_for(trainee=request.user, activity=activity)
    if existing is not None:
        if request.method == "POST":
            return _edit(request, existing, activity)
        return redirect("courses:submission-edit", pk=existing.pk)
    enrolment = enrolment_for(trainee=request.user, course=activity.get_parent())
    if enrolment is None or enrolment.status == Enrolment.Status.WITHDRAWN:
        messages.error(request, _("Only trainees enrolled in this course write this work."))
        return redirect(activity.url or "/")
    return _edit(request, None, activity, kind=kind)


@login_required
@require_http_methods(["GET", "POST"])
def submission_edit(request, pk: int):
    """The trainee's own work: the editor while it is a draft or returned, read-only after."""
    submission = get_object_or_404(submissions_of(request.user), pk=pk)
    return _edit(request, submission, submission.activity.specific)


def _edit(request, submission: Submission | None, activity, *, kind: str | None = None):
    if submission is not None and submission.status not in EDITABLE:
        if request.method == "POST":
            # A second tap on "Submit", or a tab left open since: nothing more happens.
            if (
                submission.status == Submission.Status.SUBMITTED
                and request.POST.get("action") == "submit"
            ):
                messages.info(request, _("This work has already been submitted."))
            else:
                messages.error(request, _("This work can no longer be changed."))
            return redirect("courses:submission-edit", pk=submission.pk)
        return _render_detail(request, submission, activity)

    photos = list(submission.photos.all()) if submission else []
    initial = {"body": richtext_to_plain(submission.body) if submission else ""}
    form = SubmissionForm(
        request.POST or None, request.FILES or None, photos=photos, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            submission = submission_save(
                actor=request.user,
                activity=activity,
                body=form.cleaned_data["body"],
                body_format=form.cleaned_data["body_format"],
                new_photos=form.cleaned_data["new_photos"],
                captions=form.captions,
                remove_photo_ids=form.cleaned_data["remove_photos"],
            )
        except NotAllowed as error:
            raise Http404 from error
        except EngineRefusal as error:
            form.add_error(None, error)
        except ValidationError as error:
            # The photos that were refused, each with its reason; nothing was saved.
            form.add_error("new_photos", error)
        else:
            if request.POST.get("action") == "submit":
                try:
                    submission_submit(actor=request.user, submission=submission)
                except EngineRefusal as error:
                    messages.error(request, _refusal_text(error))
                else:
                    messages.success(request, _("Your work has been submitted for review."))
            else:
                messages.success(request, _("Your draft has been saved."))
            return redirect("courses:submission-edit", pk=submission.pk)

    return render(
        request,
        "courses/submissions/edit.html",
        {
            "activity": activity,
            "kind": submission.kind if submission else kind,
            "kind_label": Submission.Kind(submission.kind if submission else kind).label,
            "prompt": _prompt(activity),
            "submission": submission,
            "form": form,
            "accept": ACCEPT,
            "max_photos": MAX_PHOTOS_PER_SUBMISSION,
            "max_photo_bytes": MAX_PHOTO_BYTES,
            "max_request_bytes": MAX_REQUEST_PHOTO_BYTES,
            "max_request_megapixels": MAX_REQUEST_PHOTO_PIXELS // 1_000_000,
            "room_for_photos": MAX_PHOTOS_PER_SUBMISSION - len(photos),
            "action_url": (
                reverse("courses:submission-edit", args=[submission.pk])
                if submission
                else reverse("courses:submission-start", args=[activity.pk])
            ),
            "autosave_url": reverse("courses:submission-autosave", args=[activity.pk]),
            "editor_html": _editor_html(form, submission),
        },
        status=400 if request.method == "POST" else 200,
    )


def _render_detail(request, submission: Submission, activity):
    return render(
        request,
        "courses/submissions/detail.html",
        {
            "activity": activity,
            "submission": submission,
            "kind_label": submission.get_kind_display(),
            "prompt": _prompt(activity),
            "body_html": _body_html(submission),
            "photos": submission.photos.all(),
        },
    )


@login_required
@require_POST
def submission_autosave(request, activity_id: int):
    """The editor saves the text by itself as the trainee writes; answers in JSON."""
    activity, _kind = _activity_or_404(activity_id)
    form = AutosaveForm(request.POST)
    if not form.is_valid():
        return JsonResponse(
            {"saved": False, "error": _("The text could not be saved.")}, status=400
        )
    try:
        submission = submission_save(
            actor=request.user,
            activity=activity,
            body=form.cleaned_data["body"],
            body_format=form.cleaned_data["body_format"],
        )
    except ValidationError as error:
        return JsonResponse({"saved": False, "error": _refusal_text(error)}, status=409)
    saved_at = timezone.localtime(submission.updated_at)
    return JsonResponse(
        {
            "saved": True,
            "saved_at": saved_at.isoformat(),
            "saved_at_display": date_format(saved_at, "H:i"),
            "edit_url": reverse("courses:submission-edit", args=[submission.pk]),
        }
    )


@login_required
@require_GET
def submission_photo(request, pk: int, photo_pk: int):
    """A photo of a submission, for the trainee and the people who may review the work."""
    photo = get_object_or_404(
        SubmissionPhoto.objects.select_related("submission"), pk=photo_pk, submission_id=pk
    )
    if not request.user.has_perm("courses.view_work", photo.submission):
        raise Http404
    if photo.state != SubmissionPhoto.State.READY:
        # Still the upload as it came, with its metadata, or nothing usable: never served.
        raise Http404
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, content_type=CONTENT_TYPES.get(photo.extension, "application/octet-stream")
    )
    response["Content-Disposition"] = f'inline; filename="photo-{photo.pk}.{photo.extension}"'
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def review_queue(request):
    """Submitted work waiting for the reviewer, longest waiting first."""
    if not reviews_work(request.user):
        raise PermissionDenied
    page = Paginator(submissions_to_review(request.user), REVIEW_QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "courses/submissions/review_queue.html", {"page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def submission_review(request, pk: int):
    """Read the work and its photos; accept it, or return it with comments."""
    submission = get_object_or_404(
        Submission.objects.select_related("trainee", "activity", "reviewed_by").exclude(
            status=Submission.Status.DRAFT
        ),
        pk=pk,
    )
    if submission.trainee_id == request.user.pk or not request.user.has_perm(
        "courses.review_work", submission
    ):
        raise Http404

    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide = (
            submission_accept
            if form.cleaned_data["decision"] == ReviewForm.ACCEPT
            else submission_return
        )
        try:
            decide(actor=request.user, submission=submission, comment=form.cleaned_data["comment"])
        except NotAllowed as error:
            raise Http404 from error
        except EngineRefusal as error:
            messages.error(request, _refusal_text(error))
            return redirect("courses:submission-review", pk=submission.pk)
        if decide is submission_accept:
            messages.success(request, _("The work has been accepted."))
        else:
            messages.success(request, _("The work has been returned to the trainee."))
        return redirect("courses:review-queue")

    activity = submission.activity.specific
    return render(
        request,
        "courses/submissions/review.html",
        {
            "submission": submission,
            "activity": activity,
            "kind_label": submission.get_kind_display(),
            "prompt": _prompt(activity),
            "body_html": _body_html(submission),
            "photos": submission.photos.all(),
            "form": form,
            "decidable": submission.status == Submission.Status.SUBMITTED,
        },
        status=400 if request.method == "POST" else 200,
    )
