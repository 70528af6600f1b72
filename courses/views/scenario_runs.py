"""The scenario player's JSON endpoints: start (or resume) a run, and make a choice.

The answers carry only what the trainee may see at that moment: the current step's title,
situation and choice labels, the consequence of the choice they made, and at an ending the
outcome, the run's score out of the best possible and the reflection prompt. Scores, the steps
choices lead to and the consequences of choices not taken stay on the server, and so do the
debriefing notes. A refusal is ``{"ok": false, "message": …}`` in the user's language with
400 (or 404 for a run or exercise that is not theirs), never an error page.
"""

import json

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..curriculum import activity_pages
from ..exceptions import EngineRefusal
from ..models import ScenarioRun
from ..scenario_script import Ending

MAX_BODY_BYTES = 2_000


def _refusal(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"ok": False, "message": message}, status=status)


def _not_found() -> JsonResponse:
    return _refusal(_("This scenario run was not found."), status=404)


def _node_json(node) -> dict:
    if isinstance(node, Ending):
        return {"type": "ending", "key": node.key, "title": node.title, "outcome": node.outcome}
    return {
        "type": "step",
        "key": node.key,
        "title": node.title,
        "situation": node.situation,
        "choices": [{"index": i, "label": choice.label} for i, choice in enumerate(node.choices)],
    }


def _chosen_json(record) -> dict:
    return {
        "step": record.step_title,
        "choice": record.choice_label,
        "consequence": record.consequence,
    }


def _play_json(play) -> dict:
    run = play.run
    answer = {
        "ok": True,
        "run": {
            "id": run.pk,
            "number": run.number,
            "finished": run.is_finished,
            "choose_url": reverse("courses:scenario-run-choose", args=[run.pk]),
        },
        "path": [_chosen_json(record) for record in play.path],
        "node": _node_json(play.node),
    }
    if play.chosen is not None:
        answer["chosen"] = _chosen_json(play.chosen)
    if run.is_finished:
        answer["run"].update({"score": run.score, "best_score": run.best_score})
        answer["reflection"] = {
            "prompt": getattr(play.policy, "reflection_prompt", "") or "",
            "url": reverse("courses:submission-start", args=[run.activity_id]),
        }
        answer["replay_allowed"] = play.policy.replay_allowed
    return answer


def _posted_json(request) -> dict | None:
    if len(request.body) > MAX_BODY_BYTES:
        return None
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


@login_required
@require_POST
def scenario_run_start(request, activity_id: int):
    """Open a run, or resume the open one (the page calls this after a reload too)."""
    activity = activity_pages().live().filter(pk=activity_id).first()
    if activity is None:
        return _refusal(_("This scenario exercise was not found."), status=404)
    try:
        play = services.scenario_run_start(trainee=request.user, activity=activity)
    except EngineRefusal as refusal:
        return _refusal(" ".join(refusal.messages))
    return JsonResponse(_play_json(play), status=200 if play.resumed else 201)


@login_required
@require_POST
def scenario_run_choose(request, run_id: int):
    """``{"step": "<key of the step shown>", "choice": <index of the choice>}``."""
    data = _posted_json(request)
    if data is None or not isinstance(data.get("step"), str) or "choice" not in data:
        return _refusal(_("The choice could not be read. Reload the page and try again."))
    try:
        play = services.scenario_run_choose(
            trainee=request.user,
            run_id=run_id,
            step_key=data["step"],
            choice_index=data["choice"],
        )
    except ScenarioRun.DoesNotExist:
        return _not_found()
    except EngineRefusal as refusal:
        return _refusal(" ".join(refusal.messages))
    return JsonResponse(_play_json(play))
