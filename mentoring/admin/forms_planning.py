"""Forms for the office's mentoring admin: matching, rotation plans and the records the office
keeps (capacities, rubrics, stages, micro-projects). They check input; services write.

The row forms of a proposal or a plan take their choices from lists the view has already read,
so a review page with sixty rows costs no query per row.
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from lms.people.roles import HOST_SECRETARY, MENTOR, TRAINEE

from ..models import (
    HostProfile,
    LivelihoodProject,
    MentorAssignment,
    MentorProfile,
    Rubric,
    Stage,
)


def _people_with_role(role):
    return (
        get_user_model()
        .objects.filter(groups__name=role.group_name, is_active=True)
        .select_related("community")
        .order_by("display_name", "username")
    )


def host_pool() -> list[HostProfile]:
    """Host secretaries taking trainees, with their communities (the plan's row choices)."""
    return list(
        HostProfile.objects.filter(is_active=True, user__community__isnull=False)
        .select_related("user", "user__community")
        .order_by("user__community__name", "user__display_name", "user__username")
    )


# Matching ------------------------------------------------------------------------------------


class MatchingProposeForm(forms.Form):
    starts_on = forms.DateField(label=_("assignments start on"), widget=AdminDateInput)
    include_cross = forms.BooleanField(
        label=_("also propose a cross mentor from another community"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].initial = timezone.localdate()


class _PeopleChoiceField(forms.TypedChoiceField):
    """A choice among people already read; the cleaned value is the person (or None)."""

    def __init__(self, *, people, **kwargs):
        self.people = people
        super().__init__(coerce=int, empty_value=None, required=False, **kwargs)

    def clean(self, value):
        pk = super().clean(value)
        return None if pk is None else self.people[pk]


class MatchingRowForm(forms.Form):
    """Change one trainee's proposed mentors.

    ``mentors`` are the mentor profiles taking trainees, each with ``load`` (trainees now) and
    ``proposed`` (places this proposal adds); ``current`` are the trainee's current
    assignments. The primary mentor may be anyone but the trainee and their current mentors;
    the cross mentor comes from another community. A kind the trainee already has a mentor of
    stays as it is. Capacity is left to the service, whose refusal says who is full.
    """

    def __init__(self, *args, row, mentors, current=(), **kwargs):
        super().__init__(*args, **kwargs)
        trainee = row.trainee
        people = {p.user_id: p.user for p in mentors}
        for person in (row.primary_mentor, row.cross_mentor):
            if person is not None:
                people.setdefault(person.pk, person)
        labels = {p.user_id: _mentor_label(p) for p in mentors}
        mentoring_now = {a.mentor_id for a in current}
        kept = {a.kind for a in current}
        others = [p for p in mentors if p.user_id != trainee.pk and p.user_id not in mentoring_now]
        primary = [p.user_id for p in others]
        cross = [
            p.user_id
            for p in others
            if p.user.community_id is not None and p.user.community_id != trainee.community_id
        ]
        for field, kind, ids, proposed in (
            ("primary_mentor", MentorAssignment.Kind.PRIMARY, primary, row.primary_mentor),
            ("cross_mentor", MentorAssignment.Kind.CROSS, cross, row.cross_mentor),
        ):
            if kind in kept and proposed is None:
                ids, empty = [], _("keeps the current mentor")
            else:
                empty = _("none")
            if proposed is not None and proposed.pk not in ids:
                ids = [proposed.pk, *ids]
            self.fields[field] = _PeopleChoiceField(
                people=people,
                label=_("primary mentor") if field == "primary_mentor" else _("cross mentor"),
                choices=[("", empty)] + [(pk, labels.get(pk, str(people[pk]))) for pk in ids],
                initial=proposed.pk if proposed else "",
            )


def _mentor_label(profile) -> str:
    return _("%(name)s (%(community)s) %(taken)d/%(capacity)d") % {
        "name": profile.user,
        "community": profile.user.community or "—",
        "taken": profile.load + getattr(profile, "proposed", 0),
        "capacity": profile.capacity,
    }


# Rotation plans ------------------------------------------------------------------------------


def _next_monday(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=7 - day.weekday())


class RotationPlanForm(forms.Form):
    k = forms.IntegerField(
        label=_("rotations per trainee"),
        min_value=1,
        max_value=12,
        initial=2,
        help_text=_("Each in a different community, none of them the trainee's own."),
    )
    starts_on = forms.DateField(label=_("first day"), widget=AdminDateInput)
    ends_on = forms.DateField(label=_("last day"), widget=AdminDateInput)
    weeks_per_rotation = forms.IntegerField(
        label=_("weeks per rotation"), min_value=1, max_value=52, initial=4
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        start = _next_monday(timezone.localdate())
        self.fields["starts_on"].initial = start
        self.fields["ends_on"].initial = start + datetime.timedelta(weeks=8, days=-1)

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The last day comes after the first."))
        return data


class PlanRowForm(forms.Form):
    """Send the trainee of one planned rotation to another host, outside their community."""

    def __init__(self, *args, row, hosts, **kwargs):
        super().__init__(*args, **kwargs)
        people = {h.user_id: h.user for h in hosts}
        people.setdefault(row.host_id, row.host)
        ids = [
            h.user_id
            for h in hosts
            if h.user.community_id != row.trainee.community_id and h.user_id != row.trainee_id
        ]
        if row.host_id not in ids:
            ids = [row.host_id, *ids]
        labels = {h.user_id: _host_label(h) for h in hosts}
        self.fields["host"] = _PeopleChoiceField(
            people=people,
            label=_("host secretary"),
            choices=[(pk, labels.get(pk, str(people[pk]))) for pk in ids],
            initial=row.host_id,
        )

    def clean_host(self):
        host = self.cleaned_data["host"]
        if host is None:
            raise forms.ValidationError(_("Choose a host secretary."))
        return host


def _host_label(profile) -> str:
    return _("%(name)s (%(community)s, %(capacity)d at a time)") % {
        "name": profile.user,
        "community": profile.user.community,
        "capacity": profile.capacity,
    }


class PlanConfirmForm(forms.Form):
    objectives = forms.CharField(
        label=_("objectives of the rotations"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Written on every rotation the plan schedules; each can be edited later."),
    )


# Records the office keeps --------------------------------------------------------------------


class _ProfileCreateForm(WagtailAdminModelForm):
    role = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        self.fields["user"].queryset = _people_with_role(self.role).exclude(
            pk__in=model.objects.values("user_id")
        )


class MentorProfileCreateForm(_ProfileCreateForm):
    role = MENTOR

    class Meta:
        model = MentorProfile
        fields = ["user", "capacity", "is_active"]


class MentorProfileEditForm(WagtailAdminModelForm):
    class Meta:
        model = MentorProfile
        fields = ["capacity", "is_active"]


class HostProfileCreateForm(_ProfileCreateForm):
    role = HOST_SECRETARY

    class Meta:
        model = HostProfile
        fields = ["user", "capacity", "is_active"]


class HostProfileEditForm(WagtailAdminModelForm):
    class Meta:
        model = HostProfile
        fields = ["capacity", "is_active"]


class RubricCreateForm(WagtailAdminModelForm):
    dimensions = forms.CharField(
        label=_("dimensions"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One dimension per line, in order. Describe what a high and a low score look like "
            "on the rubric's dimensions page afterwards."
        ),
    )

    class Meta:
        model = Rubric
        fields = ["name", "description", "scale_min", "scale_max"]

    def clean_dimensions(self):
        names = [line.strip() for line in self.cleaned_data["dimensions"].splitlines()]
        names = [name for name in names if name]
        if not names:
            raise forms.ValidationError(_("A rubric needs at least one dimension."))
        if len(set(names)) < len(names):
            raise forms.ValidationError(_("Each dimension is named once."))
        if any(len(name) > 100 for name in names):
            raise forms.ValidationError(_("A dimension's name has at most 100 characters."))
        return names


class RubricEditForm(WagtailAdminModelForm):
    class Meta:
        model = Rubric
        fields = ["name", "description", "scale_min", "scale_max", "is_active"]


class DimensionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("dimension"), max_length=100, required=False)
    descriptor = forms.CharField(
        label=_("descriptor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What a high and a low score look like."),
    )


DimensionFormSet = forms.formset_factory(DimensionForm, extra=2, can_order=True, can_delete=True)


class StageCreateForm(WagtailAdminModelForm):
    class Meta:
        model = Stage
        fields = ["code", "name", "order"]


class StageEditForm(WagtailAdminModelForm):
    class Meta:
        model = Stage
        fields = ["name", "order"]


class LivelihoodProjectForm(WagtailAdminModelForm):
    class Meta:
        model = LivelihoodProject
        fields = ["title", "branch", "lead", "budget", "status", "started_on", "completed_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        leads = _people_with_role(TRAINEE)
        if self.instance.lead_id:
            leads = leads | get_user_model().objects.filter(pk=self.instance.lead_id)
        self.fields["lead"].queryset = leads.distinct()
        self.fields["branch"].queryset = self.fields["branch"].queryset.select_related("community")
        self.fields["completed_on"].help_text = _(
            "Left empty for a completed project, today's date is taken."
        )

    def clean(self):
        # The default of ``livelihood_project_set_status``: a project marked completed without
        # a date was completed today (the model requires the date).
        data = super().clean()
        completed = data.get("status") == LivelihoodProject.Status.COMPLETED
        if completed and not data.get("completed_on"):
            data["completed_on"] = timezone.localdate()
        return data
