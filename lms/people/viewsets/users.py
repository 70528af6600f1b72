"""Wagtail's user admin with the studio's profile fields, community and roles.

It stays Wagtail's own viewset (registered by ``wagtail.users`` through
``PeopleUsersConfig.user_viewset``), so bulk actions, the avatar and password handling keep
working; only the forms, the listing and the menu placement change.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.forms import CheckboxSelectMultiple
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.users.views import users as wagtail_users

from ..forms import StudioUserCreationForm, StudioUserEditForm
from ..models import Community
from ..selectors import user_is_office_admin
from .password_links import password_link_menu_item

# Menu items registered under this hook appear in the "People and organisations" menu.
PEOPLE_MENU_HOOK = "register_people_menu_item"


class StudioUserFilterSet(wagtail_users.UserFilterSet):
    community = django_filters.ModelMultipleChoiceFilter(
        label=_("community"),
        queryset=Community.objects.all(),
        widget=CheckboxSelectMultiple,
    )

    class Meta(wagtail_users.UserFilterSet.Meta):
        fields = []


class StudioUserIndexView(wagtail_users.IndexView):
    page_title = _("People")
    search_fields = ["username", "display_name", "mobile", "email"]

    @cached_property
    def columns(self):
        columns = list(super().columns)
        position = next(i for i, c in enumerate(columns) if c.name == "is_superuser")
        columns[position:position] = [
            Column(
                "community",
                label=_("community"),
                sort_key="community__name",
                width="15%",
            ),
            Column(
                "roles",
                accessor=lambda user: "、".join(group.name for group in user.groups.all()),
                label=_("roles"),
                width="15%",
            ),
        ]
        return columns

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("add"):
            buttons.append(
                HeaderButton(
                    _("Import from Excel"),
                    url=reverse("people_roster:upload"),
                    icon_name="upload",
                )
            )
        return buttons

    @cached_property
    def _may_send_password_links(self):
        return user_is_office_admin(self.request.user)

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self._may_send_password_links and instance.email and self.check_perm_for(instance):
            buttons.append(password_link_menu_item(instance))
        return buttons

    def check_perm_for(self, instance):
        return self.request.user.is_superuser or not instance.is_superuser

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("community").prefetch_related("groups")

    def order_queryset(self, queryset):
        # Wagtail sorts "name" by last and first name; the studio names people by display name.
        if self.ordering in {"name", "-name"}:
            prefix = "-" if self.ordering.startswith("-") else ""
            return queryset.order_by(f"{prefix}display_name", f"{prefix}username")
        return super().order_queryset(queryset)


class _ForUserFormKwargs:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class StudioUserCreateView(_ForUserFormKwargs, wagtail_users.CreateView):
    pass


class StudioUserEditView(_ForUserFormKwargs, wagtail_users.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.object.is_superuser and not request.user.is_superuser:
            # Otherwise the office could reset an administrator's password and become one.
            raise PermissionDenied


class StudioUserViewSet(wagtail_users.UserViewSet):
    menu_label = _("People")
    menu_order = 10
    menu_hook = PEOPLE_MENU_HOOK
    filterset_class = StudioUserFilterSet
    index_view_class = StudioUserIndexView
    add_view_class = StudioUserCreateView
    edit_view_class = StudioUserEditView
    create_template_name = "people/admin/user_create.html"
    edit_template_name = "people/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return StudioUserEditForm if for_update else StudioUserCreationForm
