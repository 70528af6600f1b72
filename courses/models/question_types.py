"""The question types. Each one checks, grades and describes its own responses.

Responses are plain JSON objects, one shape per type:
single / judgement ``{"choice": id}``; multiple ``{"choices": [id, ...]}``; truefalse
``{"answer": true}``; shortanswer and numerical ``{"text": "..."}``; matching
``{"pairs": {"<stem id>": "<answer>"}}``; ordering ``{"order": [id, ...]}``; essay
``{"text": "<html>"}``. Option ids are the question version's own, so a response cannot point
at another question's options. Trainees never see these ids: an attempt names options by its
own keys, and ``response_rekeyed`` turns a response from one naming into the other.
"""

from decimal import Decimal

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import richtext
from ..grading import ONE, ZERO, Grade, clamp_fraction, parse_number, wildcard_matches, word_count
from ..question_formats import base as formats
from .questions import Question

MAX_TEXT_RESPONSE = 200
MAX_ESSAY_RESPONSE = 50_000


def _option_id(value, allowed: set[int]) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(gettext("That choice is not one of this question's options."))
    try:
        option_id = int(value)
    except ValueError:
        raise ValueError(gettext("That choice is not one of this question's options.")) from None
    if option_id not in allowed:
        raise ValueError(gettext("That choice is not one of this question's options."))
    return option_id


def _plain(html: str) -> str:
    return strip_tags(html or "").strip()


def _needs_options(data, count: int = 2) -> list[str]:
    if len([o for o in data.options if o.text.strip()]) < count:
        return [gettext("Give at least %(count)d options.") % {"count": count}]
    return []


def _needs_full_mark(data) -> list[str]:
    if not any(option.fraction >= ONE for option in data.options):
        return [gettext("At least one answer must earn the full mark (100%).")]
    return []


class ChoiceQuestion(Question):
    """Abstract: the trainee picks among written options."""

    shuffles_options = True
    data_settings = {"shuffle": "shuffle_options"}
    shuffle_options = models.BooleanField(_("shuffle the options"), default=True)

    class Meta:
        abstract = True

    def options_for_trainee(self, order):
        by_id = {option.pk: option for option in self.ordered_options()}
        ids = [pk for pk in (order or by_id) if pk in by_id]
        return [{"id": pk, "text": by_id[pk].text} for pk in ids]

    def display_order(self, rng, *, shuffle):
        return super().display_order(rng, shuffle=shuffle and self.shuffle_options)

    def _option_ids(self) -> set[int]:
        return {option.pk for option in self.ordered_options()}


class SingleChoiceQuestion(ChoiceQuestion):
    """One answer to pick; an option may carry partial credit."""

    type_code = formats.SINGLE

    class Meta:
        verbose_name = _("single choice")
        verbose_name_plural = _("single choice questions")

    @classmethod
    def data_problems(cls, data):
        return _needs_options(data) + _needs_full_mark(data)

    def clean_response(self, raw):
        if raw is None or not isinstance(raw, dict) or raw.get("choice") in (None, ""):
            return None
        return {"choice": _option_id(raw["choice"], self._option_ids())}

    def response_rekeyed(self, response, rekey):
        if not isinstance(response, dict) or response.get("choice") in (None, ""):
            return response
        return {**response, "choice": rekey(response["choice"])}

    def grade(self, response):
        if not response:
            return Grade(ZERO)
        for option in self.ordered_options():
            if option.pk == response["choice"]:
                feedback = (option.feedback,) if option.feedback else ()
                return Grade(clamp_fraction(option.fraction), feedback)
        return Grade(ZERO)

    def right_answer_text(self):
        best = max(self.ordered_options(), key=lambda o: o.fraction, default=None)
        return _plain(best.text) if best else ""

    def response_text(self, response):
        chosen = {o.pk: o for o in self.ordered_options()}.get((response or {}).get("choice"))
        return _plain(chosen.text) if chosen else ""


class SituationalJudgementQuestion(SingleChoiceQuestion):
    """A governance situation and possible responses, each weighted by how effective it is.

    The trainee picks the response they would make; every option earns its weight, so a
    reasonable but second-best response still earns part of the mark. The review ranks all the
    options by effectiveness, with the reasoning for each, which is the point of the exercise.
    """

    type_code = formats.JUDGEMENT

    class Meta:
        verbose_name = _("situational judgement")
        verbose_name_plural = _("situational judgement questions")

    @classmethod
    def data_problems(cls, data):
        problems = _needs_options(data, 3)
        if any(option.fraction < ZERO for option in data.options):
            problems.append(gettext("Effectiveness weights run from 0% to 100%."))
        return problems + _needs_full_mark(data)

    def right_answer_text(self):
        ranked = sorted(self.ordered_options(), key=lambda o: o.fraction, reverse=True)
        return " > ".join(f"{_plain(o.text)} ({o.fraction:.0%})" for o in ranked)


class MultipleResponseQuestion(ChoiceQuestion):
    """Several answers to pick: right ones add their share, wrong ones may take some away.

    The question's score is the sum of the picked options' shares, kept within 0..1, so
    ticking every box never pays and a question never costs more than its own mark.
    """

    type_code = formats.MULTIPLE

    class Meta:
        verbose_name = _("multiple response")
        verbose_name_plural = _("multiple response questions")

    @classmethod
    def data_problems(cls, data):
        problems = _needs_options(data)
        positive = sum((o.fraction for o in data.options if o.fraction > 0), ZERO)
        if abs(positive - ONE) > Decimal("0.001"):
            problems.append(
                gettext(
                    "The right options' shares must add up to 100%% (they add up to %(sum)s%%)."
                )
                % {"sum": (positive * 100).quantize(Decimal("0.1"))}
            )
        return problems

    def clean_response(self, raw):
        if raw is None or not isinstance(raw, dict):
            return None
        choices = raw.get("choices")
        if choices in (None, "", []):
            return None
        if not isinstance(choices, list) or len(choices) > 100:
            raise ValueError(gettext("That choice is not one of this question's options."))
        allowed = self._option_ids()
        return {"choices": sorted({_option_id(value, allowed) for value in choices})}

    def response_rekeyed(self, response, rekey):
        if not isinstance(response, dict) or not isinstance(response.get("choices"), list):
            return response
        return {**response, "choices": [rekey(value) for value in response["choices"]]}

    def grade(self, response):
        if not response:
            return Grade(ZERO)
        chosen = set(response["choices"])
        picked = [option for option in self.ordered_options() if option.pk in chosen]
        total = sum((option.fraction for option in picked), ZERO)
        return Grade(clamp_fraction(total), tuple(o.feedback for o in picked if o.feedback))

    def right_answer_text(self):
        return "; ".join(_plain(o.text) for o in self.ordered_options() if o.fraction > 0)

    def response_text(self, response):
        chosen = set((response or {}).get("choices") or ())
        return "; ".join(_plain(o.text) for o in self.ordered_options() if o.pk in chosen)


class TrueFalseQuestion(Question):
    """A statement that is true or false."""

    type_code = formats.TRUE_FALSE
    has_options = False
    data_settings = {
        "correct": "correct_answer",
        "feedback_true": "feedback_true",
        "feedback_false": "feedback_false",
    }

    correct_answer = models.BooleanField(_("the statement is true"), default=True)
    feedback_true = models.TextField(_("feedback for “true”"), blank=True)
    feedback_false = models.TextField(_("feedback for “false”"), blank=True)

    class Meta:
        verbose_name = _("true/false")
        verbose_name_plural = _("true/false questions")

    def clean_response(self, raw):
        if raw is None or not isinstance(raw, dict) or raw.get("answer") in (None, ""):
            return None
        answer = raw["answer"]
        if answer in (True, "true", "1", 1):
            return {"answer": True}
        if answer in (False, "false", "0", 0):
            return {"answer": False}
        raise ValueError(gettext("Answer true or false."))

    def grade(self, response):
        if not response:
            return Grade(ZERO)
        given = response["answer"]
        feedback = self.feedback_true if given else self.feedback_false
        return Grade(ONE if given == self.correct_answer else ZERO, (feedback,) if feedback else ())

    def options_for_trainee(self, order):
        return [{"id": "true", "text": gettext("True")}, {"id": "false", "text": gettext("False")}]

    def right_answer_text(self):
        return gettext("True") if self.correct_answer else gettext("False")

    def response_text(self, response):
        if not response:
            return ""
        return gettext("True") if response["answer"] else gettext("False")


def _typed_text(raw) -> dict | None:
    if raw is None or not isinstance(raw, dict):
        return None
    text = raw.get("text")
    if text is None:
        return None
    if not isinstance(text, str):
        raise ValueError(gettext("Type your answer as text."))
    text = text.strip()
    if len(text) > MAX_TEXT_RESPONSE:
        raise ValueError(
            gettext("Answers are at most %(count)d characters.") % {"count": MAX_TEXT_RESPONSE}
        )
    return {"text": text} if text else None


class ShortAnswerQuestion(Question):
    """A word or phrase typed in; several answers may be accepted, ``*`` matches any text.

    Full-width and half-width characters count as the same, as do upper and lower case unless
    the question says otherwise. When several accepted answers match, the best share counts.
    """

    type_code = formats.SHORT_ANSWER
    option_text_is_html = False
    data_settings = {"case_sensitive": "case_sensitive"}

    case_sensitive = models.BooleanField(_("case matters"), default=False)

    class Meta:
        verbose_name = _("short answer")
        verbose_name_plural = _("short answer questions")

    @classmethod
    def data_problems(cls, data):
        return _needs_options(data, 1) + _needs_full_mark(data)

    def clean_response(self, raw):
        return _typed_text(raw)

    def grade(self, response):
        if not response:
            return Grade(ZERO)
        matches = [
            option
            for option in self.ordered_options()
            if wildcard_matches(option.text, response["text"], case_sensitive=self.case_sensitive)
        ]
        if not matches:
            return Grade(ZERO)
        best = max(matches, key=lambda o: o.fraction)
        return Grade(clamp_fraction(best.fraction), (best.feedback,) if best.feedback else ())

    def right_answer_text(self):
        return " / ".join(o.text for o in self.ordered_options() if o.fraction >= ONE)

    def response_text(self, response):
        return (response or {}).get("text", "")


class NumericalQuestion(Question):
    """A number typed in, right within a tolerance; several values may earn different shares."""

    type_code = formats.NUMERICAL
    option_text_is_html = False

    class Meta:
        verbose_name = _("numerical")
        verbose_name_plural = _("numerical questions")

    @classmethod
    def data_problems(cls, data):
        problems = [
            gettext("“%(text)s” is not a number.") % {"text": option.text}
            for option in data.options
            if option.text.strip() != "*" and parse_number(option.text) is None
        ]
        if any(option.tolerance is not None and option.tolerance < 0 for option in data.options):
            problems.append(gettext("A tolerance cannot be negative."))
        return problems + _needs_options(data, 1) + _needs_full_mark(data)

    def clean_response(self, raw):
        typed = _typed_text(raw)
        if typed is None:
            return None
        if parse_number(typed["text"]) is None:
            raise ValueError(gettext("“%(text)s” is not a number.") % {"text": typed["text"]})
        return typed

    def grade(self, response):
        if not response:
            return Grade(ZERO)
        given = parse_number(response["text"])
        if given is None:
            return Grade(ZERO)
        matches = []
        for option in self.ordered_options():
            if option.text.strip() == "*":
                matches.append(option)
                continue
            value = parse_number(option.text)
            if value is not None and abs(given - value) <= (option.tolerance or ZERO):
                matches.append(option)
        if not matches:
            return Grade(ZERO)
        best = max(matches, key=lambda o: o.fraction)
        return Grade(clamp_fraction(best.fraction), (best.feedback,) if best.feedback else ())

    def right_answer_text(self):
        parts = []
        for option in self.ordered_options():
            if option.fraction >= ONE:
                tolerance = option.tolerance or ZERO
                parts.append(
                    f"{option.text} ± {tolerance.normalize()}" if tolerance else option.text
                )
        return " / ".join(parts)

    def response_text(self, response):
        return (response or {}).get("text", "")


class MatchingQuestion(Question):
    """Stems each paired with an answer from one shared list; each right pair earns its share.

    Options with a stem are the pairs; options without a stem add distractor answers.
    """

    type_code = formats.MATCHING
    shuffles_options = True
    data_settings = {"shuffle": "shuffle_options"}

    shuffle_options = models.BooleanField(_("shuffle the options"), default=True)

    class Meta:
        verbose_name = _("matching")
        verbose_name_plural = _("matching questions")

    @classmethod
    def data_problems(cls, data):
        stems = [option for option in data.options if option.text.strip()]
        problems = []
        if len(stems) < 2:
            problems.append(gettext("Give at least two items to match."))
        if any(not option.match_text.strip() for option in data.options):
            problems.append(gettext("Every item needs the answer it matches."))
        return problems

    def _stems(self):
        return [option for option in self.ordered_options() if option.text.strip()]

    def answer_choices(self) -> list[str]:
        """The shared answer list, sorted so its order gives nothing away."""
        return sorted({option.match_text for option in self.ordered_options() if option.match_text})

    def display_order(self, rng, *, shuffle):
        ids = [option.pk for option in self._stems()]
        if shuffle and self.shuffle_options:
            rng.shuffle(ids)
        return ids

    def options_for_trainee(self, order):
        stems = {option.pk: option for option in self._stems()}
        ids = [pk for pk in (order or stems) if pk in stems]
        return [{"id": pk, "text": stems[pk].text, "choices": self.answer_choices()} for pk in ids]

    def clean_response(self, raw):
        if raw is None or not isinstance(raw, dict) or not raw.get("pairs"):
            return None
        pairs = raw["pairs"]
        if not isinstance(pairs, dict):
            raise ValueError(gettext("Match each item with one of the answers."))
        stems = {option.pk for option in self._stems()}
        choices = set(self.answer_choices())
        cleaned = {}
        for stem, answer in pairs.items():
            stem_id = _option_id(stem, stems)
            if answer in (None, ""):
                continue
            if answer not in choices:
                raise ValueError(gettext("Match each item with one of the answers."))
            cleaned[str(stem_id)] = answer
        return {"pairs": cleaned} if cleaned else None

    def response_rekeyed(self, response, rekey):
        if not isinstance(response, dict) or not isinstance(response.get("pairs"), dict):
            return response
        pairs = {str(rekey(stem)): answer for stem, answer in response["pairs"].items()}
        return {**response, "pairs": pairs}

    def grade(self, response):
        stems = self._stems()
        if not response or not stems:
            return Grade(ZERO)
        pairs = response["pairs"]
        right = sum(1 for stem in stems if pairs.get(str(stem.pk)) == stem.match_text)
        return Grade(clamp_fraction(Decimal(right) / Decimal(len(stems))))

    def right_answer_text(self):
        return "; ".join(f"{_plain(s.text)} → {s.match_text}" for s in self._stems())

    def response_text(self, response):
        pairs = (response or {}).get("pairs") or {}
        return "; ".join(
            f"{_plain(s.text)} → {pairs[str(s.pk)]}" for s in self._stems() if str(s.pk) in pairs
        )


class OrderingQuestion(Question):
    """Items to put in order; the options are stored in the right order."""

    class Grading(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
        PARTIAL = "partial", _("A share for each item in its right place")

    type_code = formats.ORDERING
    shuffles_options = True
    data_settings = {"grading": "grading"}

    grading = models.CharField(
        _("grading"), max_length=20, choices=Grading, default=Grading.PARTIAL
    )

    class Meta:
        verbose_name = _("ordering")
        verbose_name_plural = _("ordering questions")

    @classmethod
    def data_problems(cls, data):
        problems = _needs_options(data)
        if data.settings.get("grading", cls.Grading.PARTIAL) not in cls.Grading.values:
            problems.append(gettext("Unknown grading for an ordering question."))
        return problems

    def display_order(self, rng, *, shuffle):
        # The items are always shuffled: shown in the stored order they would be the answer.
        ids = [option.pk for option in self.ordered_options()]
        rng.shuffle(ids)
        return ids

    def options_for_trainee(self, order):
        by_id = {option.pk: option for option in self.ordered_options()}
        ids = [pk for pk in (order or by_id) if pk in by_id]
        return [{"id": pk, "text": by_id[pk].text} for pk in ids]

    def clean_response(self, raw):
        if raw is None or not isinstance(raw, dict) or not raw.get("order"):
            return None
        order = raw["order"]
        allowed = {option.pk for option in self.ordered_options()}
        if not isinstance(order, list) or len(order) != len(allowed):
            raise ValueError(gettext("Put every item in order, each once."))
        ids = [_option_id(value, allowed) for value in order]
        if len(set(ids)) != len(ids):
            raise ValueError(gettext("Put every item in order, each once."))
        return {"order": ids}

    def response_rekeyed(self, response, rekey):
        if not isinstance(response, dict) or not isinstance(response.get("order"), list):
            return response
        return {**response, "order": [rekey(value) for value in response["order"]]}

    def grade(self, response):
        right = [option.pk for option in self.ordered_options()]
        if not response or not right:
            return Grade(ZERO)
        given = response["order"]
        in_place = sum(1 for a, b in zip(given, right, strict=False) if a == b)
        if self.grading == self.Grading.ALL_OR_NOTHING:
            return Grade(ONE if in_place == len(right) else ZERO)
        return Grade(clamp_fraction(Decimal(in_place) / Decimal(len(right))))

    def right_answer_text(self):
        return " → ".join(_plain(o.text) for o in self.ordered_options())

    def response_text(self, response):
        by_id = {o.pk: o for o in self.ordered_options()}
        return " → ".join(
            _plain(by_id[pk].text) for pk in (response or {}).get("order", []) if pk in by_id
        )


class EssayQuestion(Question):
    """A written answer a person marks against the rubric criteria."""

    type_code = formats.ESSAY
    has_options = False
    has_rubric = True
    data_settings = {
        "min_words": "min_words",
        "max_words": "max_words",
        "grader_info": "grader_info",
        "response_template": "response_template",
    }

    min_words = models.PositiveIntegerField(_("minimum words"), default=0)
    max_words = models.PositiveIntegerField(
        _("maximum words"), default=0, help_text=_("0 for no limit.")
    )
    response_template = models.TextField(_("response template"), blank=True)
    grader_info = models.TextField(_("information for markers"), blank=True)

    class Meta:
        verbose_name = _("essay")
        verbose_name_plural = _("essay questions")

    @classmethod
    def data_problems(cls, data):
        problems = []
        if data.options:
            problems.append(gettext("An essay has no options; it is marked against a rubric."))
        if any(not 1 <= criterion.max_points <= 100 for criterion in data.criteria):
            problems.append(gettext("A rubric criterion is worth from 1 to 100 points."))
        low, high = data.settings.get("min_words", 0), data.settings.get("max_words", 0)
        if high and low > high:
            problems.append(gettext("The minimum number of words is above the maximum."))
        return problems

    @property
    def needs_marking(self):
        return True

    def clean_response(self, raw):
        if raw is None or not isinstance(raw, dict) or raw.get("text") in (None, ""):
            return None
        if not isinstance(raw["text"], str) or len(raw["text"]) > MAX_ESSAY_RESPONSE:
            raise ValueError(
                gettext("An essay is at most %(count)d characters.") % {"count": MAX_ESSAY_RESPONSE}
            )
        text = richtext.richtext_clean(raw["text"])
        return {"text": text} if _plain(text) else None

    def grade(self, response):
        if not response:
            return Grade(ZERO)  # nothing written: nothing to mark
        return Grade(None)

    def word_problem(self, response) -> str:
        """Why an essay's length does not fit the limits, or an empty string."""
        words = word_count(_plain((response or {}).get("text", "")))
        if self.min_words and words < self.min_words:
            return gettext("Write at least %(count)d words.") % {"count": self.min_words}
        if self.max_words and words > self.max_words:
            return gettext("Write at most %(count)d words.") % {"count": self.max_words}
        return ""

    def fraction_for_scores(self, scores: dict[int, int]) -> Decimal:
        """The share a marker's rubric scores earn: points given over points possible."""
        criteria = list(self.criteria.all())
        possible = sum(c.max_points for c in criteria)
        if not possible:
            return ZERO
        given = sum(min(max(int(scores.get(c.pk, 0)), 0), c.max_points) for c in criteria)
        return clamp_fraction(Decimal(given) / Decimal(possible))

    def response_text(self, response):
        return _plain((response or {}).get("text", ""))


def question_types() -> dict[str, type[Question]]:
    """Every concrete question type by its code, found from the class tree (no list to keep)."""
    found: dict[str, type[Question]] = {}
    pending = list(Question.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.type_code and not cls._meta.abstract:
            found[cls.type_code] = cls
    return found
