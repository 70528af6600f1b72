from .activity import CompletionRule, LearningActivity
from .attendance import Attendance, SignInWindow
from .certificate import Certificate
from .course import EnrolmentPolicy
from .enrolment import Cohort, CohortMembership, Enrolment
from .progress import ActivityProgress, HoursEntry, HoursTarget, StageHoursTarget
from .submission import Submission, SubmissionPhoto

__all__ = [
    "ActivityProgress",
    "Attendance",
    "Certificate",
    "Cohort",
    "CohortMembership",
    "CompletionRule",
    "Enrolment",
    "EnrolmentPolicy",
    "HoursEntry",
    "HoursTarget",
    "LearningActivity",
    "SignInWindow",
    "StageHoursTarget",
    "Submission",
    "SubmissionPhoto",
]
