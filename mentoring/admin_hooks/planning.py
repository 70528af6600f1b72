"""Admin for matching mentors and planning rotations, and for what the office keeps for them:
mentors' and hosts' capacities, rubrics, livelihood micro-projects and progression stages."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from lms.people.roles import PLAN_MENTORING

from ..admin.criteria import criteria_viewsets
from ..admin.viewsets import POLICY_MODELS, OfficeKeepsRecordsPolicy, mentoring_viewsets
from . import MENTORING_MENU_HOOK

for _model in POLICY_MODELS:
    register_permission_policy(_model, OfficeKeepsRecordsPolicy(_model))


class _OfficeMenuItem(MenuItem):
    """Shown to those who hold ``permission``: the pages behind it ask for the same one."""

    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_viewset")
def register_planning_viewsets():
    return [*mentoring_viewsets(), *criteria_viewsets()]


@hooks.register("register_admin_urls")
def register_planning_urls():
    return [path("mentoring/planning/", include("mentoring.admin.planning_urls"))]


@hooks.register(MENTORING_MENU_HOOK)
def planning_menu_item():
    return _OfficeMenuItem(
        _("Mentor matching and rotation plans"),
        reverse("mentoring_planning:cohorts"),
        permission=PLAN_MENTORING,
        name="mentoring-planning",
        icon_name="group",
        order=10,
    )
