"""The trainee's home (我的学习): courses, hours, next sessions and work waiting.

It combines the engine's selectors and holds no queries of its own; each selector answers in a
fixed number of queries, so the page does too, however much the trainee has done.
"""

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from courses import selectors


@login_required
def my_learning(request):
    user = request.user
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
