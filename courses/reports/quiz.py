"""A quiz's report: how its finished attempts scored, and how each question behaved.

Questions are grouped by bank entry rather than by version or slot: a random draw gives
trainees different questions in the same place, and an edit makes a new version, but the
office asks about "this question" across all of them. Only finished attempts count: an
attempt waiting for marking has no score yet.

Everything is read in five queries however many attempts there are (the quiz, its attempts,
their answers, the question versions, their options); the rest is arithmetic in Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils.html import strip_tags

from lms.people.roles import VIEW_QUIZ_REPORTS

from .. import quiz_statistics as stats
from ..exceptions import NotAllowed
from ..models import Attempt, AttemptSlot, Question, QuestionOption, Quiz
from ..models.question_types import ChoiceQuestion


def _check_office(actor) -> None:
    if not actor.has_perm(VIEW_QUIZ_REPORTS):
        raise NotAllowed


def quizzes_for_reports(*, actor):
    """Every quiz with its number of finished attempts and of attempts waiting for marking."""
    _check_office(actor)
    return (
        Quiz.objects.select_related("activity")
        .annotate(
            finished=Count("attempts", filter=Q(attempts__state=Attempt.State.FINISHED)),
            waiting=Count("attempts", filter=Q(attempts__state=Attempt.State.NEEDS_MARKING)),
            last_finished_at=Max("attempts__finished_at"),
        )
        .order_by("activity__path", "title", "pk")
    )


def quiz_for_report(*, actor, quiz_id) -> Quiz:
    _check_office(actor)
    quiz = Quiz.objects.select_related("activity").filter(pk=quiz_id).first()
    if quiz is None:
        raise Http404
    return quiz


@dataclass(frozen=True)
class OptionCount:
    text: str
    count: int
    share: float  # percent of the times the question was answered


@dataclass
class QuestionStats:
    """One bank entry across the attempts that drew it."""

    entry_id: int
    name: str
    type_label: str
    position: int  # where it first appeared, to list questions in quiz order
    asked: int = 0
    answered: int = 0
    facility: float | None = None  # percent
    discrimination: float | None = None  # percent, Moodle's discrimination index
    options: list[OptionCount] = field(default_factory=list)


@dataclass(frozen=True)
class QuizReport:
    quiz: Quiz
    attempts: list  # finished attempts, trainee loaded, in the order they finished
    trainees: int
    mean: float | None
    median: float | None
    pass_rate: float | None
    bands: list
    questions: list[QuestionStats]

    @property
    def attempt_count(self) -> int:
        return len(self.attempts)


@dataclass
class _Entry:
    stats: QuestionStats
    version: int = 0
    fractions: list = field(default_factory=list)
    pairs: list = field(default_factory=list)  # (question fraction, rest-of-attempt fraction)
    chosen: dict = field(default_factory=lambda: defaultdict(int))  # option id → times chosen
    choice_type: bool = False


def _chosen_ids(response) -> list:
    """The option ids a choice response names ({"choice": id} or {"choices": [ids]})."""
    if not isinstance(response, dict):
        return []
    if "choice" in response:
        return [response["choice"]]
    choices = response.get("choices")
    return list(choices) if isinstance(choices, list) else []


def _rest_fraction(attempt: Attempt, mark, max_mark):
    """The attempt's score without this question, as a share of what the rest was worth."""
    rest_max = (attempt.max_score or 0) - (max_mark or 0)
    if rest_max <= 0 or attempt.score is None:
        return None
    return float((attempt.score - (mark or 0)) / rest_max)


def _question_versions(question_ids) -> dict[int, Question]:
    # The base rows with their content type: the type's label without one query per type.
    return {
        question.pk: question
        for question in Question.objects.non_polymorphic()
        .filter(pk__in=question_ids)
        .select_related("polymorphic_ctype")
        .only("pk", "entry_id", "name", "version", "polymorphic_ctype")
    }


def quiz_report(*, actor, quiz: Quiz) -> QuizReport:
    _check_office(actor)
    attempts = list(
        Attempt.objects.filter(quiz=quiz, state=Attempt.State.FINISHED)
        .select_related("trainee")
        .order_by("finished_at", "pk")
    )
    by_id = {attempt.pk: attempt for attempt in attempts}
    slots = list(
        AttemptSlot.objects.filter(attempt__quiz=quiz, attempt__state=Attempt.State.FINISHED)
        .order_by("attempt_id", "position")
        .values("attempt_id", "question_id", "position", "fraction", "mark", "max_mark", "response")
    )
    versions = _question_versions({slot["question_id"] for slot in slots})
    entries: dict[int, _Entry] = {}
    for slot in slots:
        question = versions[slot["question_id"]]
        model = question.polymorphic_ctype.model_class()
        entry = entries.get(question.entry_id)
        if entry is None:
            entry = entries[question.entry_id] = _Entry(
                stats=QuestionStats(
                    entry_id=question.entry_id,
                    name=question.name,
                    type_label=str(model.type_label()) if model else "",
                    position=slot["position"],
                ),
                choice_type=bool(model and issubclass(model, ChoiceQuestion)),
            )
        if question.version > entry.version:  # the newest version seen names the entry
            entry.version, entry.stats.name = question.version, question.name
        entry.stats.position = min(entry.stats.position, slot["position"])
        entry.stats.asked += 1
        if slot["response"] is not None:
            entry.stats.answered += 1
        for option_id in _chosen_ids(slot["response"]):
            entry.chosen[option_id] += 1
        if slot["fraction"] is None:
            continue
        entry.fractions.append(slot["fraction"])
        rest = _rest_fraction(by_id[slot["attempt_id"]], slot["mark"], slot["max_mark"])
        if rest is not None:
            entry.pairs.append((float(slot["fraction"]), rest))
    _count_options(entries, versions)

    questions = []
    for entry in entries.values():
        entry.stats.facility = stats.facility(entry.fractions)
        entry.stats.discrimination = stats.discrimination(
            [q for q, _rest in entry.pairs], [rest for _q, rest in entry.pairs]
        )
        questions.append(entry.stats)
    questions.sort(key=lambda q: (q.position, q.entry_id))
    percents = [attempt.percent for attempt in attempts]
    return QuizReport(
        quiz=quiz,
        attempts=attempts,
        trainees=len({attempt.trainee_id for attempt in attempts}),
        mean=stats.mean(percents),
        median=stats.median(percents),
        pass_rate=stats.pass_rate([attempt.passed for attempt in attempts]),
        bands=stats.score_bands(percents),
        questions=questions,
    )


def _count_options(entries: dict[int, _Entry], versions: dict[int, Question]) -> None:
    """How often each option of a choice question was picked, merged across its versions by
    the option's text (a new version has new option rows, but "五年" is still "五年")."""
    choice_versions = [
        pk for pk, question in versions.items() if entries[question.entry_id].choice_type
    ]
    if not choice_versions:
        return
    tallies: dict[int, dict[str, int]] = defaultdict(dict)
    for option in (
        QuestionOption.objects.filter(question_id__in=choice_versions)
        .order_by("question_id", "position", "pk")
        .values("pk", "question_id", "text")
    ):
        entry = entries[versions[option["question_id"]].entry_id]
        text = strip_tags(option["text"]).strip()
        tally = tallies[entry.stats.entry_id]
        tally[text] = tally.get(text, 0) + entry.chosen.get(option["pk"], 0)
    for entry_id, tally in tallies.items():
        line = entries[entry_id].stats
        line.options = [
            OptionCount(
                text=text, count=count, share=100 * count / line.answered if line.answered else 0.0
            )
            for text, count in tally.items()
        ]
