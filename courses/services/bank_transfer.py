"""Question banks in and out of the bank as files: GIFT, Moodle XML and Excel.

An import is all or nothing. A file of fifty questions with one wrong answer key saves none of
them and lists every problem with its line, element or row: an office that fixes the file and
imports it again gets exactly the fifty questions, never a half-imported bank plus duplicates.

Questions of a kind the studio does not have (Moodle's cloze, drag and drop, descriptions) are
not problems: they are left out, counted by kind in the summary, and the rest is imported. A
real problem in a question the studio could hold still stops the whole file.

A question that names no category, in a file imported without a target category, goes into
``DEFAULT_CATEGORY`` (as Moodle files it under its course's default category), and the
summary says so.

The preview (``dry_run``) runs the very same saves inside a transaction that is rolled back, so
what it reports is what the import will do, down to the database's own checks; it only differs
when someone changes the bank in between, and then the import refuses or reports anew.
"""

import importlib
import logging
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.audit.services import audit_record
from lms.people.roles import MANAGE_QUESTION_BANK

from ..exceptions import EngineRefusal, NotAllowed
from ..models import Question, QuestionCategory, question_types
from ..models.questions import PATH_SEPARATOR
from ..question_formats import base
from ..question_formats.base import FormatProblem, LeftOut, QuestionData
from .questions import category_ensure_path, question_problems, question_save, question_to_data

logger = logging.getLogger(__name__)

# Format code -> module of ``courses.question_formats``; imported when used.
FORMAT_MODULES = {"gift": "gift", "moodle-xml": "moodle_xml", "excel": "excel"}
FORMAT_LABELS = {
    "gift": gettext_lazy("GIFT (text)"),
    "moodle-xml": gettext_lazy("Moodle XML"),
    "excel": gettext_lazy("Excel (.xlsx)"),
}
FORMAT_FILES = {
    "gift": ("txt", "text/plain; charset=utf-8"),
    "moodle-xml": ("xml", "application/xml"),
    "excel": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
MAX_IMPORT_BYTES = 5 * 1024 * 1024
# Each question is a dozen writes; beyond this a file is better split than left to time out.
MAX_IMPORT_QUESTIONS = 1000
CATEGORY_NAME_MAX = 100
TOLERANCE_PLACES = Decimal("0.0000000001")  # the bank keeps 10 decimal places of a tolerance
TOLERANCE_LIMIT = Decimal("1E10")
FRACTION_PLACES = Decimal("0.0000001")
MARK_PLACES = Decimal("0.01")
"""The bank keeps a default mark to 2 decimal places; Moodle writes 7 (``1.0000000``)."""
DEFAULT_CATEGORY = "默认"
"""Where a question goes when neither the file nor the import names a category.

One fixed name, not a translated one: the category is data, and an import made in English must
land in the same category as one made in Chinese. It is Moodle's Chinese name for the default
category of a course ("默认 for …"), which offices that come from Moodle recognise.
"""


@dataclass(frozen=True)
class ImportedQuestion:
    """One question of the file as the preview lists it."""

    location: str
    type: str
    type_label: str
    name: str
    category: str


@dataclass
class ImportSummary:
    """What an import found, would do or did.

    ``refused`` means nothing was saved because of ``problems``; ``saved`` that the questions
    are in the bank (never both; neither for a clean dry run). ``counts`` is by type code, in
    the order of ``base.TYPE_CODES``; ``categories_created`` holds the paths ("A/B") that did
    not exist before, parents before children. ``left_out`` lists the questions of kinds the
    studio does not have, which were not imported and did not stop the others.
    ``default_category`` is the category the questions without one went into ("" if none did),
    and ``uncategorised`` how many they were.
    """

    fmt: str
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)
    categories_created: list[str] = field(default_factory=list)
    problems: list[FormatProblem] = field(default_factory=list)
    questions: list[ImportedQuestion] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    default_category: str = ""
    uncategorised: int = 0
    refused: bool = False
    saved: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def by_type(self) -> list[tuple[str, str, int]]:
        """(type code, type label, count) for every type the file holds."""
        types = question_types()
        return [
            (code, str(types[code].type_label()) if code in types else code, count)
            for code, count in self.counts.items()
        ]

    @property
    def left_out_by_kind(self) -> list[tuple[str, int, str]]:
        """(kind in the file, how many, why) for every kind of question left out, in file order."""
        kinds: dict[str, list] = {}
        for item in self.left_out:
            kinds.setdefault(item.kind, [0, item.message])[0] += 1
        return [(kind, count, message) for kind, (count, message) in kinds.items()]


class _Refused(Exception):
    def __init__(self, problem: FormatProblem):
        super().__init__(problem.message)
        self.problem = problem


class _DryRun(Exception):
    """Raised to roll back the preview's saves."""


def format_module(fmt: str):
    """The ``courses.question_formats`` module reading and writing this format."""
    if fmt not in FORMAT_MODULES:
        raise EngineRefusal(_("Unknown file format “%(format)s”.") % {"format": fmt})
    return importlib.import_module(f"courses.question_formats.{FORMAT_MODULES[fmt]}")


def _file_problem(message: str) -> FormatProblem:
    return FormatProblem(location=_("the file"), message=message)


def _read(fmt: str, data: bytes, category_path: tuple[str, ...]) -> base.ReadResult:
    module = format_module(fmt)
    if fmt == "gift":
        try:
            content = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return base.ReadResult(
                problems=[
                    _file_problem(
                        _("The file is not UTF-8 text. Save it as UTF-8 and import it again.")
                    )
                ]
            )
    else:
        content = data
    try:
        return module.read(content, category_path=category_path)
    except Exception:
        # A reader reports what it cannot read; one that fails outright has met a file nobody
        # foresaw. The office gets a message, the log gets the trace for the developers.
        logger.exception("The %s reader failed on an uploaded file", fmt)
        return base.ReadResult(
            problems=[
                _file_problem(
                    _("The file could not be read as %(format)s.") % {"format": FORMAT_LABELS[fmt]}
                )
            ]
        )


def _clean_path(path) -> tuple[str, ...]:
    return tuple(" ".join(str(name).split()) for name in path)


def _path_problems(path: tuple[str, ...]) -> list[str]:
    if not path:
        return [_("The question has no category: name one in the file, or choose a category.")]
    problems = []
    if any(not name for name in path):
        problems.append(_("A category in the path has no name."))
    if any(len(name) > CATEGORY_NAME_MAX for name in path):
        problems.append(
            _("A category name is at most %(max)d characters.") % {"max": CATEGORY_NAME_MAX}
        )
    return problems


def _fit_to_bank(data: QuestionData) -> tuple[QuestionData, list[str]]:
    """The question with numbers at the bank's precision, and what the bank cannot hold.

    Shares beyond 7 decimal places (a third written as 0.333333333) and marks beyond 2 (Moodle's
    ``1.0000000``) are rounded, as the bank would store them; what cannot be rounded away is a
    problem.
    """
    problems = []
    mark = Decimal(data.default_mark)
    if mark.is_finite() and abs(mark) < TOLERANCE_LIMIT:  # question_problems reports the rest
        mark = mark.quantize(MARK_PLACES).normalize()
    options = []
    for option in data.options:
        fraction = Decimal(option.fraction)
        if -1 <= fraction <= 1:  # outside, question_problems reports it
            fraction = fraction.quantize(FRACTION_PLACES).normalize()
        tolerance = option.tolerance
        if tolerance is not None:
            if abs(tolerance) >= TOLERANCE_LIMIT:
                problems.append(_("A tolerance is at most 10 digits before the decimal point."))
            else:
                tolerance = Decimal(tolerance).quantize(TOLERANCE_PLACES).normalize()
        options.append(replace(option, fraction=fraction, tolerance=tolerance))
    if data.type == base.TRUE_FALSE and data.options:
        problems.append(_("A true/false question has no options."))
    if data.type != base.ESSAY and data.criteria:
        problems.append(_("Only essays have rubric criteria."))
    elif any(not 1 <= criterion.max_points <= 100 for criterion in data.criteria):
        problems.append(_("A rubric criterion is worth from 1 to 100 points."))
    fitted = replace(
        data, default_mark=mark, options=options, category_path=_clean_path(data.category_path)
    )
    return fitted, problems


def _categories_created(questions: list[QuestionData]) -> list[str]:
    wanted: list[str] = []
    for data in questions:
        for depth in range(1, len(data.category_path) + 1):
            path = PATH_SEPARATOR.join(data.category_path[:depth])
            if path not in wanted:
                wanted.append(path)
    existing = set(QuestionCategory.objects.filter(path__in=wanted).values_list("path", flat=True))
    return [path for path in wanted if path not in existing]


def _check(fmt: str, data: bytes, category_path: tuple[str, ...], summary: ImportSummary):
    """The questions ready to save; every problem found goes into the summary."""
    if len(data) > MAX_IMPORT_BYTES:
        summary.problems.append(
            _file_problem(
                _("The file is larger than %(max)d MB; split it into smaller files.")
                % {"max": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        )
        return []
    target = _clean_path(category_path)
    if target:
        summary.problems.extend(
            FormatProblem(location=_("the chosen category"), message=message)
            for message in _path_problems(target)
        )
    result = _read(fmt, data, target)
    summary.problems.extend(result.problems)
    summary.left_out.extend(result.left_out)
    if len(result.questions) > MAX_IMPORT_QUESTIONS:
        summary.problems.append(
            _file_problem(
                _("The file holds more than %(max)d questions; split it into smaller files.")
                % {"max": MAX_IMPORT_QUESTIONS}
            )
        )
        return []
    if not result.questions and not result.problems:
        if result.left_out:
            message = _("The file holds no question the studio can import.")
        else:
            message = _("The file holds no questions.")
        summary.problems.append(_file_problem(message))
    types = question_types()
    questions = []
    for raw in result.questions:
        if not _clean_path(raw.category_path) and not target:
            raw = replace(raw, category_path=(DEFAULT_CATEGORY,))
            summary.default_category = DEFAULT_CATEGORY
            summary.uncategorised += 1
        data, problems = _fit_to_bank(raw)
        problems = question_problems(data) + problems + _path_problems(data.category_path)
        summary.problems.extend(FormatProblem(location=data.location, message=m) for m in problems)
        summary.counts[data.type] = summary.counts.get(data.type, 0) + 1
        model = types.get(data.type)
        summary.questions.append(
            ImportedQuestion(
                location=data.location,
                type=data.type,
                type_label=str(model.type_label()) if model else data.type,
                name=data.name,
                category=PATH_SEPARATOR.join(data.category_path),
            )
        )
        questions.append(data)
    summary.counts = {
        code: summary.counts[code]
        for code in (*base.TYPE_CODES, *sorted(set(summary.counts) - set(base.TYPE_CODES)))
        if code in summary.counts
    }
    return questions


def question_import(
    *,
    actor,
    fmt: str,
    data: bytes,
    category_path: tuple[str, ...] = (),
    dry_run: bool = False,
    as_system: bool = False,
) -> ImportSummary:
    """Read a file of questions and save every one of them, or none.

    ``category_path`` is the category the file's own categories go under (the file's questions
    without a category go straight into it; without it, they go into ``DEFAULT_CATEGORY``).
    ``as_system`` is for the ``import_questions`` command run by an operator on the server, who
    has no account: it skips the office check and records the import without an actor. Nothing
    reachable from the web passes it.
    """
    if not as_system and not actor.has_perm(MANAGE_QUESTION_BANK):
        raise NotAllowed(_("Only the training office imports questions."))
    summary = ImportSummary(fmt=fmt, dry_run=dry_run)
    questions = _check(fmt, data, tuple(category_path), summary)
    if summary.problems:
        summary.refused = True
        return summary
    summary.categories_created = _categories_created(questions)
    try:
        with transaction.atomic():
            saved = []
            for question in questions:
                try:
                    saved.append(question_save(actor=actor, data=question))
                except ValidationError as error:
                    problem = FormatProblem(question.location, " ".join(error.messages))
                    raise _Refused(problem) from error
            if dry_run:
                raise _DryRun
            target = (
                category_ensure_path(path=_clean_path(category_path), actor=actor)
                if category_path
                else saved[0].entry.category
            )
            audit_record(
                actor=actor,
                action="bank.import",
                target=target,
                format=fmt,
                total=summary.total,
                counts=summary.counts,
                categories_created=summary.categories_created,
                left_out={kind: count for kind, count, _why in summary.left_out_by_kind},
            )
    except _DryRun:
        return summary
    except _Refused as refused:
        summary.problems.append(refused.problem)
        summary.refused = True
        summary.categories_created = []
        return summary
    summary.saved = True
    return summary


# Export ------------------------------------------------------------------------------------


def _current_questions(category: QuestionCategory, include_subcategories: bool):
    where = Q(entry__category=category)
    if include_subcategories:
        where |= Q(entry__category__path__startswith=f"{category.path}{PATH_SEPARATOR}")
    return (
        Question.objects.filter(where, is_current=True)
        .select_related("entry__category")
        .prefetch_related("options", "criteria", "entry__tags")
        .order_by("entry__category__path", "entry_id")
    )


def _export_data(*, actor, fmt, category, include_subcategories):
    if not actor.has_perm(MANAGE_QUESTION_BANK):
        raise NotAllowed(_("Only the training office exports questions."))
    module = format_module(fmt)
    questions = [
        question_to_data(question)
        for question in _current_questions(category, include_subcategories)
    ]
    return module, questions


def question_export_problems(
    *, actor, fmt: str, category: QuestionCategory, include_subcategories: bool = True
) -> tuple[int, list[FormatProblem]]:
    """How many questions an export would hold, and what the format cannot express of them."""
    module, questions = _export_data(
        actor=actor, fmt=fmt, category=category, include_subcategories=include_subcategories
    )
    return len(questions), module.unsupported(questions)


def question_export(
    *, actor, fmt: str, category: QuestionCategory, include_subcategories: bool = True
) -> tuple[bytes, list[FormatProblem]]:
    """The category's current questions as a file, and what the format could not express."""
    module, questions = _export_data(
        actor=actor, fmt=fmt, category=category, include_subcategories=include_subcategories
    )
    content = module.write(questions)
    if isinstance(content, str):
        content = content.encode("utf-8")
    audit_record(
        actor=actor,
        action="bank.export",
        target=category,
        format=fmt,
        total=len(questions),
        include_subcategories=include_subcategories,
    )
    return content, module.unsupported(questions)
