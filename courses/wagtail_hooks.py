"""The training office's menu in the Wagtail admin: courses and enrolments, cohorts, hours."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from lms.people.roles import is_office

from .admin_policies import OfficeOnlyPolicy
from .models import Cohort, StageHoursTarget
from .viewsets import TRAINING_MENU_HOOK, CohortViewSet, StageHoursTargetViewSet

for _model in (Cohort, StageHoursTarget):
    register_permission_policy(_model, OfficeOnlyPolicy(_model))


class _OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office(request.user)


class TrainingViewSetGroup(ModelViewSetGroup):
    menu_label = _("Training")
    menu_icon = "group"
    menu_order = 240
    submenu_hook = TRAINING_MENU_HOOK
    items = (
        CohortViewSet("training_cohorts", url_prefix="training/cohorts"),
        StageHoursTargetViewSet("training_targets", url_prefix="training/targets"),
    )


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()


@hooks.register("register_admin_urls")
def register_training_urls():
    return [path("training/", include("courses.admin_urls"))]


@hooks.register(TRAINING_MENU_HOOK)
def courses_menu_item():
    return _OfficeMenuItem(
        _("Courses and enrolments"),
        reverse("courses_office:courses"),
        name="training-courses",
        icon_name="doc-full-inverse",
        order=10,
    )


@hooks.register(TRAINING_MENU_HOOK)
def hours_menu_item():
    return _OfficeMenuItem(
        _("Learning hours"),
        reverse("courses_office:hours"),
        name="training-hours",
        icon_name="time",
        order=40,
    )
