"""Question banks in Excel (.xlsx): the office's own format, for writing questions by hand.

GIFT and Moodle XML carry questions between systems; this workbook is for the office to write
dozens of questions in a spreadsheet, one row each, and to check an exported bank by eye. It
expresses everything the bank holds, so an exported workbook reads back as the same questions.

The workbook
------------
Sheet ``questions`` (题目) holds one question per row. Row 1 names the columns; columns are
found by their header, in any order. A header may be written in Chinese (``选项1``), in
English (``option 1``) or both, joined by " / " (``选项1 / option 1``, as the template writes
it); case, spaces and full-width forms do not matter. Numbered groups also take a letter
(``选项A`` is ``选项1``). A column that is not recognised is a problem, not ignored, so a
mistyped header never drops an answer silently. Empty rows are skipped.

================  ====================  ====================================================
header            English               content
================  ====================  ====================================================
题型 *            type *                the type, as its Chinese name, English name or code
分类              category              category path, names joined by "/"; placed under the
                                        target category chosen at import
题目名称          name                  defaults to the start of the text
题干 *            text *                question text: plain text or simple HTML
默认分值          default mark          number above 0, default 1
总体反馈          general feedback      shown in every review
标签              tags                  separated by "、", "," or ";"
选项乱序          shuffle               yes/no (single, multiple, matching, judgement)
区分大小写        case sensitive        yes/no (short answer)
判断答案          true or false         true/false (true/false questions; required there)
选正确的反馈      feedback if true      (true/false)
选错误的反馈      feedback if false     (true/false)
排序评分          ordering grading      部分得分 partial / 全对得分 all or nothing
最少字数          min words             whole number, 0 = no limit (essay)
最多字数          max words             whole number, 0 = no limit (essay)
阅卷说明          grader info           for markers (essay)
作答模板          response template     the answer box starts with it (essay)
选项N             option N              an option / accepted answer / number / item / stem
得分N             score N               percent of the mark, -100..100 (a "%" is allowed)
反馈N             feedback N            feedback for option N
匹配N             match N               the answer stem N pairs with (matching)
误差N             tolerance N           accepted error (numerical)
评分项N           criterion N           rubric criterion title (essay)
分数N             points N              its points, 1..100, default 1
评分指引N         guidance N            guidance for markers
================  ====================  ====================================================

Text cells (text, feedback, options of choice types) hold plain text or simple HTML. A cell
without markup whose text has line breaks (Alt+Enter) becomes paragraphs, so what was typed
shows as typed; the one text that therefore does not read back exactly is a bank text of plain
lines without markup, which the bank showed run together and now shows as paragraphs.

Yes/no cells take 是/否, 对/错, 正确/错误, yes/no, true/false, 1/0 (or Excel's TRUE/FALSE).
The template has ten option groups and six criterion groups; more may be added with the next
numbers. Sheet ``instructions`` repeats all this in Chinese and English with the meaning
of the options for each type; readers ignore it.

The instructions are written in both languages at once, not through gettext: a workbook is
passed between colleagues whatever language their admin is set to. Problems are reported in
the reader's language, with the spreadsheet row (the header is row 1).
"""

import io
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import openpyxl
from django.utils.html import linebreaks
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill

from lms.spreadsheets import SpreadsheetRefused, cell_text, workbook_open

from ..grading import parse_number
from ..richtext import richtext_to_text
from . import base
from .base import CriterionData, FormatProblem, OptionData, QuestionData, ReadResult

SHEET_TITLE = "questions"
SHEET_NAMES = ("questions", "question", "题目", "试题")
INSTRUCTIONS_TITLE = "instructions"
OPTION_GROUPS = 10
CRITERION_GROUPS = 6
MAX_ROWS = 5000
MAX_CELL_CHARACTERS = 32_767  # Excel's limit for one cell
NAME_FROM_TEXT = 50
FRACTION_PLACES = Decimal("0.0000001")  # the bank keeps 7 decimal places of a share

SCORED = (base.SINGLE, base.MULTIPLE, base.SHORT_ANSWER, base.NUMERICAL, base.JUDGEMENT)
WITHOUT_OPTIONS = (base.TRUE_FALSE, base.ESSAY)
SHUFFLED = (base.SINGLE, base.MULTIPLE, base.MATCHING, base.JUDGEMENT)


@dataclass(frozen=True)
class QuestionType:
    code: str
    zh: str
    en: str
    aliases: tuple[str, ...]
    options_zh: str
    options_en: str


TYPES = (
    QuestionType(
        base.SINGLE,
        "单选题",
        "single choice",
        ("单选", "single"),
        "选项是可选的答案;得分填 100 的为正确答案,其他可填部分得分或 0。",
        "Options are the choices; the right one scores 100, others 0 or partial credit.",
    ),
    QuestionType(
        base.MULTIPLE,
        "多选题",
        "multiple response",
        ("多选", "multiple", "multiple choice"),
        "正确选项的得分加起来为 100;错误选项可填负分,用于扣分。",
        "The right options' scores add up to 100; wrong options may take negative scores.",
    ),
    QuestionType(
        base.TRUE_FALSE,
        "判断题",
        "true/false",
        ("判断", "truefalse", "true false", "true-false", "tf"),
        "不填选项;在“判断答案”列填 正确 或 错误。",
        "No options; put true or false in the “true or false” column.",
    ),
    QuestionType(
        base.SHORT_ANSWER,
        "填空题",
        "short answer",
        ("填空", "短答题", "shortanswer", "short-answer"),
        "选项是可接受的答案,* 代表任意文字;得分 100 为完全正确。",
        "Options are accepted answers, * matches any text; 100 is fully right.",
    ),
    QuestionType(
        base.NUMERICAL,
        "数值题",
        "numerical",
        ("数值", "数字题", "计算题", "numeric", "number"),
        "选项是数字,“误差”列填允许的误差;得分 100 为完全正确。",
        "Options are numbers with their tolerance; 100 is fully right.",
    ),
    QuestionType(
        base.MATCHING,
        "匹配题",
        "matching",
        ("匹配", "连线题", "match"),
        "选项是左侧题目,“匹配”列是与之配对的答案;只填匹配不填选项的是干扰答案。不填得分。",
        "Options are the stems and “match” the answer each pairs with; a match without an "
        "option adds a distractor. No scores.",
    ),
    QuestionType(
        base.ORDERING,
        "排序题",
        "ordering",
        ("排序", "order"),
        "按正确顺序填写选项,作答时会打乱;不填得分。",
        "Write the items in the right order; they are shuffled for the trainee. No scores.",
    ),
    QuestionType(
        base.ESSAY,
        "论述题",
        "essay",
        ("论述", "问答题", "简答题", "主观题"),
        "不填选项;可在“评分项”“分数”列写评分标准,由人工阅卷。",
        "No options; rubric criteria go in the criterion and points columns; a person marks it.",
    ),
    QuestionType(
        base.JUDGEMENT,
        "情境判断题",
        "situational judgement",
        ("情景判断题", "情境判断", "情景判断", "judgement", "judgment", "sjt"),
        "选项是可能的做法,得分是有效程度 0–100,最有效的做法得 100;至少三个选项。",
        "Options are possible responses, scored by effectiveness 0–100; the best scores 100. "
        "At least three options.",
    ),
)
TYPES_BY_CODE = {question_type.code: question_type for question_type in TYPES}


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    note_zh: str = ""
    note_en: str = ""
    types: tuple[str, ...] = ()  # the types it applies to; empty for all
    required: bool = False

    def header(self, number: int | None = None) -> str:
        if number is None:
            return f"{self.zh} / {self.en}"
        return f"{self.zh}{number} / {self.en} {number}"


COLUMNS = (
    Column(
        "type",
        "题型",
        "type",
        ("题目类型", "question type"),
        "题型名称,见下表。",
        "The question type, see the table below.",
        required=True,
    ),
    Column(
        "category",
        "分类",
        "category",
        ("类别", "题库分类", "category path"),
        "分类路径,用“/”分隔各级,如 党建知识/组织生活;导入时放在所选目标分类之下。",
        "Category path, levels joined by “/”; placed under the target category of the import.",
    ),
    Column(
        "name",
        "题目名称",
        "name",
        ("名称", "标题", "question name", "title"),
        "题库中显示的名称;不填时取题干开头。",
        "The name shown in the bank; defaults to the start of the text.",
    ),
    Column(
        "text",
        "题干",
        "text",
        ("题目内容", "question text", "question"),
        "题目正文,可写纯文本或简单 HTML。",
        "The question itself: plain text or simple HTML.",
        required=True,
    ),
    Column(
        "default_mark",
        "默认分值",
        "default mark",
        ("分值", "mark", "default grade"),
        "大于 0 的数字,不填为 1。",
        "A number above 0; 1 when empty.",
    ),
    Column(
        "general_feedback",
        "总体反馈",
        "general feedback",
        ("解析", "答案解析"),
        "无论答得如何,回顾时都会显示。",
        "Shown in the review whatever the answer.",
    ),
    Column(
        "tags",
        "标签",
        "tags",
        ("tag",),
        "多个标签用“、”“,”或“;”分隔。",
        "Several tags separated by “、”, “,” or “;”.",
    ),
    Column(
        "shuffle",
        "选项乱序",
        "shuffle",
        ("乱序", "shuffle options"),
        "是/否,不填为是。",
        "Yes/no; yes when empty.",
        types=SHUFFLED,
    ),
    Column(
        "case_sensitive",
        "区分大小写",
        "case sensitive",
        ("case matters",),
        "是/否,不填为否。",
        "Yes/no; no when empty.",
        types=(base.SHORT_ANSWER,),
    ),
    Column(
        "correct",
        "判断答案",
        "true or false",
        ("正确答案", "答案", "correct answer", "answer"),
        "正确 或 错误(必填)。",
        "True or false (required).",
        types=(base.TRUE_FALSE,),
    ),
    Column(
        "feedback_true",
        "选正确的反馈",
        "feedback if true",
        ("正确反馈", "feedback true", "true feedback"),
        "学员选“正确”时显示。",
        "Shown when the trainee answers true.",
        types=(base.TRUE_FALSE,),
    ),
    Column(
        "feedback_false",
        "选错误的反馈",
        "feedback if false",
        ("错误反馈", "feedback false", "false feedback"),
        "学员选“错误”时显示。",
        "Shown when the trainee answers false.",
        types=(base.TRUE_FALSE,),
    ),
    Column(
        "grading",
        "排序评分",
        "ordering grading",
        ("评分方式", "grading"),
        "部分得分(每个位置正确得一份分)或 全对得分;不填为部分得分。",
        "Partial (a share per item in place) or all or nothing; partial when empty.",
        types=(base.ORDERING,),
    ),
    Column(
        "min_words",
        "最少字数",
        "min words",
        ("字数下限", "minimum words"),
        "整数,0 或不填为不限。",
        "Whole number; 0 or empty for no limit.",
        types=(base.ESSAY,),
    ),
    Column(
        "max_words",
        "最多字数",
        "max words",
        ("字数上限", "maximum words"),
        "整数,0 或不填为不限。",
        "Whole number; 0 or empty for no limit.",
        types=(base.ESSAY,),
    ),
    Column(
        "grader_info",
        "阅卷说明",
        "grader info",
        ("评卷说明", "information for markers"),
        "给阅卷人看的说明。",
        "Information for the markers.",
        types=(base.ESSAY,),
    ),
    Column(
        "response_template",
        "作答模板",
        "response template",
        ("答题模板",),
        "作答框中预先填好的内容。",
        "What the answer box starts with.",
        types=(base.ESSAY,),
    ),
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}

OPTION_COLUMNS = (
    Column(
        "option",
        "选项",
        "option",
        ("答案", "answer", "item"),
        "选项、可接受的答案、数字、排序项或匹配题的题目,含义见题型表。",
        "Choice, accepted answer, number, item or matching stem; see the types.",
    ),
    Column(
        "score",
        "得分",
        "score",
        ("得分比例", "权重", "fraction", "weight"),
        "占本题分值的百分比,-100 到 100,可带 %。",
        "Percent of the question's mark, -100 to 100; a “%” is allowed.",
        types=SCORED,
    ),
    Column(
        "feedback",
        "反馈",
        "feedback",
        ("选项反馈", "option feedback"),
        "选了这个选项时显示。",
        "Shown when this option is chosen.",
    ),
    Column(
        "match",
        "匹配",
        "match",
        ("匹配答案", "matching answer"),
        "与该选项配对的答案。",
        "The answer this stem pairs with.",
        types=(base.MATCHING,),
    ),
    Column(
        "tolerance",
        "误差",
        "tolerance",
        ("允许误差",),
        "允许的误差,不填为必须完全相等。",
        "Accepted error; empty means exactly.",
        types=(base.NUMERICAL,),
    ),
)
CRITERION_COLUMNS = (
    Column(
        "criterion",
        "评分项",
        "criterion",
        ("评分标准", "rubric criterion"),
        "评分标准的名称。",
        "The criterion's title.",
        types=(base.ESSAY,),
    ),
    Column(
        "points",
        "分数",
        "points",
        ("满分", "max points"),
        "该项的分数,1 到 100,不填为 1。",
        "Its points, 1 to 100; 1 when empty.",
        types=(base.ESSAY,),
    ),
    Column(
        "guidance",
        "评分指引",
        "guidance",
        ("guidance for markers",),
        "给阅卷人的指引。",
        "Guidance for markers.",
        types=(base.ESSAY,),
    ),
)
GROUPS_BY_KEY = {column.key: column for column in OPTION_COLUMNS + CRITERION_COLUMNS}

# Defaults a row takes for a setting left empty (and what every read question carries).
SETTING_DEFAULTS = {
    base.SINGLE: {"shuffle": True},
    base.MULTIPLE: {"shuffle": True},
    base.MATCHING: {"shuffle": True},
    base.JUDGEMENT: {"shuffle": True},
    base.TRUE_FALSE: {"correct": None, "feedback_true": "", "feedback_false": ""},
    base.SHORT_ANSWER: {"case_sensitive": False},
    base.ORDERING: {"grading": "partial"},
    base.ESSAY: {"min_words": 0, "max_words": 0, "grader_info": "", "response_template": ""},
    base.NUMERICAL: {},
}
GRADING_VALUES = {
    "partial": ("部分得分", "partial", "部分", "按位置得分", "partial credit"),
    "all_or_nothing": ("全对得分", "all or nothing", "all_or_nothing", "全对才得分", "全对"),
}
YES = ("是", "对", "正确", "yes", "y", "true", "t", "1", "√", "✓")
NO = ("否", "错", "错误", "no", "n", "false", "f", "0", "×", "✗")
TAG_SEPARATORS = re.compile(r"[,，、;；]")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _normalise(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).casefold()
    return re.sub(r"[\s_*]+", " ", text).strip()


def _lookup(columns) -> dict[str, str]:
    return {
        _normalise(name): column.key
        for column in columns
        for name in (column.zh, column.en, column.key, *column.aliases)
    }


_FIXED = _lookup(COLUMNS)
_GROUP = _lookup(OPTION_COLUMNS + CRITERION_COLUMNS)
_TYPE_NAMES = {
    _normalise(name): question_type.code
    for question_type in TYPES
    for name in (question_type.code, question_type.zh, question_type.en, *question_type.aliases)
}
_NUMBERED = re.compile(r"^(?P<word>.*?)\s*(?P<number>\d+)$")
_LETTERED = re.compile(r"^(?P<word>.*?)(?:\s+|(?<=[^\x00-\x7f]))(?P<letter>[a-z])$")


def _header_part(part: str) -> tuple[str, int | None] | None:
    text = _normalise(part)
    if text in _FIXED:
        return _FIXED[text], None
    match = _NUMBERED.match(text)
    if match and match["word"].strip() in _GROUP:
        return _GROUP[match["word"].strip()], int(match["number"])
    match = _LETTERED.match(text)
    if match and match["word"].strip() in _GROUP:
        return _GROUP[match["word"].strip()], ord(match["letter"]) - ord("a") + 1
    return None


def _header_key(header: str) -> tuple[str, int | None] | None:
    """The column a header names, whether in Chinese, English or "中文 / English"."""
    keys = {_header_part(part) for part in header.split("/") if part.strip()}
    if len(keys) != 1 or None in keys:
        return None
    key = keys.pop()
    if key[1] is not None and key[1] < 1:
        return None
    return key


def _row_location(number: int) -> str:
    return _("row %(row)d") % {"row": number}


class _Row:
    """One spreadsheet row's cells by column, collecting its problems as it is read."""

    def __init__(self, number, cells, headers, category_path):
        self.number = number
        self.cells = cells
        self.headers = headers
        self.category_path = category_path
        self.problems: list[str] = []

    def get(self, key, number=None) -> str:
        return self.cells.get((key, number), "")

    def problem(self, message: str):
        self.problems.append(message)

    def header(self, key, number=None) -> str:
        return self.headers[(key, number)]

    def numbers(self, columns) -> list[int]:
        keys = {column.key for column in columns}
        return sorted({n for (key, n), value in self.cells.items() if key in keys and value})


def _html(value: str) -> str:
    """A cell's text as HTML: typed line breaks become paragraphs when there is no markup."""
    if "\n" in value and not _HTML_TAG.search(value):
        return linebreaks(value.replace("\r\n", "\n"), autoescape=True)
    return value


def _yes_no(row: _Row, key: str) -> bool | None:
    value = _normalise(row.get(key))
    if value in YES:
        return True
    if value in NO:
        return False
    row.problem(
        _("%(column)s: “%(value)s” is neither yes nor no.")
        % {"column": row.header(key), "value": row.get(key)}
    )
    return None


def _whole_number(row: _Row, key: str, number=None) -> int | None:
    value = parse_number(row.get(key, number))
    if value is None or value != value.to_integral_value():
        row.problem(
            _("%(column)s: “%(value)s” is not a whole number.")
            % {"column": row.header(key, number), "value": row.get(key, number)}
        )
        return None
    return int(value)


def _percent(row: _Row, number: int) -> Decimal | None:
    raw = row.get("score", number)
    value = parse_number(re.sub(r"[%％]\s*$", "", raw.strip()))
    if value is None:
        row.problem(
            _("%(column)s: “%(value)s” is not a percentage.")
            % {"column": row.header("score", number), "value": raw}
        )
        return None
    if not -100 <= value <= 100:
        row.problem(
            _("%(column)s: a score runs from -100 to 100 (percent of the mark).")
            % {"column": row.header("score", number)}
        )
        return None
    return (value / 100).quantize(FRACTION_PLACES, rounding=ROUND_HALF_UP)


def _not_for_type(row: _Row, header: str, question_type: QuestionType):
    row.problem(
        _("%(column)s does not apply to a %(type)s question; leave it empty.")
        % {"column": header, "type": question_type.zh if _is_chinese() else question_type.en}
    )


def _is_chinese() -> bool:
    return (get_language() or "").startswith("zh")


def _settings(row: _Row, question_type: QuestionType) -> dict:
    settings = dict(SETTING_DEFAULTS[question_type.code])
    for column in COLUMNS:
        if not column.types or not row.get(column.key):
            continue
        if question_type.code not in column.types:
            _not_for_type(row, row.header(column.key), question_type)
            continue
        value = row.get(column.key)
        if column.key in ("shuffle", "case_sensitive", "correct"):
            settings[column.key] = _yes_no(row, column.key)
        elif column.key in ("min_words", "max_words"):
            number = _whole_number(row, column.key)
            if number is not None and number < 0:
                row.problem(
                    _("%(column)s cannot be negative.") % {"column": row.header(column.key)}
                )
            settings[column.key] = number or 0
        elif column.key == "grading":
            wanted = _normalise(value)
            found = [code for code, names in GRADING_VALUES.items() if wanted in names]
            if not found:
                row.problem(
                    _(
                        "%(column)s: “%(value)s” is neither 部分得分 (partial) "
                        "nor 全对得分 (all or nothing)."
                    )
                    % {"column": row.header(column.key), "value": value}
                )
            settings["grading"] = found[0] if found else "partial"
        else:
            settings[column.key] = _html(value)
    if question_type.code == base.TRUE_FALSE and settings["correct"] is None:
        if ("correct", None) not in row.headers:
            row.problem(_("A true/false question needs a 判断答案 (true or false) column."))
        elif not row.get("correct"):
            row.problem(
                _("%(column)s: say whether the statement is true or false.")
                % {"column": row.header("correct")}
            )
    return settings


def _filled(row: _Row, columns, number: int) -> list[str]:
    return [row.header(c.key, number) for c in columns if row.get(c.key, number)]


def _options(row: _Row, question_type: QuestionType) -> list[OptionData]:
    options = []
    code = question_type.code
    for number in row.numbers(OPTION_COLUMNS):
        if code in WITHOUT_OPTIONS:
            _not_for_type(row, _filled(row, OPTION_COLUMNS, number)[0], question_type)
            continue
        misplaced = [c for c in OPTION_COLUMNS if c.types and code not in c.types]
        for header in _filled(row, misplaced, number):
            _not_for_type(row, header, question_type)
        text = row.get("option", number)
        if not text and not (code == base.MATCHING and row.get("match", number)):
            row.problem(
                _("Option %(number)d has other columns filled in but no text.") % {"number": number}
            )
            continue
        option = OptionData(
            text=text if code in (base.SHORT_ANSWER, base.NUMERICAL) else _html(text),
            feedback=_html(row.get("feedback", number)),
        )
        if code in SCORED and row.get("score", number):
            option.fraction = _percent(row, number) or Decimal("0")
        if code == base.MATCHING:
            option.match_text = row.get("match", number)
        if code == base.NUMERICAL and row.get("tolerance", number):
            option.tolerance = parse_number(row.get("tolerance", number))
            if option.tolerance is None:
                row.problem(
                    _("%(column)s: “%(value)s” is not a number.")
                    % {
                        "column": row.header("tolerance", number),
                        "value": row.get("tolerance", number),
                    }
                )
        options.append(option)
    return options


def _criteria(row: _Row, question_type: QuestionType) -> list[CriterionData]:
    criteria = []
    for number in row.numbers(CRITERION_COLUMNS):
        if question_type.code != base.ESSAY:
            for column in CRITERION_COLUMNS:
                if row.get(column.key, number):
                    _not_for_type(row, row.header(column.key, number), question_type)
            continue
        title = row.get("criterion", number)
        if not title:
            row.problem(
                _("Criterion %(number)d has points or guidance but no title.") % {"number": number}
            )
            continue
        points = 1
        if row.get("points", number):
            given = _whole_number(row, "points", number)
            points = 1 if given is None else given
        criteria.append(
            CriterionData(title=title, max_points=points, guidance=row.get("guidance", number))
        )
    return criteria


def _question(row: _Row) -> QuestionData | None:
    raw_type = row.get("type")
    if not raw_type:
        row.problem(_("Give the question type (题型)."))
        return None
    code = _TYPE_NAMES.get(_normalise(raw_type))
    if code is None:
        row.problem(_("Unknown question type “%(type)s”.") % {"type": raw_type})
        return None
    question_type = TYPES_BY_CODE[code]
    text = _html(row.get("text"))
    default_mark = Decimal("1")
    if row.get("default_mark"):
        default_mark = parse_number(row.get("default_mark"))
        if default_mark is None:
            row.problem(
                _("%(column)s: “%(value)s” is not a number.")
                % {"column": row.header("default_mark"), "value": row.get("default_mark")}
            )
            default_mark = Decimal("1")
    name = row.get("name") or richtext_to_text(text)[:NAME_FROM_TEXT].strip()
    category = tuple(
        part.strip() for part in re.split(r"[/／]", row.get("category")) if part.strip()
    )
    return QuestionData(
        type=code,
        name=name,
        text=text,
        general_feedback=_html(row.get("general_feedback")),
        default_mark=default_mark,
        category_path=tuple(row.category_path) + category,
        tags=[tag.strip() for tag in TAG_SEPARATORS.split(row.get("tags")) if tag.strip()],
        options=_options(row, question_type),
        criteria=_criteria(row, question_type),
        settings=_settings(row, question_type),
        location=_row_location(row.number),
    )


def _file_problem(message: str) -> ReadResult:
    return ReadResult(problems=[FormatProblem(location=_("the file"), message=message)])


def _question_sheet(workbook):
    for sheet in workbook.worksheets:
        if _normalise(sheet.title) in SHEET_NAMES:
            return sheet
    if len(workbook.worksheets) == 1:
        return workbook.worksheets[0]
    return None


def read(data: bytes, *, category_path=()) -> ReadResult:
    """The questions of the workbook's ``questions`` sheet, and a problem for each bad row."""
    try:
        workbook = workbook_open(data)
    except SpreadsheetRefused as refused:
        return _file_problem(str(refused))
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return _file_problem(_("This is not an Excel workbook (.xlsx), or it is damaged."))
    try:
        sheet = _question_sheet(workbook)
        if sheet is None:
            return _file_problem(
                _("The workbook has no sheet named “questions” (题目) holding the questions.")
            )
        try:
            rows = list(sheet.iter_rows(max_row=MAX_ROWS + 1, values_only=True))
        except Exception:  # a damaged sheet inside a readable zip
            return _file_problem(_("The questions sheet is damaged and cannot be read."))
    finally:
        workbook.close()
    return _read_rows(rows, category_path=tuple(category_path))


def _read_rows(rows, *, category_path) -> ReadResult:
    if not rows or not any(cell_text(value) for value in rows[0]):
        return _file_problem(_("The questions sheet is empty: row 1 must name the columns."))
    if len(rows) > MAX_ROWS:
        return _file_problem(
            _("The sheet has more than %(max)d rows; split it into several files.")
            % {"max": MAX_ROWS}
        )
    header_problems = []
    positions: dict[tuple[str, int | None], int] = {}
    headers: dict[tuple[str, int | None], str] = {}
    for index, value in enumerate(rows[0]):
        header = cell_text(value)
        if not header:
            continue
        key = _header_key(header)
        if key is None:
            header_problems.append(
                _("Unknown column “%(header)s”: rename it as in the template, or delete it.")
                % {"header": header}
            )
        elif key in positions:
            header_problems.append(
                _("Two columns are both “%(header)s”.") % {"header": headers[key]}
            )
        else:
            positions[key], headers[key] = index, header
    missing = [c for c in COLUMNS if c.required and (c.key, None) not in positions]
    if missing:
        header_problems.append(
            _("Required columns are missing: %(columns)s.")
            % {"columns": "、".join(column.header() for column in missing)}
        )
    if header_problems:
        location = _row_location(1)
        return ReadResult(
            problems=[FormatProblem(location=location, message=m) for m in header_problems]
        )

    result = ReadResult()
    for number, values in enumerate(rows[1:], start=2):
        cells = {
            key: cell_text(values[index]) if index < len(values) else ""
            for key, index in positions.items()
        }
        if not any(cells.values()):
            continue
        row = _Row(number, cells, headers, category_path)
        question = _question(row)
        location = _row_location(number)
        result.problems.extend(FormatProblem(location, message) for message in row.problems)
        if question is not None and not row.problems:
            result.questions.append(question)
    if not result.questions and not result.problems:
        return _file_problem(_("The questions sheet has no questions below the header."))
    return result


# Writing ---------------------------------------------------------------------------------


def _cell_value(value):
    """Numbers as numbers when Excel keeps them exactly; text as text, never as a formula."""
    if isinstance(value, Decimal):
        as_float = float(value)
        try:
            exact = Decimal(repr(as_float)) == value
        except InvalidOperation:
            exact = False
        return as_float if exact else format(value, "f")
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _percent_text(fraction: Decimal) -> Decimal:
    return (Decimal(fraction) * 100).normalize()


def _yes(value) -> str:
    return "是" if value else "否"


def _row_values(data: QuestionData) -> dict[tuple[str, int | None], object]:
    code = data.type
    question_type = TYPES_BY_CODE.get(code)
    settings = {**SETTING_DEFAULTS.get(code, {}), **data.settings}
    values: dict[tuple[str, int | None], object] = {
        ("type", None): question_type.zh if question_type else code,
        ("category", None): "/".join(data.category_path),
        ("name", None): data.name,
        ("text", None): data.text,
        ("default_mark", None): Decimal(data.default_mark),
        ("general_feedback", None): data.general_feedback,
        ("tags", None): "、".join(data.tags),
    }
    for column in COLUMNS:
        if column.types and code in column.types:
            value = settings.get(column.key)
            if column.key == "correct":
                value = "" if value is None else ("正确" if value else "错误")
            elif column.key in ("shuffle", "case_sensitive"):
                value = _yes(value)
            elif column.key == "grading":
                value = GRADING_VALUES.get(value, (value,))[0]
            elif column.key in ("min_words", "max_words"):
                value = value or ""
            values[(column.key, None)] = value
    for number, option in enumerate(data.options, start=1):
        values[("option", number)] = option.text
        if code in SCORED:
            values[("score", number)] = _percent_text(option.fraction)
        values[("feedback", number)] = option.feedback
        if code == base.MATCHING:
            values[("match", number)] = option.match_text
        if code == base.NUMERICAL and option.tolerance is not None:
            values[("tolerance", number)] = Decimal(option.tolerance)
    for number, criterion in enumerate(data.criteria, start=1):
        values[("criterion", number)] = criterion.title
        values[("points", number)] = criterion.max_points
        values[("guidance", number)] = criterion.guidance
    return values


def _layout(questions) -> list[tuple[Column, int | None]]:
    options = max([OPTION_GROUPS, *(len(q.options) for q in questions)])
    criteria = max([CRITERION_GROUPS, *(len(q.criteria) for q in questions)])
    return [
        *((column, None) for column in COLUMNS),
        *((column, n) for n in range(1, options + 1) for column in OPTION_COLUMNS),
        *((column, n) for n in range(1, criteria + 1) for column in CRITERION_COLUMNS),
    ]


HEADER_FONT = Font(bold=True)
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _write_questions(sheet, questions):
    layout = _layout(questions)
    for index, (column, number) in enumerate(layout, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header(number))
        cell.font = HEADER_FONT
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        letter = cell.column_letter
        wide = column.key in ("text", "general_feedback", "grader_info", "response_template")
        sheet.column_dimensions[letter].width = 40 if wide else 16
    sheet.freeze_panes = "A2"
    for row_number, data in enumerate(questions, start=2):
        values = _row_values(data)
        for index, (column, number) in enumerate(layout, start=1):
            value = values.get((column.key, number))
            if value in (None, ""):
                continue
            cell = sheet.cell(row=row_number, column=index, value=_cell_value(value))
            if isinstance(value, str):
                cell.data_type = "s"  # "=..." is text here, not a formula


def _write_instructions(sheet):
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    lines = [
        ("题库导入模板说明", "How to fill in the question bank workbook"),
        (
            "在 questions 表中每行写一道题。第一行是列名,列的顺序随意,按列名识别;列名可以写中文、"
            "英文或“中文 / English”。空行会跳过。",
            "Write one question per row of the questions sheet. Row 1 names the columns, in any "
            "order; a header may be Chinese, English or “中文 / English”. Empty rows are skipped.",
        ),
        (
            "导入前会先检查整个文件;只要有一行有问题,整个文件都不会导入,并列出每个问题所在的行。",
            "The whole file is checked first: if any row has a problem, nothing is imported and "
            "every problem is listed with its row.",
        ),
        (
            "得分是占本题分值的百分比(100 为全对)。是/否 可填 是、否、对、错、正确、错误、yes、no、"
            "true、false、1、0。文字可写纯文本(换行会保留)或简单 HTML。",
            "Scores are percentages of the question's mark (100 is fully right). Yes/no cells "
            "take 是, 否, yes, no, true, false, 1, 0. Text may be plain (line breaks are kept) "
            "or simple HTML.",
        ),
        (
            f"选项、评分项是编号的列组:模板中有 {OPTION_GROUPS} 组选项、{CRITERION_GROUPS} 组"
            "评分项,需要更多时按编号往后加列(如 选项11 / option 11)。",
            f"Options and criteria are numbered groups of columns: the template has "
            f"{OPTION_GROUPS} option groups and {CRITERION_GROUPS} criterion groups; add more "
            "with the next numbers (option 11) when needed.",
        ),
        ("", ""),
    ]
    for zh, en in lines:
        sheet.append([zh, en])
    sheet["A1"].font = sheet["B1"].font = Font(bold=True, size=14)

    sheet.append(["列名 / Header", "必填 / Required", "适用题型 / Types", "说明", "Description"])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
    groups = [(column, None) for column in COLUMNS] + [
        (column, "N") for column in OPTION_COLUMNS + CRITERION_COLUMNS
    ]
    for column, number in groups:
        header = column.header() if number is None else f"{column.zh}N / {column.en} N"
        types = (
            "、".join(TYPES_BY_CODE[code].zh for code in column.types)
            if column.types
            else "全部 / all"
        )
        sheet.append(
            [header, "是 / yes" if column.required else "", types, column.note_zh, column.note_en]
        )
    sheet.append([])
    sheet.append(
        ["题型 / Type", "代码 / Code", "其他写法 / Also", "选项的含义", "What options mean"]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for question_type in TYPES:
        sheet.append(
            [
                f"{question_type.zh} / {question_type.en}",
                question_type.code,
                "、".join(question_type.aliases),
                question_type.options_zh,
                question_type.options_en,
            ]
        )
    for letter, width in zip("ABCDE", (34, 22, 30, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap


def write(questions) -> bytes:
    """The questions as a workbook in the template's layout, with the instructions sheet."""
    questions = list(questions)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    _write_questions(sheet, questions)
    _write_instructions(workbook.create_sheet(INSTRUCTIONS_TITLE))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def unsupported(questions) -> list[FormatProblem]:
    """What of these questions a workbook cannot hold, by question name."""
    problems = []
    for data in questions:
        location = data.location or data.name
        messages = []
        code = data.type
        if code not in TYPES_BY_CODE:
            messages.append(_("Unknown question type “%(type)s”.") % {"type": code})
        texts = [data.name, data.text, data.general_feedback]
        texts += [str(value) for value in data.settings.values() if isinstance(value, str)]
        for option in data.options:
            texts += [option.text, option.feedback, option.match_text]
        for criterion in data.criteria:
            texts += [criterion.title, criterion.guidance]
        if any(len(text) > MAX_CELL_CHARACTERS for text in texts):
            messages.append(
                _("A text is longer than the %(max)d characters an Excel cell holds.")
                % {"max": MAX_CELL_CHARACTERS}
            )
        if any(ILLEGAL_CHARACTERS_RE.search(text) for text in texts + data.tags):
            messages.append(_("Control characters in the text are left out."))
        if any(TAG_SEPARATORS.search(tag) for tag in data.tags):
            messages.append(_("A tag containing “,”, “、” or “;” would be split in two."))
        if code in WITHOUT_OPTIONS and data.options:
            messages.append(_("Its options are left out: this type has none in the workbook."))
        elif code not in SCORED and any(option.fraction for option in data.options):
            messages.append(_("Option scores are left out: this type has none in the workbook."))
        if code != base.MATCHING and any(option.match_text for option in data.options):
            messages.append(_("Matching answers are left out: only matching questions have them."))
        if code != base.NUMERICAL and any(o.tolerance is not None for o in data.options):
            messages.append(_("Tolerances are left out: only numerical questions have them."))
        if code != base.ESSAY and data.criteria:
            messages.append(_("Rubric criteria are left out: only essays have them."))
        if code == base.ORDERING and data.settings.get("grading", "partial") not in GRADING_VALUES:
            messages.append(_("Unknown grading for an ordering question."))
        problems.extend(FormatProblem(location=location, message=m) for m in messages)
    return problems


# The template ----------------------------------------------------------------------------

D = Decimal
EXAMPLES = (
    QuestionData(
        type=base.SINGLE,
        name="换届周期",
        text="社区党组织每届任期几年?",
        general_feedback="依据《中国共产党基层组织选举工作条例》。",
        category_path=("示例", "党建知识"),
        tags=["组织建设", "换届"],
        options=[
            OptionData("五年", D(1), "正确。"),
            OptionData("三年", D(0), "这是旧规定。"),
            OptionData("两年", D(0)),
        ],
        settings={"shuffle": True},
    ),
    QuestionData(
        type=base.MULTIPLE,
        name="三会一课",
        text="下列哪些属于“三会一课”?",
        category_path=("示例", "党建知识"),
        tags=["组织生活"],
        options=[
            OptionData("支部党员大会", D("0.5"), "对"),
            OptionData("党课", D("0.5"), "对"),
            OptionData("业主大会", D("-0.5"), "不是党内组织生活"),
            OptionData("楼长会", D("-0.5")),
        ],
        settings={"shuffle": True},
    ),
    QuestionData(
        type=base.TRUE_FALSE,
        name="小区党支部联建",
        text="相邻小区的党支部可以联合组建。",
        category_path=("示例", "党建知识"),
        settings={
            "correct": True,
            "feedback_true": "对,可以联建。",
            "feedback_false": "可以联建。",
        },
    ),
    QuestionData(
        type=base.SHORT_ANSWER,
        name="红色物业",
        text="“红色物业”是把哪种组织的引领作用融入物业服务?(填两个字)",
        category_path=("示例", "党建知识"),
        options=[OptionData("党建", D(1), "对"), OptionData("党*", D("0.5"), "接近")],
        settings={"case_sensitive": False},
    ),
    QuestionData(
        type=base.NUMERICAL,
        name="社区数量",
        text="本街道共有几个社区?",
        default_mark=D(2),
        category_path=("示例", "街道概况"),
        options=[
            OptionData("12", D(1), "对", tolerance=D(0)),
            OptionData("12", D("0.5"), "接近", tolerance=D(2)),
        ],
    ),
    QuestionData(
        type=base.MATCHING,
        name="机构与职责",
        text="把机构与它的职责配对。",
        category_path=("示例", "基层治理"),
        options=[
            OptionData("业委会", match_text="代表业主"),
            OptionData("物业公司", match_text="提供服务"),
            OptionData("社区党委", match_text="统筹协调"),
            OptionData("", match_text="审批预算"),
        ],
        settings={"shuffle": True},
    ),
    QuestionData(
        type=base.ORDERING,
        name="议事程序",
        text="按先后排列居民议事的程序。",
        category_path=("示例", "基层治理"),
        options=[OptionData("提议"), OptionData("商议"), OptionData("决议"), OptionData("公开")],
        settings={"grading": "partial"},
    ),
    QuestionData(
        type=base.ESSAY,
        name="化解业主矛盾",
        text="谈谈你化解一次业主矛盾的经过和做法。",
        default_mark=D(10),
        category_path=("示例", "实务"),
        criteria=[
            CriterionData("结构清晰", 4, "有起因、经过、结果"),
            CriterionData("有具体做法", 6, "写出了可以借鉴的做法"),
        ],
        settings={
            "min_words": 200,
            "max_words": 1000,
            "grader_info": "重点看做法是否具体。",
            "response_template": "",
        },
    ),
    QuestionData(
        type=base.JUDGEMENT,
        name="停车费争执",
        text="业委会与物业因停车费发生争执,居民在群里情绪激烈。你首先会怎么做?",
        category_path=("示例", "实务"),
        options=[
            OptionData("召集三方协调会", D(1), "最有效:把各方拉到一张桌上。"),
            OptionData("先听取居民意见", D("0.6"), "可以,但拖延了。"),
            OptionData("请街道出面", D("0.2"), "把问题上交。"),
            OptionData("不予理会", D(0), "矛盾会升级。"),
        ],
        settings={"shuffle": True},
    ),
)


def template() -> bytes:
    """The blank-to-fill workbook: the headers, one example row per type, the instructions."""
    return write(EXAMPLES)
