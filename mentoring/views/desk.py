"""The mentor's desk (导师工作台) and the trainee's own mentoring page (我的带教).

The desk puts a mentor's current trainees side by side (courses, hours this year, readiness
for the next stage, coaching), with the work waiting for their marking and the agreed actions
overdue or due soon; past trainees are listed apart and open read-only. The office may look
at any mentor's desk (``?mentor=<id>``). The trainee's page shows their mentors, the sessions
logged with them (summaries only) to acknowledge, and their agreed actions.

Both pages combine selectors and hold no queries of their own; the desk answers in the same
number of queries for 3 trainees as for 60.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import selectors
from ..access import viewer_for
from ..forms.coaching import AcknowledgeForm
from ..models import AgreedAction
from .coaching import acknowledge_prefix, optional_url


def _chosen_mentor(request):
    """For the office: the mentor named in ``?mentor=``, among the studio's mentors."""
    try:
        mentor_id = int(request.GET["mentor"])
    except ValueError:
        raise Http404 from None
    if not 0 < mentor_id < 2**63:  # beyond a database id: no such mentor
        raise Http404
    profile = selectors.mentor_loads(viewer=request.user).filter(user_id=mentor_id).first()
    if profile is None:
        raise Http404
    return profile.user


@login_required
@require_GET
def mentor_desk(request):
    user = request.user
    roles = viewer_for(user)
    if "mentor" in request.GET and roles.office:
        mentor = _chosen_mentor(request)
    elif roles.mentor:
        mentor = user
    elif roles.office:
        return render(
            request,
            "mentoring/desk/mentor_choice.html",
            {"loads": list(selectors.mentor_loads(viewer=user))},
        )
    else:
        raise PermissionDenied
    desk = selectors.mentor_desk_for(viewer=user, mentor=mentor)
    if desk is None:
        raise PermissionDenied
    return render(
        request,
        "mentoring/desk/mentor_desk.html",
        {
            "desk": desk,
            "own_desk": mentor.pk == user.pk,
            "rows": [(line, _trainee_links(line.trainee.pk)) for line in desk.current],
        },
    )


def _existing(links) -> list[tuple[str, str]]:
    return [(label, url) for label, url in links if url]


def _trainee_links(trainee_id: int) -> list[tuple[str, str]]:
    """Pages other areas provide about one trainee, where they exist yet."""
    return _existing(
        [
            (_("Readiness for the next stage"), optional_url("mentoring:readiness", trainee_id)),
            (_("Evaluations"), optional_url("mentoring:evaluation-trainee", trainee_id)),
        ]
    )


@login_required
@require_GET
def my_mentoring(request):
    """The trainee's mentors, coaching sessions to acknowledge, and agreed actions."""
    user = request.user
    if not viewer_for(user).trainee:
        # Not a trainee: no mentors, evaluations or readiness of their own to link to. The
        # login's landing page knows each role's home.
        return redirect(settings.LOGIN_REDIRECT_URL)
    sessions = selectors.coaching_log_for(viewer=user, trainee=user)
    rows = [
        (
            session,
            AcknowledgeForm(
                prefix=acknowledge_prefix(session), initial={"reflection": session.reflection}
            ),
        )
        for session in sessions
    ]
    actions = [action for session in sessions for action in session.agreed_actions]
    open_actions = sorted(
        (a for a in actions if a.status == AgreedAction.Status.OPEN),
        key=lambda a: (a.due_on, a.pk),
    )
    return render(
        request,
        "mentoring/desk/my_mentoring.html",
        {
            "mentors": list(selectors.current_mentors_of(user)),
            "rows": rows,
            "open_actions": open_actions,
            "closed_actions": [a for a in actions if a.status != AgreedAction.Status.OPEN],
            "overdue": [a for a in open_actions if a.is_overdue],
            "unacknowledged": [s for s in sessions if s.acknowledged_at is None],
            "links": _existing(
                [
                    (_("My shadowing rotations"), optional_url("mentoring:rotation-list")),
                    (_("My evaluations"), optional_url("mentoring:evaluation-trainee", user.pk)),
                    (
                        _("My readiness for the next stage"),
                        optional_url("mentoring:readiness", user.pk),
                    ),
                ]
            ),
        },
    )
