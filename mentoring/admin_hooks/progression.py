"""Admin for readiness, promotion cases and their figures."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.people.roles import is_office

from . import MENTORING_MENU_HOOK


class _OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office(request.user)


@hooks.register("register_admin_urls")
def register_progression_urls():
    return [path("mentoring/progression/", include("mentoring.admin.progression_urls"))]


@hooks.register(MENTORING_MENU_HOOK)
def readiness_board_menu_item():
    return _OfficeMenuItem(
        _("Readiness board"),
        reverse("mentoring_progression:board"),
        name="mentoring-readiness-board",
        icon_name="tasks",
        order=200,
    )


@hooks.register(MENTORING_MENU_HOOK)
def promotion_cases_menu_item():
    return _OfficeMenuItem(
        _("Promotion cases"),
        reverse("mentoring_progression:cases"),
        name="mentoring-promotion-cases",
        icon_name="clipboard-list",
        order=210,
    )


@hooks.register(MENTORING_MENU_HOOK)
def promotion_figures_menu_item():
    return _OfficeMenuItem(
        _("Promotion figures"),
        reverse("mentoring_progression:figures"),
        name="mentoring-promotion-figures",
        icon_name="table",
        order=220,
    )
