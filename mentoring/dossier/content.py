"""What a dossier says, as plain frozen data: the boundary between the records and the PDF.

``gather`` fills it from the records (texts already in the dossier's language), ``render``
draws exactly what is here and nothing else. Coaching sessions carry the summary written for
the trainee; there is deliberately no field for a mentor's private notes, so no layout change
can ever print them.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Profile:
    name: str
    username: str
    community: str
    stage: str
    next_stage: str  # empty at the last stage
    mentors: tuple[tuple[str, str], ...] = ()  # (kind, name) of the current mentors


@dataclass(frozen=True)
class CourseLine:
    title: str
    status: str
    completed: int
    required: int
    percent: int
    certificate: str = ""  # the serial of the course's certificate, if one was issued


@dataclass(frozen=True)
class CertificateLine:
    serial: str
    course: str
    issued_on: datetime.date
    hours: Decimal
    valid: bool


@dataclass(frozen=True)
class HoursLine:
    label: str
    hours: Decimal


@dataclass(frozen=True)
class Hours:
    year: int
    earned: Decimal
    target: Decimal
    by_course: tuple[HoursLine, ...] = ()


@dataclass(frozen=True)
class QuizLine:
    activity: str
    course: str
    passed_on: datetime.date


@dataclass(frozen=True)
class SessionLine:
    held_on: datetime.date
    mode: str
    minutes: int
    mentor: str
    topics: str
    summary: str  # written for the trainee; private notes never reach this class
    acknowledged: bool


@dataclass(frozen=True)
class ActionLine:
    agreed_on: datetime.date
    owner: str
    description: str
    due_on: datetime.date
    status: str
    overdue: bool


@dataclass(frozen=True)
class RotationLine:
    community: str
    host: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: str
    journal_entries: int
    host_average: Decimal | None = None  # the host's evaluation, if given
    host_comment: str = ""


@dataclass(frozen=True)
class EvaluationLine:
    evaluated_on: datetime.date
    kind: str
    evaluator: str
    rubric: str
    average: Decimal
    comment: str = ""


@dataclass(frozen=True)
class DimensionAverage:
    rubric: str
    dimension: str
    average: Decimal
    count: int


@dataclass(frozen=True)
class CriterionLine:
    description: str
    met: bool
    text: str


@dataclass(frozen=True)
class Readiness:
    stage: str
    next_stage: str  # empty at the last stage
    ready: bool
    criteria: tuple[CriterionLine, ...] = ()


@dataclass(frozen=True)
class DossierContent:
    profile: Profile
    generated_on: datetime.date
    generated_by: str
    courses: tuple[CourseLine, ...] = ()
    certificates: tuple[CertificateLine, ...] = ()
    hours: Hours | None = None
    quizzes: tuple[QuizLine, ...] = ()
    sessions: tuple[SessionLine, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    rotations: tuple[RotationLine, ...] = ()
    evaluations: tuple[EvaluationLine, ...] = ()
    dimension_averages: tuple[DimensionAverage, ...] = ()
    readiness: Readiness | None = None
