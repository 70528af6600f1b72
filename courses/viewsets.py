"""Admin viewsets for the training office: cohorts and default hours targets."""

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from . import services
from .models import Cohort, StageHoursTarget

TRAINING_MENU_HOOK = "register_training_menu_item"


class _ServiceSaveMixin:
    """Saves through a service; its refusals become form errors instead of a 500."""

    save_service = None

    def save_instance(self):
        return self.save_service(actor=self.request.user, instance=self.form.instance)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as refusal:
            if hasattr(refusal, "error_dict"):
                for field, errors in refusal.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, refusal)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class _ServiceCreateView(_ServiceSaveMixin, CreateView):
    pass


class _ServiceEditView(_ServiceSaveMixin, EditView):
    pass


class CohortCreateView(_ServiceCreateView):
    save_service = staticmethod(services.cohort_save)


class CohortEditView(_ServiceEditView):
    save_service = staticmethod(services.cohort_save)


class _MembersColumn(Column):
    def get_value(self, instance):
        url = reverse("courses_office:cohort", args=[instance.pk])
        return format_html(
            '<a href="{}">{} / {}</a>', url, instance.member_count, instance.capacity
        )


class CohortIndexView(IndexView):
    def get_base_queryset(self):
        return Cohort.objects.select_related("programme", "head_mentor").annotate(
            member_count=Count("memberships")
        )


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Small-class cohorts")
    menu_name = "training-cohorts"  # the slug of a Chinese label would be empty
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = CohortIndexView
    add_view_class = CohortCreateView
    edit_view_class = CohortEditView
    list_display = [
        "name",
        "programme",
        _MembersColumn("members", label=_("trainees")),
        "head_mentor",
    ]
    search_fields = ["name"]
    list_filter = ["programme"]
    panels = [
        FieldPanel("programme"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("head_mentor")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("schedule"),
    ]


class StageHoursTargetCreateView(_ServiceCreateView):
    save_service = staticmethod(services.stage_hours_target_save)


class StageHoursTargetEditView(_ServiceEditView):
    save_service = staticmethod(services.stage_hours_target_save)


class StageHoursTargetViewSet(ModelViewSet):
    model = StageHoursTarget
    icon = "time"
    menu_label = _("Default hours targets")
    menu_name = "training-targets"
    add_to_reference_index = False
    copy_view_enabled = False
    add_view_class = StageHoursTargetCreateView
    edit_view_class = StageHoursTargetEditView
    list_display = ["stage", "hours"]
    form_fields = ["stage", "hours"]
