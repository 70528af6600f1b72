"""Moodle XML, the question format that carries every studio type, read and written like Moodle.

Moodle's ``question/format/xml/format.php`` is the reference for elements and defaults, so a bank
exported from Moodle reads here as it would back into Moodle, and a studio export imports into
Moodle. Decisions a reader of an exported file needs to know:

- Parsing goes through ``defusedxml``: a file that declares entities or fetches external ones
  (billion laughs, XXE) is refused with a problem, never expanded. A file that is not
  well-formed, or whose outer element is not ``<quiz>``, gives one problem and no questions.
- ``<question type="category">`` switches the category of the questions after it;
  ``$course$/top/A/B`` is read as ("A", "B") (see ``gift.moodle_category_path``).
- Weights are percentages (``fraction="50"``, ``"-33.33333"``) and become Decimal shares.
- Situational judgement has no Moodle type. It is written as ``multichoice`` with
  ``<single>true</single>`` and the tag ``studio-judgement``: Moodle sees a single choice
  question with weighted options, and the studio reads the tag back as judgement.
- Ordering uses Moodle's ``ordering`` type (core since Moodle 4.4, a plugin before): the answers
  in the right order, all shown (``<selecttype>ALL</selecttype>``). "All or nothing" is
  ``ALL_OR_NOTHING``; the studio's "a share for each item in its right place" is
  ``ABSOLUTE_POSITION``. Every other Moodle grading (the relative ones, Moodle's default) reads
  as the studio's share per item, and a Moodle question showing a random subset of its items
  reads as one showing them all: both are how the question is scored or shown, not content, and
  an import that refused every Moodle ordering question over them would help nobody.
- Essay rubric criteria travel in an element of the studio's own, which Moodle ignores:
  ``<studio_rubric><criterion points="3"><title/><guidance/></criterion></studio_rubric>``.
  Word limits are Moodle's ``minwordlimit``/``maxwordlimit``.
- A question of a type the studio does not have (calculated, cloze, drag and drop, random, a
  description, …) is a ``LeftOut`` naming the ``<question>`` element and its type: the import
  leaves it out and says so, and the others are imported. A question of a type the studio has
  that cannot be read gives a problem, which stops the import.
- Numbers are read as Moodle writes them, with seven decimal places (``1.0000000``,
  ``0.3333333``) or as a float (``33.33333``); the bank rounds them to what it stores.
- A question that loses content on the way in (embedded images, numerical units) is kept, and a
  problem says what was lost.
"""

import re
from decimal import Decimal
from xml.etree.ElementTree import Element, TreeBuilder, tostring
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from django.utils.html import escape
from django.utils.translation import gettext

from .base import (
    ESSAY,
    JUDGEMENT,
    MATCHING,
    MULTIPLE,
    NUMERICAL,
    ORDERING,
    SHORT_ANSWER,
    SINGLE,
    TRUE_FALSE,
    TYPE_CODES,
    CriterionData,
    FormatProblem,
    LeftOut,
    OptionData,
    QuestionData,
    ReadResult,
)
from .gift import (
    choice_problem,
    moodle_category_path,
    moodle_category_text,
    moodle_number,
    moodle_text_as_html,
    name_from_text,
    number_text,
)

ZERO = Decimal("0")
ONE = Decimal("1")
HUNDRED = Decimal("100")
JUDGEMENT_TAG = "studio-judgement"
TEXT_FORMATS = {
    "html": "html",
    "moodle_auto_format": "moodle",
    "plain_text": "plain",
    "markdown": "markdown",
    "wiki_like": "plain",
}
ORDERING_GRADES = {"all_or_nothing": "ALL_OR_NOTHING", "partial": "ABSOLUTE_POSITION"}
FALSE_WORDS = ("false", "0", "")
# Characters XML 1.0 cannot hold at all, not even escaped; they would make the file unreadable.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class _Unreadable(Exception):
    """A question that cannot be read; the message says why, in the user's language."""


class _NotAStudioType(_Unreadable):
    """A question of a Moodle type the studio does not have: left out, not a problem."""


class _Positions(TreeBuilder):
    """Builds the tree and remembers where each element starts, for messages."""

    def __init__(self):
        super().__init__()
        self.parser = None
        self.positions: dict[Element, tuple[int, int]] = {}

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        self.positions[element] = (self.line(), self.column())
        return element

    def line(self) -> int:
        return getattr(getattr(self.parser, "parser", None), "CurrentLineNumber", 0)

    def column(self) -> int:
        return getattr(getattr(self.parser, "parser", None), "CurrentColumnNumber", -1) + 1


# Reading -----------------------------------------------------------------------------------


def read(data: bytes, *, category_path: tuple[str, ...] = ()) -> ReadResult:
    """Every question a Moodle XML file holds, and a problem for each one it could not read."""
    builder = _Positions()
    root, problem = _parse(data, builder)
    if problem:
        return ReadResult(problems=[problem])
    if root.tag != "quiz":
        return ReadResult(
            problems=[
                FormatProblem(
                    location=_line_and_column(*builder.positions.get(root, (1, 1))),
                    message=gettext(
                        "This is not a Moodle XML file: its outer element is <%(tag)s>, not <quiz>."
                    )
                    % {"tag": root.tag},
                )
            ]
        )
    return _questions(root, builder.positions, tuple(category_path))


def _parse(data: bytes, builder: _Positions) -> tuple[Element | None, FormatProblem | None]:
    if isinstance(data, str):
        data = data.encode("utf-8")
    parser = DefusedXMLParser(target=builder)
    builder.parser = parser
    try:
        parser.feed(data)
        return parser.close(), None
    except ParseError as error:
        line, column = error.position
        reason = expat.ErrorString(error.code) if error.code else str(error)
        message = gettext("The file is not well-formed XML: %(reason)s.") % {"reason": reason}
        return None, FormatProblem(location=_line_and_column(line, column + 1), message=message)
    except DefusedXmlException:
        message = gettext(
            "The file declares XML entities or external references, which are refused for safety."
        )
    except LookupError:
        message = gettext("The file names a character encoding that is not known.")
    except RecursionError:
        message = gettext("The file nests its elements too deeply to be read.")
    return None, FormatProblem(
        location=_line_and_column(builder.line(), builder.column()), message=message
    )


def _line_and_column(line: int, column: int) -> str:
    return gettext("line %(line)d, column %(column)d") % {"line": line, "column": column}


def _questions(root: Element, positions: dict, prefix: tuple[str, ...]) -> ReadResult:
    result = ReadResult()
    category = prefix
    for number, element in enumerate(root.findall("question"), start=1):
        kind = element.get("type", "")
        if kind == "category":
            category = prefix + moodle_category_path(_text(element.find("category")))
            continue
        location = _location(number, element, positions.get(element, (0, 0))[0])
        notes: list[str] = []
        try:
            question = _question(element, kind, notes)
        except _NotAStudioType as left_out:
            result.left_out.append(LeftOut(location=location, kind=kind, message=str(left_out)))
            continue
        except _Unreadable as problem:
            result.problems.append(FormatProblem(location=location, message=str(problem)))
            continue
        except RecursionError:
            message = gettext("The question nests its elements too deeply to be read.")
            result.problems.append(FormatProblem(location=location, message=message))
            continue
        question.category_path = category
        question.location = location
        result.questions.append(question)
        result.problems.extend(FormatProblem(location=location, message=n) for n in notes)
    return result


def _location(number: int, element: Element, line: int) -> str:
    values = {"number": number, "line": line, "type": element.get("type", "")}
    name = _text(element.find("name"))
    if name:
        return gettext(
            'question %(number)d “%(name)s” (line %(line)d, element <question type="%(type)s">)'
        ) % {**values, "name": name[:80]}
    return (
        gettext('question %(number)d (line %(line)d, element <question type="%(type)s">)') % values
    )


def _text(node: Element | None) -> str:
    """The node's ``<text>``, trimmed as Moodle trims it; markup written without CDATA is kept."""
    if node is None:
        return ""
    text = node.find("text")
    return _inner(text).strip() if text is not None else ""


def _inner(node: Element) -> str:
    return (node.text or "") + "".join(tostring(child, encoding="unicode") for child in node)


def _html(node: Element | None, default_format: str) -> str:
    """The node's text as HTML, converted from the format its ``format`` attribute names."""
    if node is None:
        return ""
    text_format = TEXT_FORMATS.get(node.get("format", default_format), "html")
    return moodle_text_as_html(_text(node), text_format)


def _flag(element: Element, tag: str, default: bool) -> bool:
    """Moodle's ``trans_single``: "false", "0" and empty are false, anything else true."""
    node = element.find(tag)
    if node is None:
        return default
    return (node.text or "").strip() not in FALSE_WORDS


def _whole_number(element: Element, tag: str) -> int:
    value = (getattr(element.find(tag), "text", None) or "").strip()
    if not value:
        return 0
    number = moodle_number(value)
    if number is None or number < 0 or number != number.to_integral_value():
        raise _Unreadable(
            gettext("<%(tag)s> should be a whole number, not “%(value)s”.")
            % {"tag": tag, "value": value[:40]}
        )
    return int(number)


def _question(element: Element, kind: str, notes: list[str]) -> QuestionData:
    reader = _READERS.get(kind)
    if reader is None:
        raise (_NotAStudioType if kind else _Unreadable)(_unknown_type(kind))
    question = _headers(element, notes)
    reader(question, element, _moodle_format(element), notes)
    return question


def _moodle_format(element: Element) -> str:
    """The question text's format name, the default for every other text of the question."""
    node = element.find("questiontext")
    return node.get("format", "html") if node is not None else "html"


def _unknown_type(kind: str) -> str:
    if not kind:
        return gettext("A <question> without a type cannot be read.")
    if kind == "description":
        return gettext("A description is not a question in the studio; it is left out.")
    return gettext(
        "The studio has no question type like Moodle's “%(type)s”; this question is left out."
    ) % {"type": kind}


def _headers(element: Element, notes: list[str]) -> QuestionData:
    text_format = _moodle_format(element)
    text = _html(element.find("questiontext"), "html")
    mark = element.findtext("defaultgrade")
    default_mark = ONE if mark is None or not mark.strip() else moodle_number(mark)
    if default_mark is None or default_mark < 0:
        raise _Unreadable(
            gettext("The default mark “%(mark)s” is not a number.") % {"mark": mark[:40]}
        )
    if element.find(".//file") is not None:
        notes.append(gettext("Embedded files such as images are not imported."))
    tags = [_text(tag) for tag in element.findall("tags/tag")]
    return QuestionData(
        type="",
        name=_text(element.find("name")) or name_from_text(text, gettext("Untitled question")),
        text=text,
        general_feedback=_html(element.find("generalfeedback"), text_format),
        default_mark=default_mark,
        tags=[tag for tag in dict.fromkeys(tags) if tag],
    )


def _fraction(answer: Element) -> Decimal:
    value = answer.get("fraction", "0")
    percent = moodle_number(value) if value.strip() else ZERO
    if percent is None or abs(percent) > HUNDRED:
        raise _Unreadable(
            gettext("The answer weight “%(weight)s” is not a percentage between -100 and 100.")
            % {"weight": value[:40]}
        )
    return percent / HUNDRED


def _answers(element: Element, text_format: str, *, html: bool) -> list[OptionData]:
    """Every ``<answer>``; choice answers are HTML, typed answers (short, numerical) plain."""
    options = []
    for answer in element.findall("answer"):
        text = _html(answer, text_format) if html else _text(answer)
        if not text and html:
            raise _Unreadable(gettext("An answer is empty."))
        options.append(
            OptionData(
                text=text,
                fraction=_fraction(answer),
                feedback=_html(answer.find("feedback"), text_format),
            )
        )
    return options


def _read_multichoice(question, element, text_format, notes) -> None:
    question.options = _answers(element, text_format, html=True)
    if len(question.options) < 2:
        raise _Unreadable(gettext("A multiple choice question needs at least two options."))
    if not any(option.fraction > 0 for option in question.options):
        raise _Unreadable(gettext("No option is marked right."))
    single = _flag(element, "single", True)
    question.type = SINGLE if single else MULTIPLE
    if single and JUDGEMENT_TAG in question.tags:
        question.type = JUDGEMENT
        question.tags = [tag for tag in question.tags if tag != JUDGEMENT_TAG]
    question.settings = {"shuffle": _flag(element, "shuffleanswers", False)}


def _read_truefalse(question, element, text_format, notes) -> None:
    """Answers are matched on "true"/"false"; very old files only had them in that order."""
    answers = element.findall("answer")
    if not answers:
        raise _Unreadable(gettext("A true/false question needs its answers."))
    feedback = {"true": "", "false": ""}
    correct = True
    for index, answer in enumerate(answers[:2]):
        word = _text(answer)
        if word not in feedback:
            word = "true" if index == 0 else "false"
        feedback[word] = _html(answer.find("feedback"), text_format)
        right = _fraction(answer) == ONE
        correct = right if word == "true" else not right
    question.type = TRUE_FALSE
    question.settings = {
        "correct": correct,
        "feedback_true": feedback["true"],
        "feedback_false": feedback["false"],
    }


def _read_shortanswer(question, element, text_format, notes) -> None:
    question.options = _answers(element, text_format, html=False)
    if not question.options or not all(option.text for option in question.options):
        raise _Unreadable(gettext("A short answer question needs accepted answers, none empty."))
    question.type = SHORT_ANSWER
    question.settings = {"case_sensitive": _flag(element, "usecase", False)}


def _read_numerical(question, element, text_format, notes) -> None:
    """An empty answer is Moodle's ``*``, any other number; units are not imported."""
    options = _answers(element, text_format, html=False)
    for option, answer in zip(options, element.findall("answer"), strict=True):
        option.text = option.text or "*"
        if option.text != "*":
            option.tolerance = _tolerance(option.text, answer.findtext("tolerance") or "0")
    if not options:
        raise _Unreadable(gettext("A numerical question needs at least one number."))
    if element.find("units/unit") is not None:
        notes.append(gettext("Units are not imported: answers are read as plain numbers."))
    question.options = options
    question.type = NUMERICAL


def _tolerance(number: str, tolerance_text: str) -> Decimal:
    tolerance = moodle_number(tolerance_text)
    if moodle_number(number) is None or tolerance is None or tolerance < 0:
        raise _Unreadable(
            gettext("“%(number)s” with tolerance “%(tolerance)s” is not a number.")
            % {"number": number[:40], "tolerance": tolerance_text.strip()[:40]}
        )
    return tolerance


def _read_matching(question, element, text_format, notes) -> None:
    """A subquestion without text adds a distractor answer; a wholly empty one is skipped."""
    for subquestion in element.findall("subquestion"):
        stem = _html(subquestion, text_format)
        match_text = _text(subquestion.find("answer"))
        if not stem and not match_text:
            continue
        if not match_text:
            raise _Unreadable(gettext("A matching item has no answer."))
        question.options.append(OptionData(text=stem, match_text=match_text))
    if sum(1 for option in question.options if option.text) < 2:
        raise _Unreadable(gettext("A matching question needs at least two pairs."))
    question.type = MATCHING
    question.settings = {"shuffle": _flag(element, "shuffleanswers", True)}


def _read_ordering(question, element, text_format, notes) -> None:
    """The items come in the right order; their ``fraction`` only numbers them, so it is unused."""
    for answer in element.findall("answer"):
        text = _html(answer, text_format)
        if not text:
            raise _Unreadable(gettext("An answer is empty."))
        feedback = _html(answer.find("feedback"), text_format)
        question.options.append(OptionData(text=text, feedback=feedback))
    if len(question.options) < 2:
        raise _Unreadable(gettext("An ordering question needs at least two items."))
    grading = (element.findtext("gradingtype") or "").strip().upper()
    question.type = ORDERING
    question.settings = {
        "grading": "all_or_nothing" if grading == "ALL_OR_NOTHING" else "partial",
    }


def _read_essay(question, element, text_format, notes) -> None:
    question.type = ESSAY
    question.settings = {
        "min_words": _whole_number(element, "minwordlimit"),
        "max_words": _whole_number(element, "maxwordlimit"),
        "grader_info": _html(element.find("graderinfo"), text_format),
        "response_template": _html(element.find("responsetemplate"), text_format),
    }
    question.criteria = [_criterion(node) for node in element.findall("studio_rubric/criterion")]


def _criterion(node: Element) -> CriterionData:
    points = moodle_number(node.get("points", "1"))
    title = _inner(node.find("title")).strip() if node.find("title") is not None else ""
    if points is None or points < 0 or points != points.to_integral_value() or not title:
        raise _Unreadable(gettext("A rubric criterion needs a title and a whole number of points."))
    guidance = node.find("guidance")
    return CriterionData(
        title=title,
        max_points=int(points),
        guidance=_inner(guidance).strip() if guidance is not None else "",
    )


_READERS = {
    "multichoice": _read_multichoice,
    "truefalse": _read_truefalse,
    "shortanswer": _read_shortanswer,
    "numerical": _read_numerical,
    "matching": _read_matching,
    "match": _read_matching,
    "ordering": _read_ordering,
    "essay": _read_essay,
}


# Writing -----------------------------------------------------------------------------------

_MOODLE_TYPES = {
    SINGLE: "multichoice",
    MULTIPLE: "multichoice",
    JUDGEMENT: "multichoice",
    TRUE_FALSE: "truefalse",
    SHORT_ANSWER: "shortanswer",
    NUMERICAL: "numerical",
    MATCHING: "matching",
    ORDERING: "ordering",
    ESSAY: "essay",
}


def write(questions: list[QuestionData]) -> bytes:
    """The questions as a Moodle XML file in UTF-8, a category element wherever it changes."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    category: tuple[str, ...] = ()
    for question in questions:
        if question.type not in _MOODLE_TYPES:
            continue
        if tuple(question.category_path) != category:
            category = tuple(question.category_path)
            lines.extend(_category(category))
        lines.extend(_question_lines(question))
    lines.append("</quiz>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def unsupported(questions: list[QuestionData]) -> list[FormatProblem]:
    """What Moodle XML cannot carry of these questions, or Moodle would refuse, by question."""
    problems = []
    for question in questions:
        if question.type not in TYPE_CODES:
            message = gettext("The studio has no question type “%(type)s”; it is left out.") % {
                "type": question.type
            }
        else:
            message = choice_problem(question)
        if message:
            problems.append(FormatProblem(location=question.name, message=message))
    return problems


def _cdata(value: str) -> str:
    """Text as Moodle writes it: as it is when plain, in CDATA when it holds markup."""
    value = _NOT_XML.sub("", value)
    if escape(value) == value:
        return value
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _text_element(tag: str, value: str, indent: int, text_format: str | None = "html") -> list:
    pad = "  " * indent
    attribute = f' format="{text_format}"' if text_format else ""
    return [f"{pad}<{tag}{attribute}>", f"{pad}  <text>{_cdata(value)}</text>", f"{pad}</{tag}>"]


def _value(tag: str, value, indent: int = 2) -> str:
    return f"{'  ' * indent}<{tag}>{_cdata(str(value))}</{tag}>"


def _boolean(value) -> str:
    return "true" if value else "false"


def _category(path: tuple[str, ...]) -> list[str]:
    return [
        '  <question type="category">',
        *_text_element("category", moodle_category_text(path), 2, None),
        "  </question>",
    ]


def _question_lines(question: QuestionData) -> list[str]:
    tags = list(question.tags)
    if question.type == JUDGEMENT and JUDGEMENT_TAG not in tags:
        tags.append(JUDGEMENT_TAG)
    lines = [
        f'  <question type="{_MOODLE_TYPES[question.type]}">',
        *_text_element("name", question.name, 2, None),
        *_text_element("questiontext", question.text, 2),
        *_text_element("generalfeedback", question.general_feedback, 2),
        _value("defaultgrade", number_text(question.default_mark)),
        *_BODIES[question.type](question),
    ]
    if tags:
        lines.append("    <tags>")
        lines.extend(f"      <tag><text>{_cdata(tag)}</text></tag>" for tag in tags)
        lines.append("    </tags>")
    lines.append("  </question>")
    return lines


def _answer(option: OptionData, text_format: str, extra: tuple = (), fraction=None) -> list:
    percent = number_text(option.fraction * HUNDRED) if fraction is None else fraction
    lines = [
        f'    <answer fraction="{percent}" format="{text_format}">',
        f"      <text>{_cdata(option.text)}</text>",
        *_text_element("feedback", option.feedback, 3),
        *extra,
        "    </answer>",
    ]
    return lines


def _multichoice(question: QuestionData) -> list[str]:
    lines = [
        _value("single", _boolean(question.type != MULTIPLE)),
        _value("shuffleanswers", _boolean(question.settings.get("shuffle", True))),
        _value("answernumbering", "abc"),
    ]
    for option in question.options:
        lines.extend(_answer(option, "html"))
    return lines


def _truefalse(question: QuestionData) -> list[str]:
    settings = question.settings
    correct = settings.get("correct", True)
    lines = []
    for word, right in (("true", correct), ("false", not correct)):
        option = OptionData(text=word, feedback=settings.get(f"feedback_{word}", ""))
        lines.extend(_answer(option, "moodle_auto_format", fraction="100" if right else "0"))
    return lines


def _shortanswer(question: QuestionData) -> list[str]:
    lines = [_value("usecase", 1 if question.settings.get("case_sensitive") else 0)]
    for option in question.options:
        lines.extend(_answer(option, "moodle_auto_format"))
    return lines


def _numerical(question: QuestionData) -> list[str]:
    lines = []
    for option in question.options:
        tolerance = _value("tolerance", number_text(option.tolerance or ZERO), 3)
        lines.extend(_answer(option, "moodle_auto_format", (tolerance,)))
    return lines


def _matching(question: QuestionData) -> list[str]:
    lines = [_value("shuffleanswers", _boolean(question.settings.get("shuffle", True)))]
    for option in question.options:
        lines.extend(
            [
                '    <subquestion format="html">',
                f"      <text>{_cdata(option.text)}</text>",
                f"      <answer><text>{_cdata(option.match_text)}</text></answer>",
                "    </subquestion>",
            ]
        )
    return lines


def _ordering(question: QuestionData) -> list[str]:
    """Moodle's ordering answers carry their position in ``fraction``, counting from 1."""
    grading = question.settings.get("grading", "partial")
    lines = [
        _value("layouttype", "VERTICAL"),
        _value("selecttype", "ALL"),
        _value("selectcount", len(question.options)),
        _value("gradingtype", ORDERING_GRADES.get(grading, "ABSOLUTE_POSITION")),
        _value("showgrading", "SHOW"),
        _value("numberingstyle", "none"),
    ]
    for position, option in enumerate(question.options, start=1):
        lines.extend(_answer(option, "html", fraction=str(position)))
    return lines


def _essay(question: QuestionData) -> list[str]:
    settings = question.settings
    lines = [
        _value("responseformat", "editor"),
        _value("responserequired", 1),
        _value("responsefieldlines", 15),
        _value("minwordlimit", settings.get("min_words") or 0),
        _value("maxwordlimit", settings.get("max_words") or 0),
        _value("attachments", 0),
        _value("attachmentsrequired", 0),
        *_text_element("graderinfo", settings.get("grader_info", ""), 2),
        *_text_element("responsetemplate", settings.get("response_template", ""), 2),
    ]
    if question.criteria:
        lines.append("    <studio_rubric>")
        for criterion in question.criteria:
            lines.extend(
                [
                    f'      <criterion points="{int(criterion.max_points)}">',
                    _value("title", criterion.title, 4),
                    _value("guidance", criterion.guidance, 4),
                    "      </criterion>",
                ]
            )
        lines.append("    </studio_rubric>")
    return lines


_BODIES = {
    SINGLE: _multichoice,
    MULTIPLE: _multichoice,
    JUDGEMENT: _multichoice,
    TRUE_FALSE: _truefalse,
    SHORT_ANSWER: _shortanswer,
    NUMERICAL: _numerical,
    MATCHING: _matching,
    ORDERING: _ordering,
    ESSAY: _essay,
}
