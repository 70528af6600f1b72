"""The "Mentoring and progression" menu of the Wagtail admin; each area registers its items."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from .admin_hooks import MENTORING_MENU_HOOK, planning, progression  # noqa: F401 (registers)


@hooks.register("register_admin_menu_item")
def mentoring_menu():
    return SubmenuMenuItem(
        _("Mentoring and progression"),
        Menu(register_hook_name=MENTORING_MENU_HOOK),
        name="mentoring",
        icon_name="user",
        order=245,
    )
