"""Quizzes: which questions, how they are drawn and timed, and what the trainee may review."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# The years a quiz's dates may fall in. Year 1 or 9999 in one time zone falls outside the
# calendar in another (Asia/Shanghai is 8 hours ahead of UTC), and every reading of such a date
# would fail; no quiz needs dates that far away.
FIRST_YEAR, LAST_YEAR = 1900, 9998


def date_out_of_range() -> ValidationError:
    return ValidationError(
        _("Enter a date and time from the year %(first)d to %(last)d."),
        code="out_of_range",
        params={"first": FIRST_YEAR, "last": LAST_YEAR},
    )


def date_in_range(value) -> None:
    """Refuse a date and time outside ``FIRST_YEAR``..``LAST_YEAR``."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise date_out_of_range()


class ReviewTime(models.TextChoices):
    """When something of an attempt may be shown: Moodle's four review times.

    *Immediately* is the first two minutes after the attempt is submitted; *later* runs from
    then until the quiz closes (for ever, when it has no close date); *after the quiz closes*
    begins at its close date, and never comes for a quiz without one.
    """

    DURING = "during", _("During the attempt")
    IMMEDIATELY = "immediately", _("Immediately after the attempt")
    LATER = "later", _("Later, while the quiz is still open")
    AFTER_CLOSE = "after_close", _("After the quiz closes")


class ReviewPart(models.TextChoices):
    """What the review options decide on, each at each ``ReviewTime``."""

    MARKS = "marks", _("Marks")
    ANSWERS = "answers", _("Right answers")
    FEEDBACK = "feedback", _("Feedback (general and for each option)")


IMMEDIATELY_FOR = datetime.timedelta(minutes=2)
# Every review time after the attempt: what "show once it is marked" used to mean.
AFTER_ATTEMPT = (ReviewTime.IMMEDIATELY, ReviewTime.LATER, ReviewTime.AFTER_CLOSE)


def review_field(part: str, time: str) -> str:
    """The quiz field that says whether ``part`` is shown at ``time`` (``review_marks_later``)."""
    return f"review_{part}_{time}"


def review_settings(*, while_attempts_remain: bool = False, **times) -> dict:
    """Review fields for a quiz: ``review_settings(marks=AFTER_ATTEMPT, feedback=(…))`` ticks
    those times and leaves every other one unticked."""
    return {
        review_field(part, time): time in times.get(part, ())
        for part in ReviewPart.values
        for time in ReviewTime.values
    } | {"review_answers_while_attempts_remain": while_attempts_remain}


def _review_flag(part: ReviewPart, time: ReviewTime, default: bool):
    return models.BooleanField(format_lazy("{}: {}", part.label, time.label), default=default)


class Quiz(models.Model):
    """A quiz on a lecture, a scenario exercise or a whole course.

    A passed quiz on an activity is part of completing it (``counts_for_completion``); the
    engine learns of it through ``courses.services.activity_quiz_passed``.
    """

    class CountedAttempt(models.TextChoices):
        HIGHEST = "highest", _("Highest score")
        FIRST = "first", _("First attempt")
        LAST = "last", _("Last attempt")

    activity = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("lecture, scenario or course"),
        on_delete=models.PROTECT,
        related_name="quizzes",
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    is_published = models.BooleanField(
        _("open to trainees"), default=False, help_text=_("Trainees see only published quizzes.")
    )
    counts_for_completion = models.BooleanField(
        _("passing completes the activity"),
        default=True,
        help_text=_("The activity is complete only once this quiz is passed."),
    )
    shuffle_questions = models.BooleanField(_("shuffle the questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle the options"), default=True)
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Empty for no time limit. The server enforces it, not the phone."),
    )
    grace_seconds = models.PositiveIntegerField(
        _("grace period (seconds)"),
        default=60,
        validators=[MaxValueValidator(3600)],
        help_text=_("Answers sent this long after the time is up still count (slow networks)."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Empty for unlimited attempts."),
    )
    opens_at = models.DateTimeField(
        _("opens at"), null=True, blank=True, validators=[date_in_range]
    )
    closes_at = models.DateTimeField(
        _("closes at"), null=True, blank=True, validators=[date_in_range]
    )
    pass_percent = models.DecimalField(
        _("pass mark (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    counted_attempt = models.CharField(
        _("attempt that counts"),
        max_length=10,
        choices=CountedAttempt,
        default=CountedAttempt.HIGHEST,
    )
    # The review options: one tick for each part at each time (``ReviewTime``). The defaults
    # show marks and feedback after the attempt, and the right answers once the quiz closes.
    review_marks_during = _review_flag(ReviewPart.MARKS, ReviewTime.DURING, False)
    review_marks_immediately = _review_flag(ReviewPart.MARKS, ReviewTime.IMMEDIATELY, True)
    review_marks_later = _review_flag(ReviewPart.MARKS, ReviewTime.LATER, True)
    review_marks_after_close = _review_flag(ReviewPart.MARKS, ReviewTime.AFTER_CLOSE, True)
    review_answers_during = _review_flag(ReviewPart.ANSWERS, ReviewTime.DURING, False)
    review_answers_immediately = _review_flag(ReviewPart.ANSWERS, ReviewTime.IMMEDIATELY, False)
    review_answers_later = _review_flag(ReviewPart.ANSWERS, ReviewTime.LATER, False)
    review_answers_after_close = _review_flag(ReviewPart.ANSWERS, ReviewTime.AFTER_CLOSE, True)
    review_feedback_during = _review_flag(ReviewPart.FEEDBACK, ReviewTime.DURING, False)
    review_feedback_immediately = _review_flag(ReviewPart.FEEDBACK, ReviewTime.IMMEDIATELY, True)
    review_feedback_later = _review_flag(ReviewPart.FEEDBACK, ReviewTime.LATER, True)
    review_feedback_after_close = _review_flag(ReviewPart.FEEDBACK, ReviewTime.AFTER_CLOSE, True)
    review_answers_while_attempts_remain = models.BooleanField(
        _("show right answers even while attempts remain"),
        default=False,
        help_text=_(
            "Otherwise the right answers stay hidden, whatever is ticked above, while the "
            "trainee may still start another attempt."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["activity_id", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="quiz_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(pass_percent__gte=0) & Q(pass_percent__lte=100),
                name="quiz_pass_percent_bounds",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The quiz must close after it opens.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (self.opens_at is None or self.opens_at <= now) and (
            self.closes_at is None or now < self.closes_at
        )

    def is_closed(self, now=None) -> bool:
        return self.closes_at is not None and (now or timezone.now()) >= self.closes_at

    def review_shows(self, part: str, time: str) -> bool:
        """Whether the review options tick ``part`` (a ``ReviewPart``) at ``time``."""
        return getattr(self, review_field(part, time))

    def review_time(self, attempt, now=None) -> ReviewTime:
        """Which of the four review times it is now for one attempt at this quiz."""
        now = now or timezone.now()
        if attempt.submitted_at is None:
            return ReviewTime.DURING
        if now < attempt.submitted_at + IMMEDIATELY_FOR:
            return ReviewTime.IMMEDIATELY
        if self.is_closed(now):
            return ReviewTime.AFTER_CLOSE
        return ReviewTime.LATER

    def may_start_another(self, *, attempts_used: int, now=None) -> bool:
        """Whether a trainee who has used this many attempts could still start one."""
        return (
            self.is_published
            and self.is_open(now)
            and (self.max_attempts is None or attempts_used < self.max_attempts)
        )


class QuizSlot(models.Model):
    """A place in a quiz: one chosen bank entry, or a random draw of N from a category."""

    quiz = models.ForeignKey(
        Quiz, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="slots"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    entry = models.ForeignKey(
        "courses.QuestionEntry",
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quiz_slots",
    )
    category = models.ForeignKey(
        "courses.QuestionCategory",
        verbose_name=_("random from category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quiz_slots",
    )
    include_subcategories = models.BooleanField(_("include subcategories"), default=True)
    draw_count = models.PositiveSmallIntegerField(
        _("questions to draw"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    mark = models.DecimalField(
        _("mark per question"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1000"))],
        help_text=_("Empty to use each question's default mark."),
    )

    class Meta:
        verbose_name = _("quiz slot")
        verbose_name_plural = _("quiz slots")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(entry__isnull=False) & Q(category__isnull=True))
                | (Q(entry__isnull=True) & Q(category__isnull=False)),
                name="slot_entry_or_category",
            ),
        ]

    def __str__(self):
        return f"{self.quiz_id}#{self.position}"

    def clean(self):
        super().clean()
        if bool(self.entry_id) == bool(self.category_id):
            raise ValidationError(
                _("Choose either one question or a category to draw from, not both.")
            )

    @property
    def is_random(self) -> bool:
        return self.category_id is not None
