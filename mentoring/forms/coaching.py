"""Forms of the coaching log: a session with its agreed actions, an action's status, and the
trainee's acknowledgement. They validate what a person typed; ``mentoring.services.coaching``
decides who may do what and writes."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.widgets import DateInput

from ..models import AgreedAction, CoachingSession

MAX_ACTIONS = 10


class CoachingSessionForm(forms.Form):
    """One session as the mentor records it. The office, which logs for a mentor, also names
    which of the trainee's current mentors held it (``mentors``)."""

    mentor = forms.TypedChoiceField(label=_("Mentor who held the session"), coerce=int)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=600, initial=60
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=CoachingSession.Mode.choices)
    topics = forms.CharField(label=_("Topics"), max_length=300)
    summary = forms.CharField(
        label=_("Summary for the trainee"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The trainee reads this on their mentoring page."),
    )
    private_notes = forms.CharField(
        label=_("Private notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen by you and the training office only."),
    )

    def __init__(self, *args, mentors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.mentors = {mentor.pk: mentor for mentor in mentors or ()}
        if self.mentors:
            self.fields["mentor"].choices = [(pk, str(m)) for pk, m in self.mentors.items()]
        else:
            del self.fields["mentor"]
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("A session cannot be logged before it is held."))
        return held_on

    def clean_mentor(self):
        return self.mentors[self.cleaned_data["mentor"]]

    def session_fields(self) -> dict:
        """The keyword arguments of ``coaching_session_log`` this form supplies."""
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in ("held_on", "duration_minutes", "mode", "topics", "summary")
        }
        fields["private_notes"] = data["private_notes"]
        if "mentor" in data:
            fields["mentor"] = data["mentor"]
        return fields


class AgreedActionForm(forms.Form):
    description = forms.CharField(label=_("Agreed action"), max_length=300)
    owner = forms.ChoiceField(
        label=_("Who does it"),
        choices=AgreedAction.Owner.choices,
        initial=AgreedAction.Owner.TRAINEE,
    )
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())

    def action_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("description", "owner", "due_on")}


class BaseAgreedActionFormSet(forms.BaseFormSet):
    def agreed_actions(self) -> list[dict]:
        """The actions filled in (rows left blank are skipped), for ``coaching_session_log``."""
        return [form.action_fields() for form in self.forms if form.has_changed()]


AgreedActionFormSet = forms.formset_factory(
    AgreedActionForm,
    formset=BaseAgreedActionFormSet,
    extra=3,
    max_num=MAX_ACTIONS,
    validate_max=True,
    absolute_max=MAX_ACTIONS,
)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AgreedAction.Status.choices)


class AcknowledgeForm(forms.Form):
    reflection = forms.CharField(
        label=_("My reflection"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you take from the session; your mentor reads it."),
    )
