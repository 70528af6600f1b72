from .activity import CompletionRule, LearningActivity
from .course import EnrolmentPolicy
from .enrolment import Cohort, CohortMembership, Enrolment
from .progress import ActivityProgress, HoursEntry, HoursTarget, StageHoursTarget

__all__ = [
    "ActivityProgress",
    "Cohort",
    "CohortMembership",
    "CompletionRule",
    "Enrolment",
    "EnrolmentPolicy",
    "HoursEntry",
    "HoursTarget",
    "LearningActivity",
    "StageHoursTarget",
]
