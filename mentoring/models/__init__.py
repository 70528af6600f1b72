from .assignments import (
    MatchingProposal,
    MatchingProposalRow,
    MentorAssignment,
    current_assignment_q,
    place_held_q,
)
from .coaching import AgreedAction, CoachingSession
from .criteria import (
    CoursesCompletedCriterion,
    Criterion,
    CriterionResult,
    EvaluationAverageCriterion,
    EvidenceItem,
    LearningHoursCriterion,
    LivelihoodProjectCriterion,
    MentorSignOffCriterion,
    QuizPassedCriterion,
    RotationsCompletedCriterion,
    StarRatingCriterion,
)
from .dossiers import Dossier
from .evaluations import Evaluation, EvaluationScore, Rubric, RubricDimension
from .profiles import HostProfile, MentorProfile
from .progression import (
    Appointment,
    PromotionCase,
    PromotionDecision,
    PromotionReview,
    SignOff,
    Stage,
    StageChange,
    TraineeStage,
)
from .projects import LivelihoodProject
from .rotations import Rotation, RotationJournalEntry, RotationPlan, RotationPlanRow

__all__ = [
    "AgreedAction",
    "Appointment",
    "CoachingSession",
    "CoursesCompletedCriterion",
    "Criterion",
    "CriterionResult",
    "Dossier",
    "Evaluation",
    "EvaluationAverageCriterion",
    "EvaluationScore",
    "EvidenceItem",
    "HostProfile",
    "LearningHoursCriterion",
    "LivelihoodProject",
    "LivelihoodProjectCriterion",
    "MatchingProposal",
    "MatchingProposalRow",
    "MentorAssignment",
    "MentorProfile",
    "MentorSignOffCriterion",
    "PromotionCase",
    "PromotionDecision",
    "PromotionReview",
    "QuizPassedCriterion",
    "Rotation",
    "RotationJournalEntry",
    "RotationPlan",
    "RotationPlanRow",
    "RotationsCompletedCriterion",
    "Rubric",
    "RubricDimension",
    "SignOff",
    "Stage",
    "StageChange",
    "StarRatingCriterion",
    "TraineeStage",
    "current_assignment_q",
    "place_held_q",
]
