from .activity import CompletionRule, LearningActivity
from .attempts import Attempt, AttemptSlot
from .attendance import Attendance, SignInWindow
from .certificate import Certificate, CertificateSerialCounter
from .course import EnrolmentPolicy
from .enrolment import Cohort, CohortMembership, Enrolment
from .progress import ActivityProgress, HoursEntry, HoursTarget, StageHoursTarget
from .question_types import (
    EssayQuestion,
    MatchingQuestion,
    MultipleResponseQuestion,
    NumericalQuestion,
    OrderingQuestion,
    ShortAnswerQuestion,
    SingleChoiceQuestion,
    SituationalJudgementQuestion,
    TrueFalseQuestion,
    question_types,
)
from .questions import (
    Question,
    QuestionCategory,
    QuestionEntry,
    QuestionOption,
    RubricCriterion,
    TaggedQuestionEntry,
)
from .quizzes import AFTER_ATTEMPT, Quiz, QuizSlot, ReviewPart, ReviewTime, review_settings
from .scenario_runs import CountedRun, ScenarioPolicy, ScenarioRun, ScenarioRunChoice
from .submission import Submission, SubmissionPhoto

__all__ = [
    "AFTER_ATTEMPT",
    "ActivityProgress",
    "Attempt",
    "AttemptSlot",
    "Attendance",
    "Certificate",
    "CertificateSerialCounter",
    "Cohort",
    "CohortMembership",
    "CompletionRule",
    "CountedRun",
    "Enrolment",
    "EnrolmentPolicy",
    "EssayQuestion",
    "HoursEntry",
    "HoursTarget",
    "LearningActivity",
    "MatchingQuestion",
    "MultipleResponseQuestion",
    "NumericalQuestion",
    "OrderingQuestion",
    "Question",
    "QuestionCategory",
    "QuestionEntry",
    "QuestionOption",
    "Quiz",
    "QuizSlot",
    "ReviewPart",
    "ReviewTime",
    "RubricCriterion",
    "ScenarioPolicy",
    "ScenarioRun",
    "ScenarioRunChoice",
    "ShortAnswerQuestion",
    "SignInWindow",
    "SingleChoiceQuestion",
    "SituationalJudgementQuestion",
    "StageHoursTarget",
    "Submission",
    "SubmissionPhoto",
    "TaggedQuestionEntry",
    "TrueFalseQuestion",
    "question_types",
    "review_settings",
]
