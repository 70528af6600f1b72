"""Quiz attempts: what the trainee was shown, what they answered, and how it was marked.

An attempt fixes its questions (the exact versions), their order and their options' order
when it starts, so a reload, a change in the bank or a new draw never changes it. State moves
only forward, by compare-and-set updates in ``courses.services.attempts``:
in progress → submitted (waiting for a marker) → finished, or in progress → finished.

The trainee never sees an option's database id: ids follow authoring order (the right answer
is often the first option written, and an ordering question's ids sorted are its answer). An
attempt names each option by a key of its own, an HMAC of the attempt and the option under the
secret key: the same on every reload of the attempt, different in every other attempt, and
unrelated to the id's size. Pages, API, autosave and form posts use these keys; responses are
stored with ids (``AttemptSlot.response_from_trainee`` and ``response_for_trainee`` translate
at that boundary), so grading and past attempts' reviews read what they always read.
"""

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .questions import Question

TIME_IS_UP = _("Time is up")

OPTION_KEY_SALT = "courses.attempt.option-key"
# 16 hex digits (64 bits): a key cannot be guessed, and two options of a question never share one.
OPTION_KEY_LENGTH = 16
# What an unknown key turns into: not an id of any option, so ``clean_response`` refuses it
# with its usual message rather than reading it as "not answered".
UNKNOWN_OPTION = "?"


def option_key(attempt_id: int, option_id: int) -> str:
    """The key under which one attempt shows one option (see the module's docstring)."""
    digest = salted_hmac(OPTION_KEY_SALT, f"{attempt_id}:{option_id}", algorithm="sha256")
    return digest.hexdigest()[:OPTION_KEY_LENGTH]


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        NEEDS_MARKING = "needs_marking", _("Waiting for marking")
        FINISHED = "finished", _("Finished")

    quiz = models.ForeignKey(
        "courses.Quiz", verbose_name=_("quiz"), on_delete=models.PROTECT, related_name="attempts"
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="quiz_attempts",
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(
        _("state"), max_length=15, choices=State, default=State.IN_PROGRESS, db_index=True
    )
    started_at = models.DateTimeField(_("started at"))
    deadline_at = models.DateTimeField(_("time is up at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by_time_limit = models.BooleanField(
        _("submitted when the time ran out"), default=False
    )
    finished_at = models.DateTimeField(_("marked at"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=8, decimal_places=2)
    percent = models.DecimalField(
        _("percentage"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "trainee", "number"], name="attempt_number_once"
            ),
            models.UniqueConstraint(
                fields=["quiz", "trainee"],
                condition=Q(state="in_progress"),
                name="attempt_one_open_per_quiz",
            ),
        ]
        indexes = [models.Index(fields=["trainee", "quiz"])]

    def __str__(self):
        return f"{self.quiz_id}/{self.trainee_id}#{self.number}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.IN_PROGRESS

    def time_is_up(self, now=None) -> bool:
        """Still open in the database, but past its deadline: over for whoever reads it.

        The sweeper (or the next request to the attempt) closes it once the grace period for
        slow networks has passed, stamped with the deadline; until then no page may call it
        "in progress".
        """
        return (
            self.state == self.State.IN_PROGRESS
            and self.deadline_at is not None
            and (now or timezone.now()) >= self.deadline_at
        )

    def state_label(self, now=None) -> str:
        """The state as the trainee's pages name it now (see ``time_is_up``)."""
        if self.time_is_up(now):
            return str(TIME_IS_UP)
        return str(self.get_state_display())

    def state_code(self, now=None) -> str:
        return "time_up" if self.time_is_up(now) else self.state

    @property
    def is_released(self) -> bool:
        """Finished means every mark is in and released to the trainee."""
        return self.state == self.State.FINISHED


class AttemptSlot(models.Model):
    """One question of one attempt: the version shown, the response, and its mark."""

    attempt = models.ForeignKey(
        Attempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="slots"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    question = models.ForeignKey(
        "courses.Question",
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        related_name="attempt_slots",
    )
    max_mark = models.DecimalField(_("maximum mark"), max_digits=6, decimal_places=2)
    option_order = models.JSONField(_("option order"), default=list, blank=True)
    response = models.JSONField(_("response"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    fraction = models.DecimalField(
        _("share of the mark"), max_digits=6, decimal_places=5, null=True, blank=True
    )
    mark = models.DecimalField(_("mark"), max_digits=8, decimal_places=2, null=True, blank=True)
    feedback = models.JSONField(_("feedback"), default=list, blank=True)
    needs_marking = models.BooleanField(_("needs marking"), default=False)
    rubric_scores = models.JSONField(_("rubric scores"), default=dict, blank=True)
    marker_comment = models.TextField(_("marker's comment"), blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt question")
        verbose_name_plural = _("attempt questions")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="attempt_slot_once"),
            models.CheckConstraint(
                condition=Q(fraction__isnull=True) | (Q(fraction__gte=0) & Q(fraction__lte=1)),
                name="attempt_slot_fraction_bounds",
            ),
        ]

    def __str__(self):
        return f"{self.attempt_id}#{self.position}"

    @cached_property
    def option_keys(self) -> dict[int, str]:
        """This attempt's key of each option of the question, by option id."""
        return {
            option.pk: option_key(self.attempt_id, option.pk)
            for option in self.question.ordered_options()
        }

    def key_of(self, value):
        """The key of an option id (an int, or the digits a JSON object key holds); any other
        value (true/false answers' "true" and "false") is not an option and stays as it is."""
        try:
            return self.option_keys.get(int(value), value)
        except (TypeError, ValueError):
            return value

    def response_for_trainee(self, response: dict | None) -> dict | None:
        """A stored response as the trainee's page and the API name it: by keys."""
        return self.question.response_rekeyed(response, self.key_of)

    def response_from_trainee(self, raw):
        """A response the trainee sent, with its keys turned back into option ids; a value that
        is not one of this attempt's keys (an option id included) can match no option."""
        ids = {key: option_id for option_id, key in self.option_keys.items()}

        def option_id(value):
            return ids.get(value, UNKNOWN_OPTION) if isinstance(value, str) else UNKNOWN_OPTION

        return self.question.response_rekeyed(raw, option_id)


def slots_with_questions(slots: list[AttemptSlot]) -> list[AttemptSlot]:
    """Attach each slot's question as its own type, with options and criteria, in few queries.

    ``select_related("question")`` would give the base class, which cannot grade; the
    polymorphic queryset gives each question as its type (one query per type present).
    """
    questions = (
        Question.objects.filter(pk__in={slot.question_id for slot in slots})
        .prefetch_related("options", "criteria")
        .in_bulk()
    )
    for slot in slots:
        slot.question = questions[slot.question_id]
    return slots
