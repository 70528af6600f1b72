"""Admin for the promotion criteria: what each step up between stages asks of a trainee.

``Criterion`` is polymorphic, one model per kind. The office sees every criterion in one list
(``mentoring_criteria``); "Add" first asks which kind, then opens that kind's own form. Each
kind has a ``ModelViewSet`` of its own with no menu item (``mentoring_criteria_<kind>``) for
adding, editing and deleting; saves and deletions go through ``criterion_save`` and
``criterion_delete``.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import RedirectView, TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from cms.models.programme import CoursePage
from courses.admin_policies import OfficeOnlyPolicy
from lms.people.roles import PLAN_MENTORING

from .. import services
from ..admin_hooks import MENTORING_MENU_HOOK
from ..models import (
    CoursesCompletedCriterion,
    Criterion,
    EvaluationAverageCriterion,
    LearningHoursCriterion,
    LivelihoodProjectCriterion,
    MentorSignOffCriterion,
    QuizPassedCriterion,
    RotationsCompletedCriterion,
    Rubric,
    Stage,
    StarRatingCriterion,
)
from .viewsets import _ServiceCreateView, _ServiceEditView

INDEX_URL_NAME = "mentoring_criteria:index"

# (url slug, model, fields of its form), in the order the office is offered them.
KINDS = [
    ("courses", CoursesCompletedCriterion, ["courses"]),
    ("hours", LearningHoursCriterion, ["hours", "within_days"]),
    ("rotations", RotationsCompletedCriterion, ["count"]),
    ("evaluation", EvaluationAverageCriterion, ["rubric", "kind", "minimum", "minimum_count"]),
    ("signoff", MentorSignOffCriterion, []),
    ("quiz", QuizPassedCriterion, ["activity"]),
    ("project", LivelihoodProjectCriterion, ["count", "completed_only"]),
    ("stars", StarRatingCriterion, ["minimum_stars"]),
]
_SLUG_OF = {model: slug for slug, model, _fields in KINDS}


def kind_namespace(model) -> str:
    return f"mentoring_criteria_{_SLUG_OF[model]}"


def _real(criterion):
    return criterion.get_real_instance() if type(criterion) is Criterion else criterion


def register_criteria_policies():
    """Office only, like the rest of the mentoring configuration; criteria may be deleted."""
    for model in [Criterion, *(model for _slug, model, _fields in KINDS)]:
        register_permission_policy(model, OfficeOnlyPolicy(model, PLAN_MENTORING))


# Forms ---------------------------------------------------------------------------------------


class CriterionForm(WagtailAdminModelForm):
    """The step and order every kind has; each kind's form adds its own fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first = Stage.objects.order_by("order").first()
        stages = Stage.objects.order_by("order")
        self.fields["to_stage"].queryset = stages.exclude(pk=first.pk) if first else stages
        if "courses" in self.fields:
            self.fields["courses"].queryset = Page.objects.type(CoursePage).order_by("path")
            self.fields["courses"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["courses"].choices
            )
        if "activity" in self.fields:
            self.fields["activity"].queryset = Page.objects.filter(depth__gt=2).order_by("path")
        if "rubric" in self.fields:
            self.fields["rubric"].queryset = Rubric.objects.filter(
                Q(is_active=True) | Q(pk=getattr(self.instance, "rubric_id", None))
            ).order_by("name")
        if "hours" in self.fields:
            self.fields["hours"].validators.append(MinValueValidator(Decimal("0.1")))
            self.fields["hours"].widget.attrs["min"] = "0.1"


def _form_class(model, fields):
    meta = type("Meta", (), {"model": model, "fields": ["to_stage", *fields, "sort_order"]})
    return type(f"{model.__name__}Form", (CriterionForm,), {"Meta": meta})


# Saving and deleting through the services ----------------------------------------------------


class _CriterionSaveMixin:
    def save_instance(self):
        data = self.form.cleaned_data
        return services.criterion_save(
            actor=self.request.user, instance=self.form.instance, courses=data.get("courses")
        )

    def get_success_url(self):
        return reverse(INDEX_URL_NAME)


class CriterionCreateView(_CriterionSaveMixin, _ServiceCreateView):
    pass


class CriterionEditView(_CriterionSaveMixin, _ServiceEditView):
    pass


class CriterionDeleteView(DeleteView):
    def delete_action(self):
        services.criterion_delete(actor=self.request.user, criterion=self.object)

    def get_success_url(self):
        return reverse(INDEX_URL_NAME)


class _KindViewSet(ModelViewSet):
    """Add, edit and delete one kind of criterion; listed with the others, no menu item."""

    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    add_view_class = CriterionCreateView
    edit_view_class = CriterionEditView
    delete_view_class = CriterionDeleteView
    icon = "tick-inverse"
    sort_order_field = None
    kind_fields = ()

    def get_form_class(self, for_update=False):
        return _form_class(self.model, self.kind_fields)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"index_url_name": INDEX_URL_NAME, **kwargs})

    @property
    def index_view(self):
        return RedirectView.as_view(pattern_name=INDEX_URL_NAME)

    @property
    def index_results_view(self):
        return RedirectView.as_view(pattern_name=INDEX_URL_NAME)


# The list of every criterion, and the choice of kind -----------------------------------------


class CriterionIndexView(IndexView):
    def get_base_queryset(self):
        return Criterion.objects.select_related("to_stage")

    def get_edit_url(self, instance):
        if self.user_has_permission("change"):
            return reverse(f"{kind_namespace(type(_real(instance)))}:edit", args=[instance.pk])

    def get_delete_url(self, instance):
        if self.user_has_permission("delete"):
            return reverse(f"{kind_namespace(type(_real(instance)))}:delete", args=[instance.pk])


def _kind_label(criterion):
    return capfirst(_real(criterion).get_real_instance_class()._meta.verbose_name)


def _description(criterion):
    real = _real(criterion)
    describe = getattr(real, "describe", None) or getattr(real, "label", None)
    try:
        return describe() if callable(describe) else str(real)
    except NotImplementedError:
        return str(real._meta.verbose_name)


_CHOOSE_KIND = engines["django"].from_string(
    """{% extends "wagtailadmin/generic/base.html" %}
{% block main_content %}
<p>{{ intro }}</p>
<ul class="listing">
{% for kind in kinds %}
    <li><a href="{{ kind.url }}"><strong>{{ kind.label }}</strong></a></li>
{% endfor %}
</ul>
{% endblock %}"""
)


class CriterionKindChoiceView(WagtailAdminTemplateMixin, TemplateView):
    """ "Add" on the list: which kind of criterion? Each links to that kind's form."""

    header_icon = "tick-inverse"

    def render_to_response(self, context, **response_kwargs):
        # The template is built here from a string, so it is passed whole, not by name.
        return self.response_class(
            request=self.request, template=_CHOOSE_KIND, context=context, **response_kwargs
        )

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PLAN_MENTORING):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Add a promotion criterion")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(INDEX_URL_NAME),
                "label": capfirst(Criterion._meta.verbose_name_plural),
            },
            {"url": "", "label": _("Choose the kind")},
        ]

    def get_context_data(self, **kwargs):
        kinds = [
            {
                "label": capfirst(model._meta.verbose_name),
                "url": reverse(f"{kind_namespace(model)}:add"),
            }
            for _slug, model, _fields in KINDS
        ]
        return super().get_context_data(
            intro=_("Which kind of criterion should the step ask for?"), kinds=kinds, **kwargs
        )


class CriterionViewSet(ModelViewSet):
    """Every promotion criterion, whatever its kind, with the step it belongs to."""

    menu_name = "promotion-criteria"  # the same in every language

    model = Criterion
    icon = "tick-inverse"
    menu_label = gettext_lazy("Promotion criteria")
    menu_order = 55
    menu_hook = MENTORING_MENU_HOOK
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    sort_order_field = None
    index_view_class = CriterionIndexView
    add_view_class = CriterionKindChoiceView
    list_display = [
        Column("kind", label=gettext_lazy("kind"), accessor=_kind_label),
        Column("description", label=gettext_lazy("what it asks"), accessor=_description),
        Column("to_stage", label=gettext_lazy("for the step into"), sort_key="to_stage__order"),
        Column("sort_order", label=gettext_lazy("order")),
    ]
    list_filter = ["to_stage"]
    ordering = ["to_stage__order", "sort_order", "id"]
    form_fields = ["to_stage", "sort_order"]

    @property
    def add_view(self):
        return CriterionKindChoiceView.as_view()

    @property
    def edit_view(self):
        return _redirect_to_kind("edit")

    @property
    def delete_view(self):
        return _redirect_to_kind("delete")


def _redirect_to_kind(action):
    def view(request, pk):
        criterion = get_object_or_404(Criterion, pk=pk)
        return RedirectView.as_view(
            url=reverse(f"{kind_namespace(type(_real(criterion)))}:{action}", args=[pk])
        )(request)

    return view


def criteria_viewsets():
    register_criteria_policies()
    return [
        CriterionViewSet("mentoring_criteria", url_prefix="mentoring/criteria"),
        *(
            type(
                f"{model.__name__}ViewSet", (_KindViewSet,), {"model": model, "kind_fields": fields}
            )(kind_namespace(model), url_prefix=f"mentoring/criteria/{slug}")
            for slug, model, fields in KINDS
        ),
    ]
