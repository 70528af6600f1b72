"""The office sends set-password links from the people admin: one person from the row's menu,
or everyone selected through the bulk action bar.

People imported from the roster have no password; the link lets them choose one. The bulk
action lists who has no email address, so the office knows whom to call instead.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.menus import MenuItem
from wagtail.users.views.bulk_actions.user_bulk_action import UserBulkAction

from ..selectors import user_is_office_admin
from ..services import password_links_send

ACTION_TYPE = "send_password_link"


def password_link_url(user, *, next_url: str = "") -> str:
    """The confirmation page of the bulk action for one person (the row's menu uses it)."""
    url = reverse("wagtail_bulk_action", args=("people", "user", ACTION_TYPE))
    query = {"id": user.pk, "next": next_url or reverse("wagtailusers_users:index")}
    return f"{url}?{urlencode(query)}"


def password_link_menu_item(user) -> MenuItem:
    return MenuItem(
        _("Send set-password link"), url=password_link_url(user), icon_name="mail", priority=40
    )


class SendPasswordLinkBulkAction(UserBulkAction):
    display_name = _("Send set-password link")
    action_type = ACTION_TYPE
    aria_label = _("Email the selected people a link to set their password")
    template_name = "people/admin/confirm_bulk_password_link.html"
    action_priority = 40
    any_permission_required = ["change"]

    def dispatch(self, request, *args, **kwargs):
        if not user_is_office_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        # As in the user admin, only an administrator deals with administrators' accounts.
        return self.request.user.is_superuser or not obj.is_superuser

    def get_actionable_objects(self):
        objects, without_access = super().get_actionable_objects()
        with_email = [user for user in objects if user.email and user.is_active]
        without_email = [user for user in objects if not (user.email and user.is_active)]
        return with_email, {**without_access, "without_email": without_email}

    def prepare_action(self, objects, objects_without_access):
        self.without_email = objects_without_access["without_email"]

    def get_execution_context(self):
        return {"actor": self.request.user, "language": translation.get_language()}

    @classmethod
    def execute_action(cls, objects, actor=None, language=None, **kwargs):
        sent, _without_email = password_links_send(actor=actor, users=objects, language=language)
        return len(sent), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = ngettext(
            "A set-password link is on its way to %(count)d person.",
            "Set-password links are on their way to %(count)d people.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
        if self.without_email:
            message += " " + _("No email address, so nothing was sent to: %(names)s.") % {
                "names": "、".join(str(user) for user in self.without_email)
            }
        return message
