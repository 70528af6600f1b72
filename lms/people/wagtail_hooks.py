"""The office's admin for people and organisations: one menu, "People and organisations"."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .viewsets import PEOPLE_MENU_HOOK, OrganisationViewSetGroup
from .viewsets.password_links import SendPasswordLinkBulkAction

hooks.register("register_bulk_action", SendPasswordLinkBulkAction)


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return OrganisationViewSetGroup()


@hooks.register("register_admin_urls")
def register_roster_urls():
    return [path("people/roster/", include("lms.people.admin_urls"))]


class _RosterMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("people.add_user")


@hooks.register(PEOPLE_MENU_HOOK)
def roster_menu_item():
    return _RosterMenuItem(
        _("Import people"),
        reverse("people_roster:upload"),
        name="people-roster-import",
        icon_name="upload",
        order=70,
    )
