"""What the office configures: rubrics and their dimensions, progression stages, and edits to
livelihood micro-projects. Creating a rubric, recording a project and setting a mentor's or a
host's capacity have their own services beside the records they serve.

Records that others point at are never deleted here: a rubric is taken out of use, a project is
cancelled, a stage stays on the ladder.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.people.roles import PLAN_MENTORING

from ..exceptions import MentoringRefusal
from ..models import (
    CoursesCompletedCriterion,
    EvaluationAverageCriterion,
    EvaluationScore,
    LearningHoursCriterion,
    LivelihoodProject,
    Rubric,
    RubricDimension,
    Stage,
)
from ._common import clean_save, need_text, require_permission, today

# Rubrics -------------------------------------------------------------------------------------


@transaction.atomic
def rubric_update(
    *,
    actor,
    rubric,
    name: str,
    scale_min: int,
    scale_max: int,
    description: str = "",
    is_active: bool = True,
) -> Rubric:
    """Rename, describe, re-scale or retire a rubric. Once it has been used, its scale is
    fixed: the scores already given were given on it."""
    require_permission(actor, PLAN_MENTORING, _("Only the training office keeps rubrics."))
    rubric = Rubric.objects.select_for_update().get(pk=rubric.pk)
    rescaled = (scale_min, scale_max) != (rubric.scale_min, rubric.scale_max)
    if rescaled and rubric.evaluations.exists():
        raise MentoringRefusal(
            _(
                "“%(rubric)s” has been used for evaluations, so its scale (%(low)d to %(high)d) "
                "can no longer change. Create a new rubric instead."
            )
            % {"rubric": rubric.name, "low": rubric.scale_min, "high": rubric.scale_max}
        )
    rubric.name = need_text(name, _("Name the rubric."))
    rubric.description = description or ""
    rubric.scale_min, rubric.scale_max = scale_min, scale_max
    rubric.is_active = is_active
    clean_save(rubric)
    audit_record(
        actor=actor,
        action="rubric.update",
        target=rubric,
        scale=[scale_min, scale_max],
        is_active=is_active,
    )
    return rubric


@transaction.atomic
def rubric_dimensions_set(*, actor, rubric, dimensions) -> list[RubricDimension]:
    """Make the rubric's dimensions exactly ``dimensions``, in that order.

    Each item is ``(id or None, name, descriptor)``: an id keeps (and may rename) an existing
    dimension, None adds one. A dimension left out is removed, unless scores were given on it.
    """
    require_permission(actor, PLAN_MENTORING, _("Only the training office keeps rubrics."))
    rubric = Rubric.objects.select_for_update().get(pk=rubric.pk)
    wanted = [(pk, (name or "").strip(), (text or "").strip()) for pk, name, text in dimensions]
    if not wanted:
        raise MentoringRefusal(_("A rubric needs at least one dimension."))
    names = [name for _pk, name, _descriptor in wanted]
    if not all(names):
        raise MentoringRefusal(_("Name every dimension."))
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise MentoringRefusal(
            _("Each dimension is named once; repeated: %(names)s") % {"names": "、".join(repeated)}
        )
    existing = {d.pk: d for d in rubric.dimensions.all()}
    unknown = {pk for pk, _name, _descriptor in wanted if pk is not None} - set(existing)
    if unknown:
        raise MentoringRefusal(_("Some dimensions do not belong to this rubric."))
    dropped = set(existing) - {pk for pk, _name, _descriptor in wanted}
    scored = sorted(
        existing[pk].name
        for pk in EvaluationScore.objects.filter(dimension_id__in=dropped)
        .values_list("dimension_id", flat=True)
        .distinct()
    )
    if scored:
        raise MentoringRefusal(
            _("Scores were given on %(names)s, so these dimensions cannot be removed.")
            % {"names": "、".join(scored)}
        )
    RubricDimension.objects.filter(pk__in=dropped).delete()
    # Names are unique within a rubric: park the renamed ones first, so two dimensions can
    # swap names without tripping the constraint halfway.
    renamed = [pk for pk, name, _d in wanted if pk is not None and existing[pk].name != name]
    for pk in renamed:
        RubricDimension.objects.filter(pk=pk).update(name=f"\u2060{pk}")
        existing[pk].name = f"\u2060{pk}"
    result = []
    for order, (pk, name, descriptor) in enumerate(wanted):
        dimension = existing[pk] if pk is not None else RubricDimension(rubric=rubric)
        dimension.name, dimension.descriptor, dimension.sort_order = name, descriptor, order
        result.append(clean_save(dimension))
    audit_record(
        actor=actor,
        action="rubric.dimensions",
        target=rubric,
        dimensions=[d.name for d in result],
        removed=len(dropped),
    )
    return result


# Progression stages --------------------------------------------------------------------------


@transaction.atomic
def stage_create(*, actor, code: str, name: str, order: int) -> Stage:
    """Add a stage to the path; ``order`` places it on the ladder."""
    require_permission(
        actor, PLAN_MENTORING, _("Only the training office sets the progression stages.")
    )
    stage = clean_save(
        Stage(
            code=need_text(code, _("Give the stage a code.")),
            name=need_text(name, _("Name the stage.")),
            order=order,
        )
    )
    audit_record(actor=actor, action="stage.create", target=stage, code=stage.code, order=order)
    return stage


@transaction.atomic
def stage_update(*, actor, stage, name: str, order: int) -> Stage:
    """Rename a stage or move it on the ladder. Its code stays: hours targets and the
    trainees' records refer to it."""
    require_permission(
        actor, PLAN_MENTORING, _("Only the training office sets the progression stages.")
    )
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    stage.name = need_text(name, _("Name the stage."))
    stage.order = order
    clean_save(stage)
    audit_record(actor=actor, action="stage.update", target=stage, name=stage.name, order=order)
    return stage


# Livelihood micro-projects -------------------------------------------------------------------


@transaction.atomic
def livelihood_project_update(
    *,
    actor,
    project,
    title: str,
    branch,
    lead,
    budget,
    status,
    started_on=None,
    completed_on=None,
) -> LivelihoodProject:
    """Correct or bring up to date a recorded project. A project moved into progress or
    completed without a date takes today's date, as ``livelihood_project_set_status`` does."""
    require_permission(actor, PLAN_MENTORING, _("Only the training office records micro-projects."))
    project = LivelihoodProject.objects.select_for_update().get(pk=project.pk)
    project.title = need_text(title, _("Give the project a title."))
    project.branch, project.lead, project.budget = branch, lead, budget
    project.status, project.started_on, project.completed_on = status, started_on, completed_on
    Status = LivelihoodProject.Status
    if status == Status.IN_PROGRESS and project.started_on is None:
        project.started_on = today()
    if status == Status.COMPLETED and project.completed_on is None:
        project.completed_on = today()
    clean_save(project)
    audit_record(actor=actor, action="project.update", target=project, status=status)
    return project


# Promotion criteria --------------------------------------------------------------------------


def _criterion_refusals(criterion, courses) -> dict:
    """What the model's own validation does not catch, by field."""
    errors = {}
    first = Stage.objects.order_by("order").first()
    if (
        criterion.to_stage_id is not None
        and first is not None
        and criterion.to_stage_id == first.pk
    ):
        errors["to_stage"] = _("Nobody steps into the first stage; choose a later one.")
    hours = (
        getattr(criterion, "hours", None) if isinstance(criterion, LearningHoursCriterion) else None
    )
    if hours is not None and hours <= 0:
        errors["hours"] = _("Ask for more than zero learning hours.")
    if isinstance(criterion, EvaluationAverageCriterion) and criterion.rubric_id is not None:
        rubric, minimum = criterion.rubric, criterion.minimum
        if minimum is not None and not rubric.scale_min <= minimum <= rubric.scale_max:
            errors["minimum"] = _(
                "“%(rubric)s” scores from %(low)d to %(high)d; the average asked must lie there."
            ) % {"rubric": rubric.name, "low": rubric.scale_min, "high": rubric.scale_max}
    if isinstance(criterion, CoursesCompletedCriterion):
        if courses is not None:
            chosen = bool(list(courses))
        else:
            chosen = criterion.pk is not None and criterion.courses.exists()
        if not chosen:
            errors["courses"] = _("Choose at least one course.")
    return errors


@transaction.atomic
def criterion_save(*, actor, instance, courses=None):
    """Add or change a promotion criterion of any kind. ``courses`` (for the courses-completed
    kind) replaces its courses; left as None they stay as they are."""
    require_permission(
        actor, PLAN_MENTORING, _("Only the training office sets the promotion criteria.")
    )
    errors = _criterion_refusals(instance, courses)
    if errors:
        raise ValidationError(errors)
    creating = instance.pk is None
    clean_save(instance)
    if courses is not None:
        instance.courses.set(courses)
    audit_record(
        actor=actor,
        action="criterion.create" if creating else "criterion.update",
        target=instance,
        kind=instance._meta.model_name,
        to_stage=instance.to_stage.code,
        description=str(instance.describe()),
    )
    return instance


@transaction.atomic
def criterion_delete(*, actor, criterion) -> None:
    """Remove a criterion. Promotion cases keep the readiness they were nominated with (a copy
    in the case), so nothing on record points at it."""
    require_permission(
        actor, PLAN_MENTORING, _("Only the training office sets the promotion criteria.")
    )
    criterion = (
        criterion.get_real_instance() if hasattr(criterion, "get_real_instance") else criterion
    )
    audit_record(
        actor=actor,
        action="criterion.delete",
        target=criterion,
        kind=criterion._meta.model_name,
        to_stage=criterion.to_stage.code,
        description=str(criterion.describe()),
    )
    criterion.delete()
