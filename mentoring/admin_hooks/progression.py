"""Admin for readiness, promotion cases and their figures."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.people.roles import VIEW_PROMOTION_CASES, VIEW_READINESS_BOARD

from . import MENTORING_MENU_HOOK


class _OfficeMenuItem(MenuItem):
    """Shown to those who hold ``permission``: the pages behind it ask for the same one."""

    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_urls")
def register_progression_urls():
    return [path("mentoring/progression/", include("mentoring.admin.progression_urls"))]


@hooks.register(MENTORING_MENU_HOOK)
def readiness_board_menu_item():
    return _OfficeMenuItem(
        _("Readiness board"),
        reverse("mentoring_progression:board"),
        permission=VIEW_READINESS_BOARD,
        name="mentoring-readiness-board",
        icon_name="tasks",
        order=200,
    )


@hooks.register(MENTORING_MENU_HOOK)
def promotion_cases_menu_item():
    return _OfficeMenuItem(
        _("Promotion cases"),
        reverse("mentoring_progression:cases"),
        permission=VIEW_PROMOTION_CASES,
        name="mentoring-promotion-cases",
        icon_name="clipboard-list",
        order=210,
    )


@hooks.register(MENTORING_MENU_HOOK)
def promotion_figures_menu_item():
    return _OfficeMenuItem(
        _("Promotion figures"),
        reverse("mentoring_progression:figures"),
        permission=VIEW_PROMOTION_CASES,
        name="mentoring-promotion-figures",
        icon_name="table",
        order=220,
    )
