"""The question bank (题库): nested categories, bank entries with tags, and question versions.

A bank entry is a question's lasting identity: its category, its tags, the quizzes that use it.
Each edit of a question already used in an attempt makes a new *version* (a new row); attempts
keep pointing at the version they were sat with, so editing a question never changes a past
attempt's text, options or marks. Quizzes point at entries and always draw the current version.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from polymorphic.models import PolymorphicModel
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from ..grading import Grade

PATH_SEPARATOR = "/"


class QuestionCategory(models.Model):
    """A folder of the bank; categories nest, and a random draw may include subcategories."""

    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    # The names from the top down, joined with "/": kept up to date by the bank service so
    # that lists, filters and imports find a category by its path without walking the tree.
    path = models.CharField(_("path"), max_length=1000, editable=False, db_index=True)

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="category_name_per_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="category_top_name_once"
            ),
            models.CheckConstraint(
                condition=~Q(name__contains=PATH_SEPARATOR), name="category_name_without_slash"
            ),
        ]

    def __str__(self):
        return self.path or self.name

    @property
    def path_parts(self) -> tuple[str, ...]:
        return tuple(self.path.split(PATH_SEPARATOR)) if self.path else (self.name,)

    @property
    def depth(self) -> int:
        return len(self.path_parts) - 1


class TaggedQuestionEntry(TaggedItemBase):
    content_object = models.ForeignKey(
        "QuestionEntry", on_delete=models.CASCADE, related_name="tagged_items"
    )


class QuestionEntry(models.Model):
    """A question's lasting identity in the bank, across its versions."""

    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    tags = TaggableManager(verbose_name=_("tags"), through=TaggedQuestionEntry, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("bank entry")
        verbose_name_plural = _("bank entries")

    def __str__(self):
        current = self.versions.filter(is_current=True).first()
        return current.name if current else str(self.pk)


class Question(PolymorphicModel):
    """One version of a question. Each type is a subclass that grades its own responses.

    Subclasses declare ``type_code`` (one of ``courses.question_formats.base.TYPE_CODES``) and
    implement ``clean_response``, ``grade``, ``options_for_trainee`` and ``right_answer_text``;
    nothing outside the subclass asks which type a question is.
    """

    type_code = ""
    has_options = True
    shuffles_options = False
    # Settings of ``QuestionData.settings`` this type keeps, by the model field holding each.
    data_settings: dict[str, str] = {}
    # Whether a person marks it against rubric criteria (essays).
    has_rubric = False
    # Whether option text is HTML (choices, items) or typed text to compare (accepted answers).
    option_text_is_html = True

    entry = models.ForeignKey(
        QuestionEntry,
        verbose_name=_("bank entry"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    name = models.CharField(_("name"), max_length=200)
    text = models.TextField(_("question text"))
    general_feedback = models.TextField(
        _("general feedback"),
        blank=True,
        help_text=_("Shown with the review, whatever the answer was."),
    )
    default_mark = models.DecimalField(
        _("default mark"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1000"))],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["entry_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "version"], name="question_version_once"),
            models.UniqueConstraint(
                fields=["entry"], condition=Q(is_current=True), name="question_one_current_version"
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def type_label(cls) -> str:
        return cls._meta.verbose_name

    # What every type answers for itself --------------------------------------------------

    @classmethod
    def data_problems(cls, data) -> list[str]:
        """Why a ``QuestionData`` of this type cannot be saved, in the user's language."""
        return []

    def clean_response(self, raw) -> dict | None:
        """The response as sent by the browser, checked and reduced to plain JSON data.

        ``None`` means "not answered". Anything malformed raises ``ValueError``: the attempt
        service turns it into a message and saves nothing.
        """
        raise NotImplementedError

    def grade(self, response: dict | None) -> Grade:
        """The share of the mark a (cleaned) response earns, with the feedback it triggers."""
        raise NotImplementedError

    def options_for_trainee(self, order: list[int] | None) -> list[dict]:
        """The options as shown in the attempt, without weights or feedback."""
        return []

    def right_answer_text(self) -> str:
        """A plain-text statement of the right answer, for the review."""
        return ""

    def response_text(self, response: dict | None) -> str:
        """A plain-text statement of a response, for marking, review and reports."""
        return ""

    def response_rekeyed(self, response, rekey) -> dict | None:
        """The response with every option it names passed through ``rekey``.

        An attempt shows options under its own opaque keys (``courses.models.attempts``), so
        the trainee never sees an option id: responses come in with keys and are stored with
        ids. Types whose responses name no option keep them as they are. ``response`` may be
        anything the browser sent: what is not in the type's shape is left for
        ``clean_response`` to refuse.
        """
        return response

    def display_order(self, rng, *, shuffle: bool) -> list[int]:
        """Option ids in the order this attempt shows them (shuffled when both sides allow)."""
        ids = [option.pk for option in self.ordered_options()]
        if shuffle and self.shuffles_options:
            rng.shuffle(ids)
        return ids

    def ordered_options(self) -> list["QuestionOption"]:
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("options")
        options = list(prefetched) if prefetched is not None else list(self.options.all())
        return sorted(options, key=lambda option: (option.position, option.pk))

    @property
    def needs_marking(self) -> bool:
        """Whether a person marks this type (essays)."""
        return False


class QuestionOption(models.Model):
    """An option, accepted answer, matching pair or item to order; its meaning is the type's."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"), blank=True)
    fraction = models.DecimalField(
        _("share of the mark"),
        max_digits=8,
        decimal_places=7,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("-1")), MaxValueValidator(Decimal("1"))],
        help_text=_("From -1 to 1: 1 is fully right; a negative share penalises this choice."),
    )
    feedback = models.TextField(_("feedback"), blank=True)
    match_text = models.CharField(_("matching answer"), max_length=500, blank=True)
    tolerance = models.DecimalField(
        _("tolerance"), max_digits=20, decimal_places=10, null=True, blank=True
    )

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fraction__gte=-1) & Q(fraction__lte=1), name="option_fraction_bounds"
            ),
            models.CheckConstraint(
                condition=Q(tolerance__isnull=True) | Q(tolerance__gte=0),
                name="option_tolerance_not_negative",
            ),
        ]

    def __str__(self):
        return self.text or self.match_text


class RubricCriterion(models.Model):
    """One criterion an essay is marked against, with the points it is worth."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("criterion"), max_length=200)
    guidance = models.TextField(_("guidance for markers"), blank=True)
    max_points = models.PositiveSmallIntegerField(
        _("points"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title
