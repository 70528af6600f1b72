"""Forms for quizzes and their slots. They check the input's shape; ``courses.services.quizzes``
decides what is allowed (enough questions to draw, a current version to ask) and writes."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from lms.widgets import DateTimeInput

from ..curriculum import activity_pages, course_pages
from ..models import QuestionEntry, Quiz, ReviewPart, ReviewTime
from ..models.quizzes import date_in_range, date_out_of_range, review_field
from .bank import CategoryChoiceField, category_queryset

# The review options' grid: one tick box for each part (rows) at each time (columns).
REVIEW_FIELDS = [
    review_field(part, time) for part in ReviewPart.values for time in ReviewTime.values
]


def quiz_pages(*, keep: int | None = None):
    """The live lectures, scenario exercises (any learning activity) and courses a quiz may sit
    on, plus the page it sits on now, so an unpublished page does not empty the field."""
    live = activity_pages().live() | course_pages().live()
    where = Q(pk__in=live.values("pk"))
    if keep:
        where |= Q(pk=keep)
    return Page.objects.filter(where).select_related("content_type").order_by("path")


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time within the years a quiz may use (``courses.models.quizzes``).

    Django turns the local time typed in into an aware one, and year 1 (or 9999) typed in
    Asia/Shanghai has no UTC equivalent: that conversion raises ``OverflowError``, which would
    answer 500. Here it, and any other year out of range, is the field's own message.
    """

    def to_python(self, value):
        try:
            result = super().to_python(value)
        except OverflowError:
            raise date_out_of_range() from None
        date_in_range(result)
        return result


class QuizPageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        kind = obj.content_type.model_class()
        kind = kind._meta.verbose_name if kind is not None else ""
        return f"{obj.title} ({kind})" if kind else obj.title


class QuizForm(forms.ModelForm):
    activity = QuizPageChoiceField(label=_("lecture, scenario or course"), queryset=Page.objects)

    class Meta:
        model = Quiz
        fields = [
            "title",
            "activity",
            "introduction",
            "is_published",
            "counts_for_completion",
            "shuffle_questions",
            "shuffle_options",
            "time_limit_minutes",
            "grace_seconds",
            "max_attempts",
            "opens_at",
            "closes_at",
            "pass_percent",
            "counted_attempt",
            *REVIEW_FIELDS,
            "review_answers_while_attempts_remain",
        ]
        field_classes = {"opens_at": BoundedDateTimeField, "closes_at": BoundedDateTimeField}
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = quiz_pages(keep=self.instance.activity_id)

    def settings_fields(self):
        """Every field but the review options, which the page shows as a grid."""
        return [self[name] for name in self.fields if not name.startswith("review_")]

    def review_times(self):
        return ReviewTime.labels

    def review_rows(self):
        """(what is shown, its tick box at each review time), for the grid."""
        return [
            (label, [self[review_field(part, time)] for time in ReviewTime.values])
            for part, label in ReviewPart.choices
        ]


class FixedSlotForm(forms.Form):
    entry = forms.ModelChoiceField(queryset=QuestionEntry.objects.all(), widget=forms.HiddenInput)
    mark = forms.DecimalField(
        label=_("mark"), required=False, min_value=0.01, max_value=1000, decimal_places=2
    )


class RandomSlotForm(forms.Form):
    category = CategoryChoiceField(label=_("random from category"), queryset=category_queryset())
    include_subcategories = forms.BooleanField(
        label=_("include subcategories"), required=False, initial=True
    )
    draw_count = forms.IntegerField(
        label=_("questions to draw"), min_value=1, max_value=100, initial=1
    )
    mark = forms.DecimalField(
        label=_("mark per question"),
        required=False,
        min_value=0.01,
        max_value=1000,
        decimal_places=2,
        help_text=_("Empty to use each question's default mark."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = category_queryset()


class SlotMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1


class EntrySearchForm(forms.Form):
    q = forms.CharField(label=_("find a question"), required=False, max_length=200)
