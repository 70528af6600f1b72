"""Forms for the office's progression admin. They check the input's shape; the progression
services decide what is allowed and do the writing."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.people.models import Community
from lms.widgets import DateInput

from ..models import PromotionReview

MAX_TEXT_CHARS = 4000

# A decision and a review take the same three answers: approve, defer or reject.
OUTCOMES = PromotionReview.Recommendation.choices


def _text_area(rows=4):
    return forms.Textarea(attrs={"rows": rows})


class CohortChoiceForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label=_("cohort"), queryset=None, empty_label=_("Choose a cohort")
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts


class NominationForm(forms.Form):
    statement = forms.CharField(
        label=_("grounds for the nomination"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=_text_area(),
    )


class ReviewForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("recommendation"), choices=OUTCOMES, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("comments"), max_length=MAX_TEXT_CHARS, widget=_text_area())


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("decision"), choices=OUTCOMES, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("reasons"), max_length=MAX_TEXT_CHARS, widget=_text_area())
    decided_on = forms.DateField(
        label=_("decided on"), initial=timezone.localdate, widget=DateInput()
    )

    def clean_decided_on(self):
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError(_("A decision cannot be dated in the future."))
        return decided_on


class AppointmentForm(forms.Form):
    post = forms.CharField(label=_("post"), max_length=100)
    community = forms.ModelChoiceField(label=_("community"), queryset=Community.objects.none())
    effective_on = forms.DateField(
        label=_("effective on"), initial=timezone.localdate, widget=DateInput()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.order_by("name")


def _start_of_year():
    return timezone.localdate().replace(month=1, day=1)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("from"), initial=_start_of_year, widget=DateInput())
    end = forms.DateField(label=_("to"), initial=timezone.localdate, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end date comes before the start date."))
        if start and end and (end - start) > datetime.timedelta(days=3660):
            raise forms.ValidationError(_("Choose a period of at most ten years."))
        return cleaned

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The chosen period, or this year so far while the form is unbound or invalid."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return _start_of_year(), timezone.localdate()
