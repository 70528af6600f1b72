"""Livelihood micro-projects (民生微实事): recorded and kept up to date by the office."""

from django.db import transaction
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.people.roles import PLAN_MENTORING

from ..models import LivelihoodProject
from ._common import clean_save, need_text, require_permission, today


@transaction.atomic
def livelihood_project_record(
    *,
    actor,
    title: str,
    branch,
    lead,
    budget,
    status=LivelihoodProject.Status.PROPOSED,
    started_on=None,
    completed_on=None,
) -> LivelihoodProject:
    require_permission(actor, PLAN_MENTORING, _("Only the training office records micro-projects."))
    project = clean_save(
        LivelihoodProject(
            title=need_text(title, _("Give the project a title.")),
            branch=branch,
            lead=lead,
            budget=budget,
            status=status,
            started_on=started_on,
            completed_on=completed_on,
            created_by=actor,
        )
    )
    audit_record(actor=actor, action="project.record", target=project, lead=lead.pk)
    return project


@transaction.atomic
def livelihood_project_set_status(*, actor, project, status, on=None) -> LivelihoodProject:
    require_permission(actor, PLAN_MENTORING, _("Only the training office records micro-projects."))
    project = LivelihoodProject.objects.select_for_update().get(pk=project.pk)
    project.status = status
    if status == LivelihoodProject.Status.IN_PROGRESS and project.started_on is None:
        project.started_on = on or today()
    if status == LivelihoodProject.Status.COMPLETED:
        project.completed_on = on or today()
    clean_save(project)
    audit_record(actor=actor, action="project.status", target=project, status=status)
    return project
