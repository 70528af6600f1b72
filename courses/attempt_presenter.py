"""What a trainee is shown of a quiz and its attempts: on the pages and through the API alike.

This module is the one gate between an attempt's records and the trainee's screen. The pages
render the objects built here and the API serialises the same objects with ``as_json``, so
the two cannot disagree about what is visible. While an attempt is in progress nothing graded
leaves the server: no option weights, no feedback, no right answers, no marks (the options'
texts under the attempt's own keys, in the attempt's own order, are all a question shows; no
database id and nothing in authoring order). Once it is submitted, the
review shows the trainee's own responses always, and marks, right answers and feedback only as
far as ``courses.selectors.review_rights`` allows: what is not allowed is never put into the
objects, so no template or serialiser can show it by mistake.

Question, option and feedback HTML comes from the bank; it is cleaned (``richtext_clean``)
here, every time, so a row written by any path still cannot carry a script to a trainee.
Typed answers, matching answers and markers' comments are plain text, escaped where shown.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .grading import mark_for
from .models import AFTER_ATTEMPT, Attempt, Quiz, ReviewPart, ReviewTime
from .question_formats import base as formats
from .richtext import richtext_clean, richtext_to_plain
from .selectors import QuizStatus, ReviewRights, review_rights

# How each type is answered on the page, and under which key its response keeps the answer
# (the response shapes are documented in ``courses.models.question_types``).
ANSWER_SHAPES: dict[str, tuple[str, str]] = {
    formats.SINGLE: ("radio", "choice"),
    formats.JUDGEMENT: ("radio", "choice"),
    formats.TRUE_FALSE: ("radio", "answer"),
    formats.MULTIPLE: ("checkbox", "choices"),
    formats.SHORT_ANSWER: ("text", "text"),
    formats.NUMERICAL: ("number", "text"),
    formats.MATCHING: ("match", "pairs"),
    formats.ORDERING: ("order", "order"),
    formats.ESSAY: ("essay", "text"),
}


def answer_shape(type_code: str) -> tuple[str, str]:
    return ANSWER_SHAPES.get(type_code, ("text", "text"))


def _clean(html: str) -> str:
    return richtext_clean(html or "")


def _selected_ids(response: dict | None) -> set[str]:
    """The option ids a response picks, as strings (true/false answers as "true"/"false")."""
    if not response:
        return set()
    if "choice" in response:
        return {str(response["choice"])}
    if "choices" in response:
        return {str(value) for value in response["choices"]}
    if "answer" in response:
        return {"true" if response["answer"] else "false"}
    return set()


def _in_response_order(options: list[dict], response: dict | None) -> list[dict]:
    order = (response or {}).get("order")
    if not order:
        return options
    position = {str(pk): index for index, pk in enumerate(order)}
    return sorted(options, key=lambda o: position.get(str(o["id"]), len(position)))


def _shown_options(slot) -> list[dict]:
    """The options as the trainee sees them: the attempt's keys (never the option ids), text
    (cleaned when HTML) and, for matching, the shared answer list. ``options_for_trainee``
    already leaves out weights and feedback."""
    question = slot.question
    shown = []
    for option in question.options_for_trainee(slot.option_order):
        item = {"id": slot.key_of(option["id"]), "text": option["text"]}
        if question.option_text_is_html:
            item["text"] = _clean(str(option["text"]))
        if "choices" in option:
            item["choices"] = list(option["choices"])
        shown.append(item)
    return shown


def _iso(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _decimal(value) -> str | None:
    return None if value is None else str(value)


# Taking an attempt ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownQuestion:
    """One question while the attempt is open.

    Its attribute names follow the question model's (``type_code``, ``text``,
    ``option_text_is_html``, ``min_words``…), so ``courses/quiz/question.html`` renders either.
    """

    position: int
    type_code: str
    text: str
    option_text_is_html: bool
    max_mark: Decimal
    options: list[dict]
    response: dict | None
    min_words: int = 0
    max_words: int = 0
    response_template: str = ""
    # Shown during the attempt only when the review options tick it for "during the attempt".
    mark: Decimal | None = None
    right_answer: str | None = None
    feedback: list[str] | None = None

    @property
    def input_kind(self) -> str:
        return answer_shape(self.type_code)[0]

    @property
    def shows_during(self) -> bool:
        """Whether the review options show something of this answer during the attempt."""
        return self.mark is not None or self.right_answer is not None or bool(self.feedback)

    @property
    def response_key(self) -> str:
        return answer_shape(self.type_code)[1]

    @property
    def answered(self) -> bool:
        return self.response is not None

    @property
    def form_options(self) -> list[dict]:
        """The options with the trainee's saved answer marked, in the order the page shows."""
        selected = _selected_ids(self.response)
        pairs = (self.response or {}).get("pairs") or {}
        options = [
            {
                **option,
                "chosen": str(option["id"]) in selected,
                "current": pairs.get(str(option["id"]), ""),
            }
            for option in self.options
        ]
        return _in_response_order(options, self.response)

    @property
    def answer_text(self) -> str:
        """What a text box starts with: the typed answer, or the essay as plain paragraphs."""
        text = (self.response or {}).get("text") or ""
        if self.input_kind == "essay":
            return richtext_to_plain(text) if text else richtext_to_plain(self.response_template)
        return text

    def as_json(self) -> dict:
        data = {
            "position": self.position,
            "type": self.type_code,
            "input": self.input_kind,
            "text_html": self.text,
            "max_mark": _decimal(self.max_mark),
            "options": self.options,
            "response": self.response,
        }
        if self.input_kind == "essay":
            data["words"] = {"min": self.min_words, "max": self.max_words}
        for key, value in (
            ("mark", _decimal(self.mark)),
            ("right_answer", self.right_answer),
            ("feedback_html", self.feedback),
        ):
            if value is not None:
                data[key] = value
        return data


def _during(slot, rights: ReviewRights) -> dict:
    """What the review options show of an answered question while the attempt is open."""
    if slot.response is None or not (rights.marks or rights.answers or rights.feedback):
        return {}
    grade = slot.question.grade(slot.response)
    shown = {}
    if rights.marks and grade.fraction is not None:
        shown["mark"] = mark_for(grade.fraction, slot.max_mark)
    if rights.answers:
        shown["right_answer"] = slot.question.right_answer_text()
    if rights.feedback:
        shown["feedback"] = [_clean(text) for text in grade.feedback if text]
    return shown


def _shown_question(slot, rights: ReviewRights | None = None) -> ShownQuestion:
    question = slot.question
    return ShownQuestion(
        **(_during(slot, rights) if rights else {}),
        position=slot.position,
        type_code=question.type_code,
        text=_clean(question.text),
        option_text_is_html=question.option_text_is_html,
        max_mark=slot.max_mark,
        options=_shown_options(slot),
        response=slot.response_for_trainee(slot.response),
        # Only essays have these; every other type shows no word limits.
        min_words=getattr(question, "min_words", 0) or 0,
        max_words=getattr(question, "max_words", 0) or 0,
        response_template=_clean(getattr(question, "response_template", "")),
    )


@dataclass(frozen=True)
class ShownAttempt:
    """An attempt as the page and the API show it while it is open, with the server's clock."""

    attempt: Attempt
    questions: list[ShownQuestion]
    server_now: object

    @property
    def quiz(self) -> Quiz:
        return self.attempt.quiz

    @property
    def server_now_ms(self) -> int:
        """The server's clock for the page's countdown and its answers kept on the phone."""
        return int(self.server_now.timestamp() * 1000)

    @property
    def deadline_ms(self) -> int | None:
        deadline = self.attempt.deadline_at
        return int(deadline.timestamp() * 1000) if deadline else None

    @property
    def answered_count(self) -> int:
        return sum(1 for question in self.questions if question.answered)

    def as_json(self) -> dict:
        attempt = self.attempt
        return {
            "id": attempt.pk,
            "quiz": {"id": attempt.quiz_id, "title": attempt.quiz.title},
            "number": attempt.number,
            "state": attempt.state,
            "state_label": str(attempt.get_state_display()),
            "started_at": _iso(attempt.started_at),
            "deadline_at": _iso(attempt.deadline_at),
            "server_now": _iso(self.server_now),
            "server_now_ms": self.server_now_ms,
            "submitted_at": _iso(attempt.submitted_at),
            "questions": [question.as_json() for question in self.questions],
            "urls": _attempt_urls(attempt),
        }


def _attempt_urls(attempt: Attempt) -> dict:
    return {
        "page": reverse("courses:quiz-attempt", args=[attempt.pk]),
        "review": reverse("courses:quiz-review", args=[attempt.pk]),
        "quiz": reverse("courses:quiz", args=[attempt.quiz_id]),
    }


def attempt_for_taking(attempt: Attempt, slots, *, now=None) -> ShownAttempt:
    """The attempt as its page shows it: questions and options in the attempt's order, with
    the responses saved so far, and nothing that grades them. ``now`` should be read before
    the slots, so that every answer saved before it is in them."""
    now = now or timezone.now()
    rights = review_rights(attempt, now=now) if attempt.is_open else None
    return ShownAttempt(
        attempt=attempt,
        questions=[_shown_question(slot, rights) for slot in slots],
        server_now=now,
    )


# Reviewing an attempt ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewedQuestion:
    """One question of a submitted attempt. Fields the review options withhold stay ``None``."""

    position: int
    type_code: str
    text: str
    max_mark: Decimal
    options: list[dict]
    response: dict | None
    response_text: str
    response_html: str
    needs_marking: bool
    mark: Decimal | None = None
    right_answer: str | None = None
    feedback: list[str] | None = None
    general_feedback: str | None = None
    marker_comment: str | None = None

    @property
    def input_kind(self) -> str:
        return answer_shape(self.type_code)[0]

    @property
    def answered(self) -> bool:
        return self.response is not None

    def as_json(self, rights: ReviewRights) -> dict:
        data = {
            "position": self.position,
            "type": self.type_code,
            "text_html": self.text,
            "max_mark": _decimal(self.max_mark),
            "options": self.options,
            "response": self.response,
            "response_text": self.response_text,
        }
        if rights.marks:
            data["mark"] = _decimal(self.mark)
            data["needs_marking"] = self.needs_marking
        if rights.answers:
            data["right_answer"] = self.right_answer
        if rights.feedback:
            data["feedback_html"] = self.feedback
            data["general_feedback_html"] = self.general_feedback
            data["marker_comment"] = self.marker_comment
        return data


def _reviewed_options(question, slot) -> list[dict]:
    """The options as shown in the attempt, with the trainee's own picks (never the weights)."""
    response = slot.response_for_trainee(slot.response)
    selected = _selected_ids(response)
    pairs = (response or {}).get("pairs") or {}
    options = []
    for option in _shown_options(slot):
        item = {"id": option["id"], "text": option["text"], "chosen": str(option["id"]) in selected}
        if "choices" in option:
            item["answer"] = pairs.get(str(option["id"]), "")
        options.append(item)
    return _in_response_order(options, response)


def _reviewed_question(slot, rights: ReviewRights) -> ReviewedQuestion:
    question = slot.question
    kind = answer_shape(question.type_code)[0]
    essay_html = _clean((slot.response or {}).get("text", "")) if kind == "essay" else ""
    return ReviewedQuestion(
        position=slot.position,
        type_code=question.type_code,
        text=_clean(question.text),
        max_mark=slot.max_mark,
        options=_reviewed_options(question, slot),
        response=slot.response_for_trainee(slot.response),
        response_text=question.response_text(slot.response),
        response_html=essay_html,
        needs_marking=slot.needs_marking and slot.marked_at is None,
        mark=slot.mark if rights.marks else None,
        right_answer=question.right_answer_text() if rights.answers else None,
        feedback=[_clean(text) for text in slot.feedback or [] if text]
        if rights.feedback
        else None,
        general_feedback=_clean(question.general_feedback) if rights.feedback else None,
        marker_comment=slot.marker_comment if rights.feedback else None,
    )


class _GatedMarks:
    """An attempt's result, each part ``None`` unless the review options let marks show."""

    @property
    def score(self):
        return self.attempt.score if self.rights.marks else None

    @property
    def percent(self):
        return self.attempt.percent if self.rights.marks else None

    @property
    def passed(self):
        return self.attempt.passed if self.rights.marks else None


@dataclass(frozen=True)
class ReviewedAttempt(_GatedMarks):
    attempt: Attempt
    rights: ReviewRights
    questions: list[ReviewedQuestion]

    @property
    def quiz(self) -> Quiz:
        return self.attempt.quiz

    @property
    def waiting_for_marking(self) -> bool:
        return self.attempt.state == Attempt.State.NEEDS_MARKING

    @property
    def hides_something(self) -> bool:
        return not (self.rights.marks and self.rights.answers and self.rights.feedback)

    def _shown_after(self, part: str) -> list[str]:
        return [time for time in AFTER_ATTEMPT if self.quiz.review_shows(part, time)]

    @property
    def answers_note(self) -> str:
        """Why the right answers are not shown, and when they will be."""
        if self.rights.answers:
            return ""
        if self.rights.answers_held:
            return _("The right answers are shown once you can start no other attempt.")
        times = self._shown_after(ReviewPart.ANSWERS)
        if times == [ReviewTime.AFTER_CLOSE] and self.quiz.closes_at:
            return _("The right answers are shown after the quiz closes (%(when)s).") % {
                "when": timezone.localtime(self.quiz.closes_at).strftime("%Y-%m-%d %H:%M")
            }
        if times:
            return _("The right answers are shown later.")
        return _("This quiz does not show the right answers.")

    @property
    def feedback_note(self) -> str:
        if self.rights.feedback:
            return ""
        if self._shown_after(ReviewPart.FEEDBACK):
            return _("Feedback is shown later.")
        return _("This quiz does not show feedback.")

    def as_json(self) -> dict:
        attempt = self.attempt
        data = {
            "id": attempt.pk,
            "quiz": {"id": attempt.quiz_id, "title": attempt.quiz.title},
            "number": attempt.number,
            "state": attempt.state,
            "state_label": str(attempt.get_state_display()),
            "submitted_at": _iso(attempt.submitted_at),
            "submitted_by_time_limit": attempt.submitted_by_time_limit,
            "shows": {
                "marks": self.rights.marks,
                "answers": self.rights.answers,
                "feedback": self.rights.feedback,
            },
            "questions": [question.as_json(self.rights) for question in self.questions],
            "urls": _attempt_urls(attempt),
        }
        if self.rights.marks:
            data.update(
                score=_decimal(attempt.score),
                max_score=_decimal(attempt.max_score),
                percent=_decimal(attempt.percent),
                passed=attempt.passed,
            )
        return data


def attempt_for_review(attempt: Attempt, slots, *, now=None) -> ReviewedAttempt:
    """A submitted attempt as its review shows it, by the quiz's review options now."""
    rights = review_rights(attempt, now=now)
    return ReviewedAttempt(
        attempt=attempt,
        rights=rights,
        questions=[_reviewed_question(slot, rights) for slot in slots],
    )


# A quiz as the trainee stands with it --------------------------------------------------------


STATUS_LABELS = {
    "not_started": lambda: _("Not started"),
    "in_progress": lambda: _("In progress"),
    "waiting": lambda: _("Waiting for marking"),
    "submitted": lambda: pgettext("quiz status", "Submitted"),
    "passed": lambda: _("Passed"),
    "failed": lambda: _("Not passed yet"),
}


@dataclass(frozen=True)
class AttemptLine(_GatedMarks):
    """A past or open attempt in the quiz's history; the score only when marks may be shown."""

    attempt: Attempt
    rights: ReviewRights
    now: object = None

    @property
    def is_open(self) -> bool:
        """Open to carry on with: in progress and within its time (``Attempt.time_is_up``)."""
        return self.attempt.is_open and not self.attempt.time_is_up(self.now)

    @property
    def state_label(self) -> str:
        return self.attempt.state_label(self.now)

    def as_json(self) -> dict:
        attempt = self.attempt
        data = {
            "id": attempt.pk,
            "number": attempt.number,
            "state": attempt.state_code(self.now),
            "state_label": self.state_label,
            "started_at": _iso(attempt.started_at),
            "submitted_at": _iso(attempt.submitted_at),
            "url": reverse(
                "courses:quiz-attempt" if self.is_open else "courses:quiz-review",
                args=[attempt.pk],
            ),
        }
        if self.rights.marks:
            data.update(
                score=_decimal(attempt.score),
                max_score=_decimal(attempt.max_score),
                percent=_decimal(attempt.percent),
                passed=attempt.passed,
            )
        return data


@dataclass(frozen=True)
class QuizOverview:
    quiz: Quiz
    status: QuizStatus
    code: str
    lines: list[AttemptLine] = field(default_factory=list)

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.code]()

    @property
    def open_attempt(self) -> Attempt | None:
        return self.status.open_attempt

    @property
    def attempts_left(self) -> int | None:
        return self.status.attempts_left

    @property
    def may_start(self) -> bool:
        return self.status.may_start

    @property
    def url(self) -> str:
        return reverse("courses:quiz", args=[self.quiz.pk])

    def as_json(self) -> dict:
        quiz = self.quiz
        return {
            "id": quiz.pk,
            "title": quiz.title,
            "status": self.code,
            "status_label": self.label,
            "is_open": quiz.is_open(),
            "opens_at": _iso(quiz.opens_at),
            "closes_at": _iso(quiz.closes_at),
            "time_limit_minutes": quiz.time_limit_minutes,
            "pass_percent": _decimal(quiz.pass_percent),
            "attempts_allowed": quiz.max_attempts,
            "attempts_left": self.attempts_left,
            "may_start": self.may_start,
            "open_attempt": self.open_attempt.pk if self.open_attempt else None,
            "attempts": [line.as_json() for line in self.lines],
            "url": self.url,
        }


def _status_code(status: QuizStatus, lines: list[AttemptLine]) -> str:
    if status.open_attempt is not None:
        return "in_progress"
    counted = next((line for line in lines if line.attempt == status.counted), None)
    if counted is not None and counted.rights.marks and counted.attempt.passed:
        return "passed"
    if any(line.attempt.state == Attempt.State.NEEDS_MARKING for line in lines):
        return "waiting"
    if any(line.attempt.time_is_up(line.now) for line in lines):
        return "submitted"  # over at its deadline; the sweeper is about to close it
    if counted is not None:
        # Whether it was passed is part of the marks: withheld until they may be shown.
        return "failed" if counted.rights.marks else "submitted"
    return "not_started"


def quiz_overview(status: QuizStatus, *, now=None) -> QuizOverview:
    """A quiz with the trainee's attempts, newest first, and where they stand with it."""
    now = now or timezone.now()
    lines = []
    for attempt in reversed(status.attempts):
        attempt.quiz = status.quiz  # the rights read the quiz: no query per attempt
        rights = review_rights(attempt, now=now, attempts_used=len(status.attempts))
        lines.append(AttemptLine(attempt=attempt, rights=rights, now=now))
    return QuizOverview(
        quiz=status.quiz, status=status, code=_status_code(status, lines), lines=lines
    )


def quiz_overviews(statuses: list[QuizStatus], *, now=None) -> list[QuizOverview]:
    now = now or timezone.now()
    return [quiz_overview(status, now=now) for status in statuses]
