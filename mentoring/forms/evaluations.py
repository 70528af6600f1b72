"""Evaluation forms built from a rubric: one score per dimension on the rubric's scale.

The form checks the input's shape (every dimension scored, each score on the scale);
``evaluation_submit`` decides who may evaluate whom and checks the scores again.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Evaluation

MAX_COMMENT_CHARS = 4_000


class EvaluationStartForm(forms.Form):
    """What to evaluate against: the kind of evaluation and a rubric in use (a GET form)."""

    kind = forms.ChoiceField(label=_("Kind of evaluation"), choices=Evaluation.Kind.choices)
    rubric = forms.ModelChoiceField(
        label=_("Rubric"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose a rubric that is in use.")},
    )

    def __init__(self, *args, rubrics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubric"].queryset = rubrics


class EvaluationForm(forms.Form):
    """A score for each of the rubric's dimensions, and a comment.

    ``rubric`` must come with its dimensions (``rubrics_in_use`` prefetches them in order).
    """

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Strengths, what to work on, and examples you saw."),
    )

    def __init__(self, *args, rubric, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        self.dimensions = list(rubric.dimensions.all())
        scale = [(value, str(value)) for value in range(rubric.scale_min, rubric.scale_max + 1)]
        bounds = {"low": rubric.scale_min, "high": rubric.scale_max}
        scores = {}
        for dimension in self.dimensions:
            scores[self.field_name(dimension)] = forms.TypedChoiceField(
                label=dimension.name,
                help_text=dimension.descriptor,
                choices=scale,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Give “%(dimension)s” a score.") % {"dimension": dimension.name},
                    "invalid_choice": _("Scores run from %(low)d to %(high)d.") % bounds,
                },
            )
        # The scores come first, in the rubric's order, then the comment.
        self.fields = {**scores, "comment": self.fields["comment"]}

    @staticmethod
    def field_name(dimension) -> str:
        return f"score_{dimension.pk}"

    @property
    def score_fields(self):
        """(dimension, bound field) pairs in the rubric's order, for the template."""
        return [(dimension, self[self.field_name(dimension)]) for dimension in self.dimensions]

    def scores(self) -> dict[int, int]:
        """Dimension id to score, once the form is valid."""
        return {d.pk: self.cleaned_data[self.field_name(d)] for d in self.dimensions}
