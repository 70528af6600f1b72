"""Scenario runs side by side (情景体验复盘): a mentor's trainees' runs of one scenario exercise,
next to the exercise's debriefing notes, to prepare a debriefing.

Mentors see the trainees they mentor now, the office everyone; the engine's selectors decide
who is in (``courses.selectors.scenario_runs_visible_to``), so this page, the review queue and
the player cannot disagree. Anyone else (a trainee, a host secretary) is refused. The page
reads only through selectors and answers in the same number of queries for 2 trainees as for
60.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from courses import selectors as course_selectors

from ..access import viewer_for


def _mentor_or_office(user):
    viewer = viewer_for(user)
    if not (viewer.office or viewer.mentor):
        raise PermissionDenied


@login_required
@require_GET
def scenario_exercise_list(request):
    """The scenario exercises the viewer's trainees have played, the latest first."""
    _mentor_or_office(request.user)
    return render(
        request,
        "mentoring/scenario_runs/list.html",
        {"summaries": course_selectors.scenario_exercises_visible_to(request.user)},
    )


@login_required
@require_GET
def scenario_runs(request, activity_id: int):
    """One column per trainee: each run's path step by step, its ending and score, the run
    that counts, and where the trainee's reflection stands."""
    _mentor_or_office(request.user)
    activity = course_selectors.scenario_exercise_for(activity_id=activity_id)
    if activity is None:
        raise Http404
    columns = course_selectors.scenario_runs_visible_to(request.user, activity=activity)
    return render(
        request,
        "mentoring/scenario_runs/detail.html",
        {
            "activity": activity,
            "columns": columns,
            "run_count": sum(len(column.runs) for column in columns),
        },
    )
