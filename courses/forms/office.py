"""Forms for the office's training admin. They validate input; services do the writing."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.people.roles import TRAINEE
from lms.widgets import DateInput

from ..enrolment_roster import MAX_FILE_BYTES
from ..models import Cohort, StageHoursTarget


def _trainees():
    return (
        get_user_model()
        .objects.filter(groups__name=TRAINEE.group_name, is_active=True)
        .order_by("display_name", "username")
    )


class EnrolPersonForm(forms.Form):
    trainee = forms.ModelChoiceField(label=_("trainee"), queryset=_trainees())
    cohort = forms.ModelChoiceField(
        label=_("cohort"), queryset=Cohort.objects.none(), required=False
    )

    def __init__(self, *args, programme_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = _trainees()
        self.fields["cohort"].queryset = Cohort.objects.filter(programme_id=programme_id)


class EnrolCohortForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("cohort"), queryset=Cohort.objects.none())

    def __init__(self, *args, programme_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.filter(programme_id=programme_id)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=200)


class EnrolmentSheetForm(forms.Form):
    sheet = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_sheet(self):
        sheet = self.cleaned_data["sheet"]
        if sheet.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return sheet


class DateRangeForm(forms.Form):
    start = forms.DateField(label=_("from"), widget=DateInput())
    end = forms.DateField(label=_("to"), widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end date comes before the start date."))
        if start and end and (end - start) > datetime.timedelta(days=3660):
            raise forms.ValidationError(_("Choose a period of at most ten years."))
        return cleaned


class HoursCreditForm(forms.Form):
    trainee = forms.ModelChoiceField(label=_("trainee"), queryset=_trainees())
    hours = forms.DecimalField(
        label=_("hours"), max_digits=4, decimal_places=1, min_value=-99, max_value=99
    )
    earned_on = forms.DateField(label=_("date"), initial=timezone.localdate, widget=DateInput())
    reason = forms.CharField(label=_("reason"), max_length=200)
    correction = forms.BooleanField(
        label=_("this is a correction (may be negative)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = _trainees()


class CohortMemberForm(forms.Form):
    trainee = forms.ModelChoiceField(label=_("trainee"), queryset=_trainees())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = _trainees()


class StageHoursTargetForm(forms.ModelForm):
    class Meta:
        model = StageHoursTarget
        fields = ["stage", "hours"]
