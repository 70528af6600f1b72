"""Scenario runs (情景体验): the server plays the branching script, one choice at a time.

The browser only ever learns the step in front of the trainee (its situation and the labels of
its choices) and what the choice they made led to. Each choice is checked here against the
published script and the run's current step, so a stale tab, a double tap or a forged request
records nothing; the path, the score and the ending are the server's account.

A run that reaches an ending reports it to the engine (``activity_run_finished``); the
reflection is then written and reviewed through the submissions flow. The office decides per
exercise whether a finished scenario may be played again (``ScenarioPolicy.replay_allowed``).

Lock order, as everywhere in the engine: the trainee's enrolment first, then the run.

A run whose current step has disappeared (the office republished the script while it was open)
can never be finished; starting again closes it without an ending ("abandoned") so the
trainee is not stuck behind the one-open-run constraint. Abandoned runs never count.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.audit.services import audit_record

from ..exceptions import EngineRefusal
from ..models import ScenarioPolicy, ScenarioRun, ScenarioRunChoice
from ..scenario_script import Ending, Step, best_score, script_errors
from .progress import _activity_and_enrolment, activity_run_finished


@dataclass(frozen=True)
class ScenarioPlay:
    """Where a run stands after a service call: what the player shows next.

    ``node`` is the current step while the run is open and its ending once it is finished;
    ``path`` is every choice made before (when a run is resumed); ``chosen`` the one just
    made, if any.
    """

    run: ScenarioRun
    node: Step | Ending
    policy: ScenarioPolicy
    path: list[ScenarioRunChoice] = field(default_factory=list)
    chosen: ScenarioRunChoice | None = None
    resumed: bool = False


def _scenario_or_refuse(specific) -> ScenarioPolicy:
    if not isinstance(specific, ScenarioPolicy):
        raise EngineRefusal(
            _("“%(title)s” is not a scenario exercise.") % {"title": specific.title}
        )
    return specific


def _playable_script(policy: ScenarioPolicy) -> dict[str, Step | Ending]:
    nodes = policy.scenario_nodes()
    if not nodes or script_errors(nodes):
        raise EngineRefusal(_("This exercise is not ready yet. Please come back later."))
    return {node.key: node for node in nodes}


def _abandon(run: ScenarioRun, *, actor) -> None:
    run.finished_at = timezone.now()
    run.ending_key = ""
    run.ending_title = ""
    run.save(update_fields=["finished_at", "ending_key", "ending_title"])
    audit_record(actor=actor, action="scenario_run.abandon", target=run, at_step=run.current_key)


@transaction.atomic
def scenario_run_start(*, trainee, activity: Page) -> ScenarioPlay:
    """Open a run of the scenario for an enrolled trainee, or resume the one already open.

    Starting is also how the page resumes after a reload, so it is safe to call repeatedly.
    """
    specific, _enrolment = _activity_and_enrolment(trainee=trainee, activity=activity)
    policy = _scenario_or_refuse(specific)
    if not specific.live:
        raise EngineRefusal(_("This exercise is not published."))
    by_key = _playable_script(policy)
    first_key = next(iter(by_key))

    open_run = (
        ScenarioRun.objects.select_for_update()
        .filter(trainee=trainee, activity_id=specific.pk, finished_at__isnull=True)
        .first()
    )
    if open_run is not None:
        node = by_key.get(open_run.current_key)
        if isinstance(node, Step):
            return ScenarioPlay(
                run=open_run,
                node=node,
                policy=policy,
                path=list(open_run.choices.order_by("position")),
                resumed=True,
            )
        _abandon(open_run, actor=trainee)

    runs = ScenarioRun.objects.filter(trainee=trainee, activity_id=specific.pk)
    if (
        not policy.replay_allowed
        and runs.filter(finished_at__isnull=False).exclude(ending_key="").exists()
    ):
        raise EngineRefusal(
            _(
                "This scenario may be played only once, and you have already finished it. "
                "Your run is kept on this page."
            )
        )
    number = (runs.aggregate(last=Max("number"))["last"] or 0) + 1
    try:
        with transaction.atomic():
            run = ScenarioRun.objects.create(
                trainee=trainee,
                activity_id=specific.pk,
                number=number,
                started_at=timezone.now(),
                current_key=first_key,
                best_score=best_score(list(by_key.values())),
            )
    except IntegrityError:
        # Another tab opened a run a moment ago (the enrolment lock does not exist on
        # SQLite): resuming it is the same outcome for the trainee.
        run = ScenarioRun.objects.select_for_update().get(
            trainee=trainee, activity_id=specific.pk, finished_at__isnull=True
        )
        return ScenarioPlay(
            run=run,
            node=by_key[run.current_key],
            policy=policy,
            path=list(run.choices.order_by("position")),
            resumed=True,
        )
    audit_record(actor=trainee, action="scenario_run.start", target=run, number=number)
    return ScenarioPlay(run=run, node=by_key[first_key], policy=policy)


@transaction.atomic
def scenario_run_choose(*, trainee, run_id: int, step_key: str, choice_index: int) -> ScenarioPlay:
    """Record the trainee's choice at the run's current step and move the run on.

    ``step_key`` is the step the player showed: if the run has moved on since (a second tab, a
    double tap, a replayed request), nothing is recorded. Raises ``ScenarioRun.DoesNotExist``
    for a run that is not the trainee's, so its existence is not revealed.
    """
    found = (
        ScenarioRun.objects.filter(pk=run_id, trainee=trainee).select_related("activity").first()
    )
    if found is None:
        raise ScenarioRun.DoesNotExist(_("There is no such run of yours."))
    specific, _enrolment = _activity_and_enrolment(trainee=trainee, activity=found.activity)
    policy = _scenario_or_refuse(specific)
    run = ScenarioRun.objects.select_for_update().get(pk=found.pk)
    if run.is_finished:
        raise EngineRefusal(_("This run has already ended. Start a new run to play again."))
    if not isinstance(step_key, str) or step_key != run.current_key:
        raise EngineRefusal(
            _(
                "This choice was made on a step your run has already left, so it was not "
                "recorded. Reload the page to continue from where you are."
            )
        )
    by_key = _playable_script(policy)
    step = by_key.get(run.current_key)
    if not isinstance(step, Step):
        raise EngineRefusal(
            _(
                "This exercise was changed while you were playing it. Reload the page to "
                "start again."
            )
        )
    if (
        isinstance(choice_index, bool)
        or not isinstance(choice_index, int)
        or not 0 <= choice_index < len(step.choices)
    ):
        raise EngineRefusal(_("That is not one of the choices at this step."))

    choice = step.choices[choice_index]
    next_node = by_key[choice.next_key]  # the script was checked: every choice leads somewhere
    now = timezone.now()
    position = (run.choices.aggregate(last=Max("position"))["last"] or 0) + 1
    chosen = ScenarioRunChoice.objects.create(
        run=run,
        position=position,
        step_key=step.key,
        step_title=step.title[:100],
        choice_index=choice_index,
        choice_label=choice.label[:200],
        consequence=choice.consequence,
        score=choice.score,
        next_key=choice.next_key,
        chosen_at=now,
    )
    run.score += choice.score
    run.current_key = choice.next_key
    fields = ["score", "current_key"]
    if isinstance(next_node, Ending):
        run.finished_at = now
        run.ending_key = next_node.key
        run.ending_title = next_node.title[:100]
        run.best_score = best_score(list(by_key.values()))
        fields += ["finished_at", "ending_key", "ending_title", "best_score"]
    run.save(update_fields=fields)
    audit_record(
        actor=trainee,
        action="scenario_run.choose",
        target=run,
        position=position,
        step=step.key,
        choice=choice_index,
        score=choice.score,
    )
    if run.is_finished:
        audit_record(
            actor=trainee,
            action="scenario_run.finish",
            target=run,
            ending=run.ending_key,
            score=run.score,
            best_score=run.best_score,
        )
        activity_run_finished(trainee=trainee, activity=found.activity, at=now)
    return ScenarioPlay(run=run, node=next_node, policy=policy, chosen=chosen)
