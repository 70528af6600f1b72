"""Every write the learning engine makes. Other apps write engine records only through here."""

from .attempts import attempt_close_overdue as attempt_close_overdue
from .attempts import attempt_mark_slot as attempt_mark_slot
from .attempts import attempt_save_answers as attempt_save_answers
from .attempts import attempt_start as attempt_start
from .attempts import attempt_submit as attempt_submit
from .attendance import AttendanceOutcome as AttendanceOutcome
from .attendance import attendance_mark as attendance_mark
from .attendance import attendance_sign_in as attendance_sign_in
from .bank_transfer import ImportSummary as ImportSummary
from .bank_transfer import question_export as question_export
from .bank_transfer import question_export_problems as question_export_problems
from .bank_transfer import question_import as question_import
from .certificates import certificate_files_draw as certificate_files_draw
from .certificates import certificate_issue as certificate_issue
from .certificates import certificate_revoke as certificate_revoke
from .enrolment import (
    EnrolmentImportRefused,
    cohort_add_trainee,
    cohort_enrol_course,
    cohort_remove_trainee,
    cohort_save,
    enrolment_create,
    enrolment_import,
    enrolment_withdraw,
)
from .hours import hours_credit_manual, hours_target_set, stage_hours_target_save
from .progress import (
    activity_attendance_record,
    activity_confirm,
    activity_quiz_passed,
    activity_run_finished,
    activity_view,
    activity_work_accepted,
)
from .questions import category_delete as category_delete
from .questions import category_ensure_path as category_ensure_path
from .questions import category_save as category_save
from .questions import question_save as question_save
from .quizzes import quiz_save as quiz_save
from .quizzes import quiz_slot_add as quiz_slot_add
from .quizzes import quiz_slot_move as quiz_slot_move
from .quizzes import quiz_slot_remove as quiz_slot_remove
from .scenario_runs import ScenarioPlay as ScenarioPlay
from .scenario_runs import scenario_run_choose as scenario_run_choose
from .scenario_runs import scenario_run_start as scenario_run_start
from .submissions import submission_accept as submission_accept
from .submissions import submission_kind_for as submission_kind_for
from .submissions import submission_return as submission_return
from .submissions import submission_save as submission_save
from .submissions import submission_start as submission_start
from .submissions import submission_submit as submission_submit

__all__ = [
    "EnrolmentImportRefused",
    "activity_attendance_record",
    "activity_confirm",
    "activity_quiz_passed",
    "activity_run_finished",
    "activity_view",
    "activity_work_accepted",
    "cohort_add_trainee",
    "cohort_enrol_course",
    "cohort_remove_trainee",
    "cohort_save",
    "enrolment_create",
    "enrolment_import",
    "enrolment_withdraw",
    "hours_credit_manual",
    "hours_target_set",
    "stage_hours_target_save",
]
