"""A trainee's own actions on the course pages: enrol themselves, confirm an online activity.

Both answer a POST from a form on the page and go back to it with a message; a refusal is a
message, never an error page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..curriculum import activity_pages, course_pages


def _back_to(page):
    return redirect(page.url or "/")


@login_required
@require_POST
def course_enrol(request, course_id):
    course = get_object_or_404(course_pages().live(), pk=course_id)
    try:
        services.enrolment_create(actor=request.user, trainee=request.user, course=course)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("You are enrolled. Welcome to the course!"))
    return _back_to(course)


@login_required
@require_POST
def activity_confirm(request, activity_id):
    activity = get_object_or_404(activity_pages().live(), pk=activity_id)
    if not activity.specific.completion_rule().accepts_confirmation:
        raise Http404
    try:
        progress = services.activity_confirm(trainee=request.user, activity=activity)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        if progress.completed_at:
            messages.success(request, _("Done: this activity is complete."))
        else:
            messages.info(request, _("Noted. Pass the quiz to complete this activity."))
    return _back_to(activity)
