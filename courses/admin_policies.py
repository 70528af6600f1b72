"""Admin permission for engine records: the training office, decided by role rather than by
per-model Django permissions, so the office's groups need no grants to run training."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from lms.people.roles import ROLES, is_office


class OfficeOnlyPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return is_office(user)

    def user_has_any_permission(self, user, actions):
        return is_office(user)

    def users_with_any_permission(self, actions):
        office_groups = [role.group_name for role in ROLES if role.office]
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__name__in=office_groups))
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
