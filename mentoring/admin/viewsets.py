"""Admin viewsets for what the office keeps in the mentoring app: mentors' and hosts'
capacities, evaluation rubrics with their dimensions, livelihood micro-projects (民生微实事) and
the progression stages.

Every save goes through a service (a refusal becomes a form error, as in ``courses.viewsets``).
Nothing here is deleted: a profile stops taking trainees, a rubric goes out of use, a project
is cancelled, and the records pointing at them stay whole. ``OfficeKeepsRecordsPolicy`` is
the office-only policy without the delete permission.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from courses.admin_policies import OfficeOnlyPolicy
from courses.viewsets import _ServiceSaveMixin
from lms.people.models import Community
from lms.people.roles import PLAN_MENTORING

from .. import services
from ..admin_hooks import MENTORING_MENU_HOOK
from ..models import (
    HostProfile,
    LivelihoodProject,
    MentorProfile,
    Rotation,
    Rubric,
    Stage,
    current_assignment_q,
)
from .forms_planning import (
    DimensionFormSet,
    HostProfileCreateForm,
    HostProfileEditForm,
    LivelihoodProjectForm,
    MentorProfileCreateForm,
    MentorProfileEditForm,
    RubricCreateForm,
    RubricEditForm,
    StageCreateForm,
    StageEditForm,
)


class OfficeKeepsRecordsPolicy(OfficeOnlyPolicy):
    """Those who plan mentoring add and change these records; nobody deletes them."""

    def __init__(self, model, permission: str = PLAN_MENTORING):
        super().__init__(model, permission)

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(action != "delete" for action in actions) and super().user_has_any_permission(
            user, actions
        )

    def users_with_any_permission(self, actions):
        if all(action == "delete" for action in actions):
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


POLICY_MODELS = (MentorProfile, HostProfile, Rubric, LivelihoodProject, Stage)


def _values(form, *names):
    return {name: form.cleaned_data[name] for name in names}


class _ServiceCreateView(_ServiceSaveMixin, CreateView):
    pass


class _ServiceEditView(_ServiceSaveMixin, EditView):
    pass


def _community_filterset(model, *, field="user__community", fields=()):
    """A filter set with the community of the person (or branch) the record belongs to."""
    meta = type("Meta", (), {"model": model, "fields": list(fields)})
    community = django_filters.ModelChoiceFilter(
        field_name=field,
        label=gettext_lazy("community"),
        queryset=Community.objects.order_by("name"),
    )
    return type(
        f"{model.__name__}FilterSet", (WagtailFilterSet,), {"Meta": meta, "community": community}
    )


class _MentoringViewSet(ModelViewSet):
    add_to_reference_index = False
    copy_view_enabled = False
    menu_hook = MENTORING_MENU_HOOK
    edit_form_class = None
    create_form_class = None

    def get_form_class(self, for_update=False):
        return self.edit_form_class if for_update else self.create_form_class


# Mentors and hosts ---------------------------------------------------------------------------


class MentorProfileIndexView(IndexView):
    def get_base_queryset(self):
        return MentorProfile.objects.select_related("user", "user__community").annotate(
            load=Count(
                "user__mentee_assignments",
                filter=current_assignment_q(prefix="user__mentee_assignments__"),
            )
        )


class MentorProfileCreateView(_ServiceCreateView):
    def save_instance(self):
        return services.mentor_profile_set(
            actor=self.request.user, **_values(self.form, "user", "capacity", "is_active")
        )


class MentorProfileEditView(_ServiceEditView):
    def save_instance(self):
        return services.mentor_profile_set(
            actor=self.request.user,
            user=self.object.user,
            **_values(self.form, "capacity", "is_active"),
        )


class MentorProfileViewSet(_MentoringViewSet):
    """Who mentors, and how many trainees at once (primary and cross mentees both count)."""

    menu_name = "mentors-and-capacities"  # the same in every language

    model = MentorProfile
    icon = "user"
    menu_label = gettext_lazy("Mentors and capacities")
    menu_order = 20
    index_view_class = MentorProfileIndexView
    add_view_class = MentorProfileCreateView
    edit_view_class = MentorProfileEditView
    create_form_class = MentorProfileCreateForm
    edit_form_class = MentorProfileEditForm
    list_display = [
        "user",
        Column("community", label=gettext_lazy("community"), accessor="user.community"),
        Column("load", label=gettext_lazy("trainees now"), sort_key="load"),
        "capacity",
        BooleanColumn("is_active", label=gettext_lazy("takes new trainees")),
    ]
    search_fields = ["user__display_name", "user__username"]
    filterset_class = _community_filterset(MentorProfile, fields=["is_active"])
    ordering = ["user__display_name", "user__username"]


class HostProfileIndexView(IndexView):
    def get_base_queryset(self):
        today = timezone.localdate()
        return HostProfile.objects.select_related("user", "user__community").annotate(
            hosting=Count(
                "user__hosted_rotations",
                filter=Q(
                    user__hosted_rotations__status=Rotation.Status.SCHEDULED,
                    user__hosted_rotations__starts_on__lte=today,
                    user__hosted_rotations__ends_on__gte=today,
                ),
            )
        )


class HostProfileCreateView(_ServiceCreateView):
    def save_instance(self):
        return services.host_profile_set(
            actor=self.request.user, **_values(self.form, "user", "capacity", "is_active")
        )


class HostProfileEditView(_ServiceEditView):
    def save_instance(self):
        return services.host_profile_set(
            actor=self.request.user,
            user=self.object.user,
            **_values(self.form, "capacity", "is_active"),
        )


class HostProfileViewSet(_MentoringViewSet):
    """Host secretaries for shadowing rotations, and how many trainees each takes at a time."""

    menu_name = "host-secretaries-and-capacities"  # the same in every language

    model = HostProfile
    icon = "home"
    menu_label = gettext_lazy("Host secretaries and capacities")
    menu_order = 21
    index_view_class = HostProfileIndexView
    add_view_class = HostProfileCreateView
    edit_view_class = HostProfileEditView
    create_form_class = HostProfileCreateForm
    edit_form_class = HostProfileEditForm
    list_display = [
        "user",
        Column("community", label=gettext_lazy("community"), accessor="user.community"),
        Column("hosting", label=gettext_lazy("trainees now"), sort_key="hosting"),
        "capacity",
        BooleanColumn("is_active", label=gettext_lazy("takes trainees")),
    ]
    search_fields = ["user__display_name", "user__username"]
    filterset_class = _community_filterset(HostProfile, fields=["is_active"])
    ordering = ["user__display_name", "user__username"]


# Rubrics -------------------------------------------------------------------------------------


class RubricIndexView(IndexView):
    def get_base_queryset(self):
        return Rubric.objects.annotate(dimension_count=Count("dimensions"))


class RubricCreateView(_ServiceCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.rubric_create(
            actor=self.request.user,
            dimensions=[(name, "") for name in data["dimensions"]],
            **_values(self.form, "name", "description", "scale_min", "scale_max"),
        )

    def get_success_url(self):
        return reverse("mentoring_rubrics:dimensions", args=[self.object.pk])


class RubricEditView(_ServiceEditView):
    def save_instance(self):
        return services.rubric_update(
            actor=self.request.user,
            rubric=self.object,
            **_values(self.form, "name", "description", "scale_min", "scale_max", "is_active"),
        )

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Dimensions"),
                url=reverse("mentoring_rubrics:dimensions", args=[self.object.pk]),
                icon_name="list-ul",
            ),
        ]


class _DimensionsColumn(Column):
    def get_value(self, instance):
        url = reverse("mentoring_rubrics:dimensions", args=[instance.pk])
        return format_html('<a href="{}">{}</a>', url, instance.dimension_count)


class RubricDimensionsView(WagtailAdminTemplateMixin, TemplateView):
    """The rubric's dimensions and descriptors, in order. ``Rubric`` is a plain model (not a
    ``ClusterableModel``), so they are edited on this page rather than in an inline panel."""

    template_name = "mentoring/admin/planning/rubric_dimensions.html"
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        if not OfficeKeepsRecordsPolicy(Rubric).user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.rubric = get_object_or_404(Rubric, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Dimensions of “%(rubric)s”") % {"rubric": self.rubric.name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("mentoring_rubrics:index"), "label": Rubric._meta.verbose_name_plural},
            {"url": reverse("mentoring_rubrics:edit", args=[self.rubric.pk]), "label": self.rubric},
            {"url": "", "label": _("Dimensions")},
        ]

    def _formset(self, data=None):
        initial = [
            {"id": d.pk, "name": d.name, "descriptor": d.descriptor, "ORDER": i + 1}
            for i, d in enumerate(self.rubric.dimensions.order_by("sort_order", "pk"))
        ]
        return DimensionFormSet(data, initial=initial, prefix="dimensions")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self._formset())
        return super().get_context_data(rubric=self.rubric, **kwargs)

    def post(self, request, *args, **kwargs):
        formset = self._formset(request.POST)
        if formset.is_valid():
            kept = [
                form.cleaned_data
                for form in formset.ordered_forms
                if not form.cleaned_data.get("DELETE")
                and (form.cleaned_data.get("id") or form.cleaned_data.get("name"))
            ]
            try:
                services.rubric_dimensions_set(
                    actor=request.user,
                    rubric=self.rubric,
                    dimensions=[(d["id"], d["name"], d["descriptor"]) for d in kept],
                )
            except ValidationError as refusal:
                messages.error(request, " ".join(refusal.messages))
            else:
                messages.success(
                    request,
                    _("The dimensions of “%(rubric)s” are saved.") % {"rubric": self.rubric.name},
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(formset=formset))


class RubricViewSet(_MentoringViewSet):
    """Rubric templates: a scale and the dimensions scored on it, each with its descriptor."""

    menu_name = "evaluation-rubrics"  # the same in every language

    model = Rubric
    icon = "form"
    menu_label = gettext_lazy("Evaluation rubrics")
    menu_order = 30
    index_view_class = RubricIndexView
    add_view_class = RubricCreateView
    edit_view_class = RubricEditView
    create_form_class = RubricCreateForm
    edit_form_class = RubricEditForm
    list_display = [
        "name",
        Column("scale_min", label=gettext_lazy("lowest score")),
        Column("scale_max", label=gettext_lazy("highest score")),
        _DimensionsColumn("dimension_count", label=gettext_lazy("dimensions")),
        BooleanColumn("is_active", label=gettext_lazy("in use")),
    ]
    search_fields = ["name"]
    list_filter = ["is_active"]

    @property
    def dimensions_view(self):
        return RubricDimensionsView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<id:pk>/dimensions/", self.dimensions_view, name="dimensions"),
        ]


# Livelihood micro-projects -------------------------------------------------------------------

_PROJECT_FIELDS = ("title", "branch", "lead", "budget", "status", "started_on", "completed_on")


class LivelihoodProjectCreateView(_ServiceCreateView):
    def save_instance(self):
        return services.livelihood_project_record(
            actor=self.request.user, **_values(self.form, *_PROJECT_FIELDS)
        )


class LivelihoodProjectEditView(_ServiceEditView):
    def save_instance(self):
        return services.livelihood_project_update(
            actor=self.request.user, project=self.object, **_values(self.form, *_PROJECT_FIELDS)
        )


class LivelihoodProjectIndexView(IndexView):
    def get_base_queryset(self):
        return LivelihoodProject.objects.select_related("branch", "branch__community", "lead")


class LivelihoodProjectViewSet(_MentoringViewSet):
    """Livelihood micro-projects (民生微实事) led by trainees through a compound branch."""

    menu_name = "livelihood-micro-projects"  # the same in every language

    model = LivelihoodProject
    icon = "tasks"
    menu_label = gettext_lazy("Livelihood micro-projects")
    menu_order = 40
    index_view_class = LivelihoodProjectIndexView
    add_view_class = LivelihoodProjectCreateView
    edit_view_class = LivelihoodProjectEditView
    create_form_class = LivelihoodProjectForm
    edit_form_class = LivelihoodProjectForm
    list_display = ["title", "branch", "lead", "budget", "status", "started_on", "completed_on"]
    search_fields = ["title", "lead__display_name", "lead__username", "branch__name"]
    filterset_class = _community_filterset(
        LivelihoodProject, field="branch__community", fields=["status"]
    )


# Progression stages --------------------------------------------------------------------------


class StageCreateView(_ServiceCreateView):
    def save_instance(self):
        return services.stage_create(
            actor=self.request.user, **_values(self.form, "code", "name", "order")
        )


class StageEditView(_ServiceEditView):
    def save_instance(self):
        return services.stage_update(
            actor=self.request.user, stage=self.object, **_values(self.form, "name", "order")
        )


class StageViewSet(_MentoringViewSet):
    """The stages of the path (学员 → 后备干部 → 社区党委副书记 → 社区党委书记), in order."""

    menu_name = "progression-stages"  # the same in every language

    model = Stage
    icon = "order"
    menu_label = gettext_lazy("Progression stages")
    menu_order = 50
    add_view_class = StageCreateView
    edit_view_class = StageEditView
    create_form_class = StageCreateForm
    edit_form_class = StageEditForm
    list_display = ["order", "name", "code"]
    ordering = ["order"]
    sort_order_field = None


def mentoring_viewsets():
    return [
        MentorProfileViewSet("mentoring_mentors", url_prefix="mentoring/mentors"),
        HostProfileViewSet("mentoring_hosts", url_prefix="mentoring/hosts"),
        RubricViewSet("mentoring_rubrics", url_prefix="mentoring/rubrics"),
        LivelihoodProjectViewSet("mentoring_projects", url_prefix="mentoring/projects"),
        StageViewSet("mentoring_stages", url_prefix="mentoring/stages"),
    ]
