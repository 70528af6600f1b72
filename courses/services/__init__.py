"""Every write the learning engine makes. Other apps write engine records only through here."""

from .enrolment import (
    cohort_add_trainee,
    cohort_enrol_course,
    cohort_remove_trainee,
    enrolment_create,
    enrolment_withdraw,
)
from .hours import hours_credit_manual, hours_target_set
from .progress import (
    activity_attendance_record,
    activity_confirm,
    activity_quiz_passed,
    activity_run_finished,
    activity_view,
    activity_work_accepted,
)

__all__ = [
    "activity_attendance_record",
    "activity_confirm",
    "activity_quiz_passed",
    "activity_run_finished",
    "activity_view",
    "activity_work_accepted",
    "cohort_add_trainee",
    "cohort_enrol_course",
    "cohort_remove_trainee",
    "enrolment_create",
    "enrolment_withdraw",
    "hours_credit_manual",
    "hours_target_set",
]
