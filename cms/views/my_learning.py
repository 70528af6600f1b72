"""The trainee's home (我的学习): courses, hours, next sessions and work waiting.

It combines the engine's selectors and holds no queries of its own; each selector answers in a
fixed number of queries, so the page does too, however much the trainee has done.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from courses import selectors

from ..role_home import homes_for


@require_GET
@login_required
def role_home(request):
    """Where the login sends people who came with no ``next``: their role's home."""
    return redirect(homes_for(request.user).url)


@login_required
def my_learning(request):
    user = request.user
    homes = homes_for(user)
    if not homes.has_my_learning:
        # Mentors, hosts and the office have no courses, hours or certificates of their own
        # here; the trainee's page would only offer them links to nothing.
        return redirect(homes.url)
    return TemplateResponse(
        request,
        "cms/my_learning.html",
        {
            "courses": selectors.course_progress_for_trainee(user),
            "hours": selectors.hours_summary(user),
            "upcoming": selectors.upcoming_sessions_for(user),
            "waiting": selectors.work_waiting_for(user),
        },
    )
