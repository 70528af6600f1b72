"""Forms for the question bank: categories, the question editor and the bank's filters.

They check the input's shape and build the bank's interchange record (``QuestionData``);
``courses.services.questions`` validates the question as a whole, sanitises it and decides
whether an edit replaces a version or makes a new one.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.db.models import TextField
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from taggit.models import Tag

from ..models import QuestionCategory, question_types
from ..question_formats import base as formats
from ..question_formats.base import CriterionData, OptionData, QuestionData

HTML_HELP = _(
    "HTML is allowed: paragraphs, bold, italic, lists and links; anything else is removed."
)
HUNDRED = Decimal("100")


def plain_number(value: Decimal | None) -> str | None:
    """A decimal as a person writes it: "100", "33.33333", "0.5" (never "1E+2" or "100.0000")."""
    if value is None:
        return None
    return format(value.normalize(), "f")


def category_choices_label(category: QuestionCategory) -> str:
    """A category in a drop-down: its name, indented by its depth, so the list reads as a tree."""
    return "\u2003" * category.depth + category.name


class _TreeOrderIterator(forms.models.ModelChoiceIterator):
    """Categories in tree order: by their path's names, so "党建 2" does not fall between
    "党建" and "党建/…" as it would by the path's characters."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for category in sorted(self.queryset, key=lambda c: c.path_parts):
            yield self.choice(category)


class CategoryChoiceField(forms.ModelChoiceField):
    iterator = _TreeOrderIterator

    def label_from_instance(self, obj):
        return category_choices_label(obj)


def category_queryset():
    return QuestionCategory.objects.order_by("path")


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    parent = CategoryChoiceField(
        label=_("parent category"),
        queryset=category_queryset(),
        required=False,
        empty_label=_("(top level)"),
    )
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = category_queryset()


# The editor's layout per question type --------------------------------------------------------
#
# Which option columns a type uses, and what each column means for it. The types themselves
# grade and describe their options; this only decides what the editor shows.


@dataclass(frozen=True)
class EditorLayout:
    option_columns: tuple[str, ...] = ()
    option_labels: dict[str, object] = field(default_factory=dict)
    rubric: bool = False
    blank_options: int = 4


_CHOICE = ("text", "fraction", "feedback")

EDITOR_LAYOUTS: dict[str, EditorLayout] = {
    formats.SINGLE: EditorLayout(_CHOICE),
    formats.MULTIPLE: EditorLayout(_CHOICE),
    formats.JUDGEMENT: EditorLayout(
        _CHOICE,
        {
            "text": _("response"),
            "fraction": _("effectiveness (%)"),
            "feedback": _("reasoning shown in the review"),
        },
    ),
    formats.TRUE_FALSE: EditorLayout(),
    formats.SHORT_ANSWER: EditorLayout(
        _CHOICE, {"text": _("accepted answer (* matches any text)")}, blank_options=3
    ),
    formats.NUMERICAL: EditorLayout(
        ("text", "tolerance", "fraction", "feedback"), {"text": _("number")}, blank_options=3
    ),
    formats.MATCHING: EditorLayout(
        ("text", "match_text"),
        {"text": _("item (leave empty for an extra wrong answer)")},
    ),
    formats.ORDERING: EditorLayout(("text",), {"text": _("item, in the right order")}),
    formats.ESSAY: EditorLayout(rubric=True),
}


def editor_layout(type_code: str) -> EditorLayout:
    return EDITOR_LAYOUTS.get(type_code, EditorLayout(_CHOICE))


class OptionForm(forms.Form):
    """One row of the options table; the type's layout removes the columns it does not use."""

    text = forms.CharField(
        label=_("text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    fraction = forms.DecimalField(
        label=_("share of the mark (%)"),
        required=False,
        min_value=-100,
        max_value=100,
        decimal_places=5,
        max_digits=8,
    )
    feedback = forms.CharField(
        label=_("feedback"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    match_text = forms.CharField(label=_("matching answer"), required=False, max_length=500)
    tolerance = forms.DecimalField(
        label=_("tolerance (±)"), required=False, min_value=0, max_digits=20, decimal_places=10
    )

    def __init__(self, *args, layout: EditorLayout, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in layout.option_columns:
                del self.fields[name]
            elif name in layout.option_labels:
                self.fields[name].label = layout.option_labels[name]

    def to_data(self) -> OptionData | None:
        """The row as an option, or ``None`` for a row left empty."""
        data = self.cleaned_data
        text, match_text = data.get("text", "").strip(), data.get("match_text", "").strip()
        if not text and not match_text:
            return None
        fraction = data.get("fraction")
        return OptionData(
            text=text,
            fraction=(fraction / HUNDRED) if fraction is not None else Decimal("0"),
            feedback=data.get("feedback", ""),
            match_text=match_text,
            tolerance=data.get("tolerance"),
        )

    @staticmethod
    def initial_for(option: OptionData) -> dict:
        return {
            "text": option.text,
            "fraction": plain_number(option.fraction * HUNDRED),
            "feedback": option.feedback,
            "match_text": option.match_text,
            "tolerance": plain_number(option.tolerance),
        }


class CriterionForm(forms.Form):
    title = forms.CharField(label=_("criterion"), max_length=200, required=False)
    max_points = forms.IntegerField(
        label=_("points"), min_value=1, max_value=100, initial=1, required=False
    )
    guidance = forms.CharField(
        label=_("guidance for markers"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def to_data(self) -> CriterionData | None:
        title = self.cleaned_data.get("title", "").strip()
        if not title:
            return None
        return CriterionData(
            title=title,
            max_points=self.cleaned_data.get("max_points") or 1,
            guidance=self.cleaned_data.get("guidance", ""),
        )


OptionFormSet = forms.formset_factory(OptionForm, extra=0, max_num=50, absolute_max=50)
CriterionFormSet = forms.formset_factory(CriterionForm, extra=0, max_num=30, absolute_max=30)


class BankTagField(TagField):
    """Tags separated by commas; a Chinese comma (，) separates them too."""

    def clean(self, value):
        return super().clean((value or "").replace("，", ","))


def tags_as_text(names) -> str:
    return ", ".join(f'"{name}"' if "," in name else name for name in names)


SETTING_PREFIX = "setting_"


class QuestionForm(forms.Form):
    """What every question has, plus the settings its type keeps (from ``data_settings``)."""

    name = forms.CharField(label=_("name"), max_length=200)
    text = forms.CharField(
        label=_("question text"), widget=forms.Textarea(attrs={"rows": 6}), help_text=HTML_HELP
    )
    general_feedback = forms.CharField(
        label=_("general feedback"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the review, whatever the answer was."),
    )
    default_mark = forms.DecimalField(
        label=_("default mark"),
        min_value=Decimal("0.01"),
        max_value=1000,
        max_digits=6,
        decimal_places=2,
        initial=Decimal("1"),
    )
    category = CategoryChoiceField(label=_("category"), queryset=category_queryset())
    tags = BankTagField(label=_("tags"), required=False, help_text=_("Separate tags with commas."))

    def __init__(self, *args, type_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.type_code = type_code
        self.model = question_types()[type_code]
        self.fields["category"].queryset = category_queryset()
        for setting, field_name in self.model.data_settings.items():
            model_field = self.model._meta.get_field(field_name)
            form_field = model_field.formfield()
            if isinstance(model_field, TextField):
                form_field.widget = forms.Textarea(attrs={"rows": 3})
            if model_field.has_default() and setting not in self.initial:
                form_field.initial = model_field.get_default()
            self.fields[SETTING_PREFIX + setting] = form_field

    def setting_fields(self):
        return [self[SETTING_PREFIX + setting] for setting in self.model.data_settings]

    def main_fields(self):
        return [self[name] for name in self.fields if not name.startswith(SETTING_PREFIX)]

    @classmethod
    def initial_from(cls, data: QuestionData, category: QuestionCategory) -> dict:
        initial = {
            "name": data.name,
            "text": data.text,
            "general_feedback": data.general_feedback,
            "default_mark": data.default_mark,
            "category": category.pk,
            "tags": tags_as_text(data.tags),
        }
        initial.update({SETTING_PREFIX + key: value for key, value in data.settings.items()})
        return initial

    def to_data(self, *, options: list[OptionData], criteria: list[CriterionData]) -> QuestionData:
        data = self.cleaned_data
        return QuestionData(
            type=self.type_code,
            name=data["name"],
            text=data["text"],
            general_feedback=data.get("general_feedback", ""),
            default_mark=data["default_mark"],
            category_path=data["category"].path_parts,
            tags=list(data.get("tags") or []),
            options=options,
            criteria=criteria,
            settings={
                setting: data[SETTING_PREFIX + setting]
                for setting in self.model.data_settings
                if data.get(SETTING_PREFIX + setting) is not None
            },
        )


class QuestionEditor:
    """The question form with its options and rubric formsets, validated and read as one."""

    def __init__(
        self,
        *,
        type_code: str,
        data=None,
        question_data: QuestionData | None = None,
        category: QuestionCategory | None = None,
    ):
        self.type_code = type_code
        self.layout = editor_layout(type_code)
        initial, options, criteria = {}, [], []
        if question_data is not None and data is None:
            initial = QuestionForm.initial_from(question_data, category)
            options = [OptionForm.initial_for(option) for option in question_data.options]
            criteria = [
                {"title": c.title, "max_points": c.max_points, "guidance": c.guidance}
                for c in question_data.criteria
            ]
        self.form = QuestionForm(data, initial=initial, type_code=type_code)
        self.options = None
        if self.layout.option_columns:
            extra = self.layout.blank_options if not options else 2
            self.options = OptionFormSet(
                data,
                prefix="options",
                initial=options + [{}] * extra if data is None else None,
                form_kwargs={"layout": self.layout},
            )
        self.criteria = None
        if self.layout.rubric:
            self.criteria = CriterionFormSet(
                data,
                prefix="criteria",
                initial=criteria + [{}] * 3 if data is None else None,
            )

    @property
    def formsets(self):
        return [formset for formset in (self.options, self.criteria) if formset is not None]

    def is_valid(self) -> bool:
        results = [self.form.is_valid()] + [formset.is_valid() for formset in self.formsets]
        return all(results)

    def to_data(self) -> QuestionData:
        options = [row.to_data() for row in self.options or ()]
        criteria = [row.to_data() for row in self.criteria or ()]
        return self.form.to_data(
            options=[o for o in options if o is not None],
            criteria=[c for c in criteria if c is not None],
        )


# The bank's list ---------------------------------------------------------------------------


def _type_choices():
    types = sorted(question_types().items(), key=lambda item: formats.TYPE_CODES.index(item[0]))
    return [("", _("All types"))] + [(code, model.type_label()) for code, model in types]


def _tag_choices():
    names = (
        Tag.objects.filter(courses_taggedquestionentry_items__isnull=False)
        .values_list("name", flat=True)
        .distinct()
        .order_by("name")
    )
    return [("", _("All tags"))] + [(name, name) for name in names]


class BankFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=200)
    category = CategoryChoiceField(
        label=_("category"),
        queryset=category_queryset(),
        required=False,
        empty_label=_("All categories"),
    )
    subcategories = forms.BooleanField(label=_("include subcategories"), required=False)
    type = forms.ChoiceField(label=_("type"), required=False)
    tag = forms.ChoiceField(label=_("tag"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = category_queryset()
        self.fields["type"].choices = _type_choices()
        self.fields["tag"].choices = _tag_choices()
