"""GIFT, Moodle's plain-text question format, read and written the way Moodle does it.

Moodle's own importer (``question/format/gift/format.php``) is the reference: a file that Moodle
reads one way is read the same way here, so an office can prepare a bank in a text editor, try it
in Moodle, and get the same questions in the studio. Where Moodle guesses silently (a stray word
before the first answer, a weight after ``=``, two answer blocks) this reader reports a problem
for that question instead, and goes on with the next one.

Decisions a reader of an exported file needs to know:

- Text is HTML in the studio, so ``write`` marks every question ``[html]``; on reading, ``[html]``
  is kept as it is, ``[moodle]`` (the default) keeps its markup and turns line breaks into
  ``<br>``, and ``[plain]`` and ``[markdown]`` are escaped (markdown is not rendered).
- Single choice or multiple response follows Moodle's rule: an answer written with ``=`` makes a
  single choice question; answers written only with ``~`` (weighted ``~%50%``) make a multiple
  response question. A choice question needs a right answer.
- True/false: ``{TRUE#first#second}``. Moodle shows the first feedback to a trainee whose answer
  is wrong and the second to one whose answer is right. So for a true statement the first is
  ``feedback_false`` and the second ``feedback_true``; for a false statement the other way round.
- Numerical: ``{#3.14:0.01}``, ``{#1..5}`` (read as midpoint 3 with tolerance 2), weighted
  answers ``=%50%3:1``; a trailing ``~#feedback`` is Moodle's "any other answer", kept as an option
  whose text is ``*`` (the studio grades ``*`` as any number).
- Situational judgement has no GIFT form. It is written as single choice with the same weights
  (``=best ~%50%fair ~poor``), which Moodle reads fine, and a round trip through GIFT therefore
  turns it into single choice. Moodle XML keeps it (see ``moodle_xml``).
- Ordering questions cannot be written in core GIFT and are left out; rubric criteria, essay
  word limits, the default mark, "do not shuffle" and "case matters" are not carried either.
  ``unsupported`` lists every such loss so the export can say so; ``write`` only returns text.
- Text without an answer block is Moodle's description: it is left out (a ``LeftOut``), not a
  problem, so Moodle's own GIFT export of a bank with descriptions still imports.
- Tags travel as Moodle writes them, in a comment line before the question: ``// [tag:x]``.
  ``$CATEGORY: $course$/top/A/B`` sets the category of the questions after it.

The helpers named ``moodle_*`` (categories, text formats, numbers) are shared with
``moodle_xml``, since both formats are Moodle's.
"""

import html
import re
from decimal import Decimal, InvalidOperation

from django.utils.html import escape, strip_tags
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
    FormatProblem,
    LeftOut,
    OptionData,
    QuestionData,
    ReadResult,
)

ZERO = Decimal("0")
ONE = Decimal("1")
HUNDRED = Decimal("100")
NAME_LENGTH = 80
CATEGORY_PREFIX = "$CATEGORY:"
TRUE_WORDS = ("T", "TRUE")
FALSE_WORDS = ("F", "FALSE")

# While a question is cut into its parts, each escaped character stands in as a code point from a
# private-use plane, so an escaped ``~`` or ``}`` is never taken for syntax. Moodle does the same
# with "&&126;"-style placeholders.
_ESCAPED = "\\:#={}~n"
_PLACEHOLDER = {char: chr(0xF0000 + index) for index, char in enumerate(_ESCAPED)}
_RESTORE = str.maketrans({p: ("\n" if c == "n" else c) for c, p in _PLACEHOLDER.items()})
_ESCAPE_IN = re.compile(r"\\([\\:#={}~n])")
_ESCAPE_OUT = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
        "\r": "",
    }
)
_FORMAT_MARK = re.compile(r"\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]])*)\]")
_CONTEXT = re.compile(r"\$[a-z0-9]+\$")
_CATEGORY_SPLIT = re.compile(r"(?<!/)/(?!/)")
_ARROW = "-&gt;"


class _Unreadable(Exception):
    """A question that cannot be read; the message says why, in the user's language."""


class _Description(_Unreadable):
    """Text without answers: Moodle's description, which the studio leaves out."""


# Shared with moodle_xml ----------------------------------------------------------------------


def moodle_category_path(text: str) -> tuple[str, ...]:
    """``$course$/top/A/B`` as ("A", "B"): the context and Moodle's hidden top level go.

    A ``/`` inside a name is written ``//`` (Moodle's ``split_category_path``).
    """
    names = [part.replace("//", "/").strip() for part in _CATEGORY_SPLIT.split(text.strip())]
    if names and _CONTEXT.fullmatch(names[0]):
        names = names[1:]
    if names and names[0] == "top":
        names = names[1:]
    return tuple(name for name in names if name)


def moodle_category_text(path: tuple[str, ...]) -> str:
    """The path as Moodle exports it, so Moodle files it under the course's question bank."""
    names = ["$course$", "top"]
    for name in path:
        escaped = " ".join(name.split()).replace("/", "//")
        if escaped.startswith("/"):
            escaped = " " + escaped
        if escaped.endswith("/"):
            escaped += " "
        names.append(escaped)
    return "/".join(names)


def moodle_text_as_html(text: str, text_format: str) -> str:
    """Text in one of Moodle's formats (html, moodle, plain, markdown) as the studio's HTML."""
    if text_format == "html":
        return text
    if text_format == "moodle":
        return text.replace("\n", "<br>")
    return escape(text).replace("\n", "<br>")


def moodle_number(text: str) -> Decimal | None:
    """A finite number of sensible size, or None: no file can make the arithmetic overflow."""
    text = text.strip()
    if not text or len(text) > 40 or "_" in text:
        return None
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number.adjusted()) > 50:
        return None
    return number


def number_text(number: Decimal) -> str:
    """A number without exponent or trailing zeros, the way Moodle writes ``50`` or ``0.01``."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def name_from_text(text_html: str, fallback: str) -> str:
    """A question without a name is named by the start of its text, as Moodle does."""
    plain = " ".join(html.unescape(strip_tags(text_html)).split())
    return plain[:NAME_LENGTH] if plain else fallback


def choice_problem(question: QuestionData) -> str:
    """Why Moodle would refuse a choice question's weights, or an empty string."""
    full_mark = any(option.fraction == ONE for option in question.options)
    if question.type in (SINGLE, JUDGEMENT) and not full_mark:
        return gettext(
            "No option earns the full mark: Moodle refuses a single choice question without one."
        )
    if question.type == MULTIPLE:
        total = sum((o.fraction for o in question.options if o.fraction > 0), ZERO)
        if total != ONE:
            return gettext(
                "The right options add up to %(total)s%%, not 100%%: Moodle refuses such a "
                "multiple response question."
            ) % {"total": number_text(total * HUNDRED)}
    return ""


# Reading -----------------------------------------------------------------------------------


def read(text: str, *, category_path: tuple[str, ...] = ()) -> ReadResult:
    """Every question GIFT text holds, and a problem for each one it could not read."""
    result = ReadResult()
    prefix = tuple(category_path)
    category = prefix
    for block in _blocks(text):
        comments = [line for _, line in block if line.strip().startswith("//")]
        lines = [(number, line) for number, line in block if not line.strip().startswith("//")]
        if lines and lines[0][1].strip().startswith(CATEGORY_PREFIX):
            category = prefix + moodle_category_path(lines[0][1].strip()[len(CATEGORY_PREFIX) :])
            lines = lines[1:]
        if not lines:
            continue
        location = gettext("line %(number)d") % {"number": lines[0][0]}
        try:
            question = _question("\n".join(line for _, line in lines), lines[0][0])
        except _Description as left_out:
            result.left_out.append(
                LeftOut(location=location, kind="description", message=str(left_out))
            )
            continue
        except _Unreadable as problem:
            result.problems.append(FormatProblem(location=location, message=str(problem)))
            continue
        question.category_path = category
        question.tags = _tags(comments)
        question.location = location
        result.questions.append(question)
    return result


def _blocks(text: str):
    """Questions are separated by blank lines; each block keeps its line numbers for messages."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    block = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            block.append((number, line))
        elif block:
            yield block
            block = []
    if block:
        yield block


def _tags(comments: list[str]) -> list[str]:
    tags = []
    for comment in comments:
        for match in _TAG.finditer(comment):
            tag = match.group(1).replace("\\]", "]").strip()
            if tag and tag not in tags:
                tags.append(tag)
    return tags


def _protect(text: str) -> str:
    return _ESCAPE_IN.sub(lambda match: _PLACEHOLDER[match.group(1)], text)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def _split_format(raw: str, default: str) -> tuple[str, str]:
    """A leading ``[html]``-style mark sets the format of this part; the text loses the mark."""
    raw = raw.strip()
    mark = _FORMAT_MARK.match(raw)
    if mark:
        return mark.group(1), _restore(raw[mark.end() :]).strip()
    return default, _restore(raw).strip()


def _html(raw: str, default: str) -> str:
    text_format, text = _split_format(raw, default)
    return moodle_text_as_html(text, text_format)


def _question(block: str, line: int) -> QuestionData:
    text = _protect(block.strip())
    name, text = _name(text)
    start, end = _answer_block(text)
    answers, general = _general_feedback(text[start + 1 : end].strip())
    after = text[end + 1 :]
    body = text[:start] + ("_____" + after if after.strip() else "")
    text_format, question_text = _split_format(body, "moodle")
    question_html = moodle_text_as_html(question_text, text_format)
    question = QuestionData(
        type="",
        name=name or name_from_text(question_html, _untitled(line)),
        text=question_html,
        general_feedback=_html(general, text_format),
    )
    _read_answers(question, answers.strip(), text_format)
    return question


def _untitled(line: int) -> str:
    return gettext("Question at line %(number)d") % {"number": line}


def _name(text: str) -> tuple[str, str]:
    if not text.startswith("::"):
        return "", text
    end = text.find("::", 2)
    if end < 0:
        raise _Unreadable(gettext("The title is not closed: write ::title:: before the text."))
    return _restore(text[2:end]).strip(), text[end + 2 :].strip()


def _answer_block(text: str) -> tuple[int, int]:
    """Where the one ``{...}`` answer block starts and ends."""
    opening, closing = text.count("{"), text.count("}")
    if not opening and not closing:
        raise _Description(
            gettext(
                "There are no answers in braces { }: a description without answers is not "
                "a question in the studio; it is left out."
            )
        )
    if opening != 1 or closing != 1 or text.index("}") < text.index("{"):
        raise _Unreadable(
            gettext(
                "The braces do not match: a question has one { before its answers and one } "
                "after them (write \\{ and \\} for braces in the text)."
            )
        )
    return text.index("{"), text.index("}")


def _general_feedback(answers: str) -> tuple[str, str]:
    separator = answers.rfind("####")
    if separator < 0:
        return answers, ""
    return answers[:separator], answers[separator + 4 :]


def _read_answers(question: QuestionData, answers: str, text_format: str) -> None:
    """Moodle's order of guesses: empty, #, ~, = with ->, T/F, and otherwise short answer."""
    if not answers:
        question.type = ESSAY
    elif answers.startswith("#"):
        _read_numerical(question, answers[1:], text_format)
    elif "~" in answers:
        _read_choice(question, answers, text_format)
    elif "=" in answers and "->" in answers:
        _read_matching(question, answers, text_format)
    elif answers.split("#", 1)[0].strip() in TRUE_WORDS + FALSE_WORDS:
        _read_true_false(question, answers, text_format)
    else:
        _read_short_answer(question, answers, text_format)


def _parts(answers: str, markers: str) -> list[str]:
    """The answers, each still starting with its marker; text before the first is an error."""
    pieces = re.split(f"(?=[{re.escape(markers)}])", answers)
    if pieces[0].strip():
        raise _Unreadable(
            gettext(
                "“%(text)s” is not an answer: each answer starts with = or ~ "
                "(or the answers are T, F, or # followed by a number)."
            )
            % {"text": _restore(pieces[0]).strip()[:40]}
        )
    return pieces[1:]


def _weight(body: str, default: Decimal) -> tuple[Decimal, str]:
    match = _WEIGHT.match(body)
    if not match:
        return default, body
    percent = Decimal(match.group(1))
    if abs(percent) > HUNDRED:
        raise _Unreadable(
            gettext("The weight %(weight)s%% is not between -100%% and 100%%.")
            % {"weight": match.group(1)}
        )
    return percent / HUNDRED, body[match.end() :].strip()


def _with_feedback(body: str, text_format: str) -> tuple[str, str]:
    """The answer and the HTML feedback after its first #, still raw (format mark and all)."""
    answer, _, feedback = body.partition("#")
    return answer, _html(feedback, text_format)


def _empty_answer() -> _Unreadable:
    return _Unreadable(gettext("An answer is empty."))


def _read_choice(question: QuestionData, answers: str, text_format: str) -> None:
    parts = _parts(answers, "~=")
    question.options = [_choice_option(part, text_format) for part in parts]
    if len(question.options) < 2:
        raise _Unreadable(gettext("A multiple choice question needs at least two options."))
    if not any(option.fraction > 0 for option in question.options):
        raise _Unreadable(
            gettext(
                "No option is marked right: mark the right one with =, or give the right "
                "ones a weight such as ~%50%."
            )
        )
    question.type = SINGLE if any(part.startswith("=") for part in parts) else MULTIPLE


def _choice_option(part: str, text_format: str) -> OptionData:
    body = part[1:].strip()
    if part.startswith("="):
        if _WEIGHT.match(body):
            raise _Unreadable(
                gettext(
                    "A weight cannot follow = in a multiple choice question: write "
                    "~%50%answer for part of the mark."
                )
            )
        fraction = ONE
    else:
        fraction, body = _weight(body, ZERO)
    answer, feedback = _with_feedback(body, text_format)
    text = _html(answer, text_format)
    if not text:
        raise _empty_answer()
    return OptionData(text=text, fraction=fraction, feedback=feedback)


def _read_matching(question: QuestionData, answers: str, text_format: str) -> None:
    for part in _parts(answers, "="):
        stem, arrow, match = part[1:].partition("->")
        if not arrow:
            raise _Unreadable(
                gettext("“%(pair)s” has no ->: a matching pair is written =item -> answer.")
                % {"pair": _restore(part[1:]).strip()[:40]}
            )
        match_text = _restore(match).strip()
        if not match_text:
            raise _empty_answer()
        question.options.append(OptionData(text=_html(stem, text_format), match_text=match_text))
    if sum(1 for option in question.options if option.text) < 2:
        raise _Unreadable(gettext("A matching question needs at least two pairs."))
    question.type = MATCHING


def _read_true_false(question: QuestionData, answers: str, text_format: str) -> None:
    bits = answers.split("#", 2)
    correct = bits[0].strip() in TRUE_WORDS
    wrong = _html(bits[1], text_format) if len(bits) > 1 else ""
    right = _html(bits[2], text_format) if len(bits) > 2 else ""
    question.type = TRUE_FALSE
    question.settings = {
        "correct": correct,
        "feedback_true": right if correct else wrong,
        "feedback_false": wrong if correct else right,
    }


def _read_short_answer(question: QuestionData, answers: str, text_format: str) -> None:
    for part in _parts(answers, "="):
        fraction, body = _weight(part[1:].strip(), ONE)
        answer, feedback = _with_feedback(body, text_format)
        text = _split_format(answer, text_format)[1]
        if not text:
            raise _empty_answer()
        question.options.append(OptionData(text=text, fraction=fraction, feedback=feedback))
    question.type = SHORT_ANSWER


def _read_numerical(question: QuestionData, answers: str, text_format: str) -> None:
    answers, tilde, other = answers.partition("~")
    pieces = re.split("(?==)", answers)
    chunks = ([pieces[0]] if pieces[0].strip() else []) + [piece[1:] for piece in pieces[1:]]
    if not chunks:
        raise _Unreadable(gettext("A numerical question needs at least one number."))
    question.options = [_numerical_option(chunk, text_format) for chunk in chunks]
    if tilde:
        question.options.append(_any_other_number(other, text_format))
    question.type = NUMERICAL


def _numerical_option(chunk: str, text_format: str) -> OptionData:
    fraction, body = _weight(chunk.strip(), ONE)
    answer, feedback = _with_feedback(body, text_format)
    value = _split_format(answer, text_format)[1]
    if value == "*":
        return OptionData(text="*", fraction=fraction, feedback=feedback)
    text, tolerance = _number_and_tolerance(value)
    return OptionData(text=text, fraction=fraction, feedback=feedback, tolerance=tolerance)


def _number_and_tolerance(value: str) -> tuple[str, Decimal]:
    """``3.14:0.01``, ``1..5`` (midpoint and half the width) or a bare number."""
    bad = _Unreadable(
        gettext("“%(value)s” is not a number, number:tolerance or low..high.")
        % {"value": value[:40]}
    )
    if value.find("..") > 0:
        low, high = (moodle_number(bound) for bound in value.split("..", 1))
        if low is None or high is None or low > high:
            raise bad
        middle = (low + high) / 2
        return number_text(middle), high - middle
    if value.find(":") > 0:
        number_part, tolerance_part = value.split(":", 1)
        tolerance = moodle_number(tolerance_part)
        if moodle_number(number_part) is None or tolerance is None or tolerance < 0:
            raise bad
        return number_part.strip(), tolerance
    if moodle_number(value) is None:
        raise bad
    return value, ZERO


def _any_other_number(other: str, text_format: str) -> OptionData:
    """Moodle's ``~#feedback``: the feedback for every number no answer accepts."""
    head, _, feedback = other.partition("#")
    if head.strip():
        raise _Unreadable(
            gettext("After ~ in a numerical question only #feedback for other answers may follow.")
        )
    return OptionData(text="*", fraction=ZERO, feedback=_html(feedback, text_format))


# Writing -----------------------------------------------------------------------------------


def write(questions: list[QuestionData]) -> str:
    """The questions as GIFT text; the ones GIFT cannot hold are left out (see ``unsupported``)."""
    chunks = []
    category: tuple[str, ...] = ()
    for question in questions:
        if _left_out(question):
            continue
        if tuple(question.category_path) != category:
            category = tuple(question.category_path)
            chunks.append(f"{CATEGORY_PREFIX} {moodle_category_text(category)}\n")
        chunks.append(_write_question(question))
    return "\n".join(chunks)


def unsupported(questions: list[QuestionData]) -> list[FormatProblem]:
    """What GIFT cannot carry of these questions, named by question, for the export to show."""
    problems = []
    for question in questions:
        reason = _left_out(question)
        messages = [reason] if reason else _losses(question)
        problems.extend(FormatProblem(location=question.name, message=m) for m in messages)
    return problems


def _left_out(question: QuestionData) -> str:
    """Why the question is not written at all, or an empty string."""
    if question.type not in TYPE_CODES:
        return gettext("The studio has no question type “%(type)s”; it is left out.") % {
            "type": question.type
        }
    if question.type == ORDERING:
        return gettext("GIFT cannot express ordering questions; this one is left out.")
    if question.type == SHORT_ANSWER and any("->" in o.text for o in question.options):
        return gettext(
            "An accepted answer contains “->”, which GIFT would read as a matching question; "
            "this question is left out."
        )
    return ""


def _losses(question: QuestionData) -> list[str]:
    """What a written question loses on the way through GIFT."""
    settings = question.settings
    losses = []
    if question.type == JUDGEMENT:
        losses.append(
            gettext(
                "GIFT has no situational judgement questions: this one is written as single "
                "choice with the same weights and is read back as single choice."
            )
        )
    if problem := choice_problem(question):
        if question.type in (SINGLE, JUDGEMENT):
            problem += " " + gettext("GIFT reads it back as multiple response.")
        losses.append(problem)
    if question.default_mark != ONE:
        losses.append(
            gettext("GIFT cannot carry the default mark %(mark)s; it is read back as 1.")
            % {"mark": number_text(question.default_mark)}
        )
    if not settings.get("shuffle", True):
        losses.append(gettext("GIFT cannot say that the options keep their order."))
    if settings.get("case_sensitive"):
        losses.append(gettext("GIFT cannot say that case matters in the answers."))
    if question.type == ESSAY and question.criteria:
        losses.append(gettext("GIFT cannot express rubric criteria; they are not written."))
    if question.type == ESSAY and any(
        settings.get(key) for key in ("min_words", "max_words", "grader_info", "response_template")
    ):
        losses.append(
            gettext(
                "GIFT cannot express word limits, information for markers or a response "
                "template; they are not written."
            )
        )
    return losses


def _escape(text: str) -> str:
    return text.translate(_ESCAPE_OUT)


def _field(text: str) -> str:
    """Escaped text that a reader cannot mistake for a format mark or a weight."""
    escaped = _escape(text.strip())
    if _FORMAT_MARK.match(escaped) or _WEIGHT.match(escaped):
        return "[html]" + escaped
    return escaped


def _feedback(text: str) -> str:
    return "#" + _field(text) if text.strip() else ""


def _percent(fraction: Decimal) -> str:
    return number_text(fraction * HUNDRED)


def _write_question(question: QuestionData) -> str:
    lines = []
    if question.tags:
        tags = (" ".join(tag.split()).replace("]", "\\]") for tag in question.tags)
        lines.append("// " + " ".join(f"[tag:{tag}]" for tag in tags))
    head = f"::{_escape(question.name.strip())}::[html]{_escape(question.text.strip())}"
    general = "####" + _field(question.general_feedback) if question.general_feedback else ""
    if question.type == TRUE_FALSE:
        lines.append(head + "{" + _true_false(question.settings) + general + "}")
    elif question.type == ESSAY:
        lines.append(head + "{" + general + "}")
    else:
        lines.append(head + ("{#" if question.type == NUMERICAL else "{"))
        lines.extend("\t" + answer for answer in _ANSWERS[question.type](question.options))
        if general:
            lines.append("\t" + general)
        lines.append("}")
    return "\n".join(lines) + "\n"


def _true_false(settings: dict) -> str:
    correct = settings.get("correct", True)
    right = settings.get("feedback_true" if correct else "feedback_false", "")
    wrong = settings.get("feedback_false" if correct else "feedback_true", "")
    text = "TRUE" if correct else "FALSE"
    if wrong.strip() or right.strip():
        text += "#" + (_field(wrong) if wrong.strip() else "")
    if right.strip():
        text += "#" + _field(right)
    return text


def _single(options: list[OptionData]) -> list[str]:
    """The first full-mark option takes the ``=`` that makes Moodle read single choice."""
    first_right = next((i for i, o in enumerate(options) if o.fraction == ONE), None)
    answers = []
    for index, option in enumerate(options):
        if index == first_right:
            marker = "="
        elif option.fraction == ZERO:
            marker = "~"
        else:
            marker = f"~%{_percent(option.fraction)}%"
        answers.append(marker + _field(option.text) + _feedback(option.feedback))
    return answers


def _multiple(options: list[OptionData]) -> list[str]:
    return [
        ("~" if option.fraction == ZERO else f"~%{_percent(option.fraction)}%")
        + _field(option.text)
        + _feedback(option.feedback)
        for option in options
    ]


def _short_answer(options: list[OptionData]) -> list[str]:
    """A ``->`` in the feedback would make the answers read as matching; see ``_matching``."""
    return [
        ("=" if option.fraction == ONE else f"=%{_percent(option.fraction)}%")
        + _field(option.text)
        + _feedback(option.feedback.replace("->", _ARROW))
        for option in options
    ]


def _numerical(options: list[OptionData]) -> list[str]:
    answers = []
    for index, option in enumerate(options):
        weight = "=" if option.fraction == ONE else f"=%{_percent(option.fraction)}%"
        if option.text.strip() != "*":
            tolerance = number_text(option.tolerance or ZERO)
            answers.append(f"{weight}{option.text.strip()}:{tolerance}{_feedback(option.feedback)}")
        elif option.fraction == ZERO and index == len(options) - 1:
            answers.append("~" + _feedback(option.feedback))
        else:
            answers.append(f"{weight}*{_feedback(option.feedback)}")
    return answers


def _matching(options: list[OptionData]) -> list[str]:
    """A ``->`` inside an item would end it early; ``-&gt;`` shows the same arrow in HTML."""
    return [
        "=" + _field(option.text.replace("->", _ARROW)) + " -> " + _escape(option.match_text)
        for option in options
    ]


_ANSWERS = {
    SINGLE: _single,
    JUDGEMENT: _single,
    MULTIPLE: _multiple,
    SHORT_ANSWER: _short_answer,
    NUMERICAL: _numerical,
    MATCHING: _matching,
}
