"""Every write the mentoring app makes: keyword-only, one transaction, permission checked
inside, an audit entry written. Views, admin, tasks and commands call these."""

from .assignments import (
    assignment_create,
    assignment_end,
    assignment_propose_for_cohort,
    host_profile_set,
    mentor_profile_set,
    proposal_change_row,
    proposal_confirm,
    proposal_discard,
)
from .coaching import (
    coaching_action_add,
    coaching_action_set_status,
    coaching_session_acknowledge,
    coaching_session_log,
)
from .configuration import (
    criterion_delete,
    criterion_save,
    livelihood_project_update,
    rubric_dimensions_set,
    rubric_update,
    stage_create,
    stage_update,
)
from .dossiers import dossier_generate, dossier_request
from .evaluations import evaluation_opens_on, evaluation_submit, rubric_create
from .progression import (
    appointment_record,
    promotion_decide,
    promotion_nominate,
    promotion_review_record,
    signoff_record,
    signoff_withdraw,
)
from .projects import livelihood_project_record, livelihood_project_set_status
from .rotations import (
    journal_write,
    rotation_cancel,
    rotation_complete,
    rotation_plan_change_row,
    rotation_plan_confirm,
    rotation_plan_discard,
    rotation_plan_propose,
    rotation_schedule,
)

__all__ = [
    "appointment_record",
    "assignment_create",
    "assignment_end",
    "assignment_propose_for_cohort",
    "coaching_action_add",
    "coaching_action_set_status",
    "coaching_session_acknowledge",
    "coaching_session_log",
    "criterion_delete",
    "criterion_save",
    "dossier_generate",
    "dossier_request",
    "evaluation_opens_on",
    "evaluation_submit",
    "host_profile_set",
    "journal_write",
    "livelihood_project_record",
    "livelihood_project_set_status",
    "livelihood_project_update",
    "mentor_profile_set",
    "promotion_decide",
    "promotion_nominate",
    "promotion_review_record",
    "proposal_change_row",
    "proposal_confirm",
    "proposal_discard",
    "rotation_cancel",
    "rotation_complete",
    "rotation_plan_change_row",
    "rotation_plan_confirm",
    "rotation_plan_discard",
    "rotation_plan_propose",
    "rotation_schedule",
    "rubric_create",
    "rubric_dimensions_set",
    "rubric_update",
    "signoff_record",
    "signoff_withdraw",
    "stage_create",
    "stage_update",
]
