"""Rubrics (kept by the office) and evaluations against them."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.people.roles import PLAN_MENTORING

from .. import engine
from ..access import is_current_mentor
from ..exceptions import MentoringRefusal, NotAllowed
from ..models import Evaluation, EvaluationScore, Rotation, Rubric, RubricDimension
from ..models.rotations import HOST_EVALUATION_DAYS
from ._common import clean_save, need_text, require_permission, today

Kind = Evaluation.Kind
HOST_WINDOW_DAYS = HOST_EVALUATION_DAYS  # a host evaluates from the rotation's last week on


def evaluation_opens_on(*, kind, rotation=None) -> datetime.date | None:
    """The day an evaluation of this kind can first be written, if that day is still ahead.

    Only the host's evaluation has a window (the rotation's last week); the others can be
    written any day. The pages ask this before offering a form, and ``evaluation_submit``
    refuses by the same answer, so nobody fills in a whole form only to be refused.
    """
    if kind == Kind.HOST and rotation is not None:
        opens_on = rotation.host_evaluation_opens_on
        if today() < opens_on:
            return opens_on
    return None


@transaction.atomic
def rubric_create(
    *, actor, name: str, dimensions, scale_min: int = 1, scale_max: int = 5, description=""
) -> Rubric:
    """A rubric with its dimensions, given as (name, descriptor) pairs, in order."""
    require_permission(actor, PLAN_MENTORING, _("Only the training office keeps rubrics."))
    dimensions = list(dimensions)
    if not dimensions:
        raise MentoringRefusal(_("A rubric needs at least one dimension."))
    rubric = clean_save(
        Rubric(
            name=need_text(name, _("Name the rubric.")),
            description=description,
            scale_min=scale_min,
            scale_max=scale_max,
        )
    )
    for order, (dimension, descriptor) in enumerate(dimensions):
        clean_save(
            RubricDimension(
                rubric=rubric, name=dimension, descriptor=descriptor or "", sort_order=order
            )
        )
    audit_record(actor=actor, action="rubric.create", target=rubric, dimensions=len(dimensions))
    return rubric


def _check_evaluator(*, actor, trainee, kind, rotation, cohort) -> None:
    if kind == Kind.SELF:
        if actor.pk != trainee.pk:
            raise NotAllowed(_("A self-evaluation is written by the trainee themselves."))
    elif kind == Kind.MENTOR:
        if not is_current_mentor(actor, trainee.pk):
            raise NotAllowed(_("Only the trainee's current mentors write a mentor's evaluation."))
    elif kind == Kind.HOST:
        if rotation is None or rotation.host_id != actor.pk or rotation.trainee_id != trainee.pk:
            raise NotAllowed(_("A host evaluates only the trainee of a rotation they host."))
        if rotation.status == Rotation.Status.CANCELLED:
            raise MentoringRefusal(_("This rotation was cancelled."))
        if opens_on := evaluation_opens_on(kind=kind, rotation=rotation):
            raise MentoringRefusal(
                _("The host evaluates at the end of the rotation, from %(date)s.")
                % {"date": opens_on}
            )
    elif kind == Kind.PEER:
        if cohort is None or actor.pk == trainee.pk:
            raise NotAllowed(_("A peer evaluation is of another member of your cohort."))
        if not (engine.in_cohort(actor, cohort) and engine.in_cohort(trainee, cohort)):
            raise NotAllowed(_("Peers evaluate only members of their own cohort."))
    else:
        raise MentoringRefusal(_("Unknown kind of evaluation."))


@transaction.atomic
def evaluation_submit(
    *,
    actor,
    rubric,
    trainee,
    kind,
    scores: dict,
    comment: str = "",
    rotation=None,
    cohort=None,
    evaluated_on=None,
) -> Evaluation:
    """Score every dimension of the rubric. ``scores`` maps dimension (or its id) to a score.

    Host: only for their rotation's trainee; mentor: only their current trainees; self: only
    oneself; peer: only a fellow member of the cohort.
    """
    if not rubric.is_active:
        raise MentoringRefusal(_("This rubric is no longer in use."))
    _check_evaluator(actor=actor, trainee=trainee, kind=kind, rotation=rotation, cohort=cohort)
    dimensions = {d.pk: d for d in rubric.dimensions.all()}
    given = {getattr(key, "pk", key): value for key, value in scores.items()}
    unknown = set(given) - set(dimensions)
    if unknown:
        raise MentoringRefusal(_("Some scores are not for this rubric's dimensions."))
    missing = [d.name for pk, d in dimensions.items() if pk not in given]
    if missing:
        raise MentoringRefusal(
            _("Score every dimension; missing: %(names)s") % {"names": "、".join(missing)}
        )
    for pk, value in given.items():
        if not isinstance(value, int) or not rubric.scale_min <= value <= rubric.scale_max:
            raise MentoringRefusal(
                _("Scores for “%(dimension)s” run from %(low)d to %(high)d.")
                % {
                    "dimension": dimensions[pk].name,
                    "low": rubric.scale_min,
                    "high": rubric.scale_max,
                }
            )
    evaluation = clean_save(
        Evaluation(
            rubric=rubric,
            trainee=trainee,
            evaluator=actor,
            kind=kind,
            rotation=rotation if kind == Kind.HOST else None,
            cohort=cohort if kind == Kind.PEER else None,
            evaluated_on=evaluated_on or today(),
            comment=comment or "",
        )
    )
    EvaluationScore.objects.bulk_create(
        EvaluationScore(evaluation=evaluation, dimension_id=pk, score=value)
        for pk, value in sorted(given.items())
    )
    audit_record(
        actor=actor, action="evaluation.submit", target=evaluation, kind=kind, trainee=trainee.pk
    )
    return evaluation
