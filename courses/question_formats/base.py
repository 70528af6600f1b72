"""The plain record every format reads into and writes from, and the problems a reader reports.

A reader never touches the database: it returns the questions it understood and, for everything
it could not express, a ``FormatProblem`` naming the line (GIFT, Excel row) or element (Moodle
XML) and the reason; a question of a kind the studio does not have is a ``LeftOut``. Nothing is
dropped silently.
"""

from dataclasses import dataclass, field
from decimal import Decimal

# The studio's question types, by the code each polymorphic model declares as ``type_code``.
SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "truefalse"
SHORT_ANSWER = "shortanswer"
NUMERICAL = "numerical"
MATCHING = "matching"
ORDERING = "ordering"
ESSAY = "essay"
JUDGEMENT = "judgement"
TYPE_CODES = (
    SINGLE,
    MULTIPLE,
    TRUE_FALSE,
    SHORT_ANSWER,
    NUMERICAL,
    MATCHING,
    ORDERING,
    ESSAY,
    JUDGEMENT,
)


@dataclass
class OptionData:
    """One option, accepted answer, matching pair or item to order.

    ``fraction`` is the share of the mark the option earns, -1..1 (negative weights penalise a
    wrong pick in multiple response). For matching, ``text`` is the stem and ``match_text`` the
    answer it pairs with (a stem left empty is a distractor answer). For numerical, ``text`` is
    the number and ``tolerance`` the accepted error. For ordering, options come in the correct
    order. For situational judgement, ``fraction`` is the option's effectiveness weight, 0..1.
    """

    text: str = ""
    fraction: Decimal = Decimal("0")
    feedback: str = ""
    match_text: str = ""
    tolerance: Decimal | None = None


@dataclass
class CriterionData:
    """One rubric criterion an essay is marked against."""

    title: str
    max_points: int = 1
    guidance: str = ""


@dataclass
class QuestionData:
    """A question as every format and the bank agree to describe it.

    ``settings`` carries what only some types have:
    - truefalse: ``correct`` (bool), ``feedback_true``, ``feedback_false``;
    - shortanswer: ``case_sensitive`` (bool, default False);
    - single, multiple, matching, judgement: ``shuffle`` (bool, default True);
    - ordering: ``grading`` ("all_or_nothing" or "partial", default "partial");
    - essay: ``min_words``, ``max_words`` (int, 0 for no limit), ``grader_info``,
      ``response_template``.
    ``text``, ``general_feedback`` and option feedback are HTML (plain text is valid HTML);
    the bank sanitises them before saving. ``location`` says where in the file the question
    was found, for messages.
    """

    type: str
    name: str
    text: str
    general_feedback: str = ""
    default_mark: Decimal = Decimal("1")
    category_path: tuple[str, ...] = ()
    tags: list[str] = field(default_factory=list)
    options: list[OptionData] = field(default_factory=list)
    criteria: list[CriterionData] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    location: str = ""


@dataclass(frozen=True)
class FormatProblem:
    """Something in the file that was not imported, where it is and why (in the user's language)."""

    location: str
    message: str


@dataclass(frozen=True)
class LeftOut:
    """A question of a kind the studio does not have (Moodle's cloze, drag and drop, a
    description), left out of the import rather than refused.

    Unlike a ``FormatProblem`` it does not stop the rest of the file: a bank exported from
    Moodle nearly always holds a few of them, and the office would otherwise have to edit the
    export by hand. ``kind`` is the file's own name for the type (``multianswer``), by which the
    import summary counts them; ``message`` says why, in the user's language.
    """

    location: str
    kind: str
    message: str


@dataclass
class ReadResult:
    questions: list[QuestionData] = field(default_factory=list)
    problems: list[FormatProblem] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
