"""Quizzes: which questions, how they are drawn and timed, and what the trainee may review."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
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


class ReviewWhen(models.TextChoices):
    """When a finished attempt's marks, right answers or feedback become visible to the trainee."""

    NEVER = "never", _("Never")
    AFTER_SUBMIT = "after_submit", _("Once the attempt is marked")
    AFTER_CLOSE = "after_close", _("After the quiz closes")


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
    review_marks = models.CharField(
        _("show marks"), max_length=15, choices=ReviewWhen, default=ReviewWhen.AFTER_SUBMIT
    )
    review_answers = models.CharField(
        _("show the right answers"),
        max_length=15,
        choices=ReviewWhen,
        default=ReviewWhen.AFTER_CLOSE,
    )
    review_feedback = models.CharField(
        _("show feedback"), max_length=15, choices=ReviewWhen, default=ReviewWhen.AFTER_SUBMIT
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

    def review_allows(self, setting: str, *, released: bool, now=None) -> bool:
        """Whether a review option (one of ``ReviewWhen``) allows showing something now."""
        if setting == ReviewWhen.AFTER_SUBMIT:
            return released
        if setting == ReviewWhen.AFTER_CLOSE:
            return released and self.is_closed(now)
        return False


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
