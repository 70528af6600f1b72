"""Admin permission for engine records: one named permission of the office per model (see
``lms.people.roles``, ``Role.grants``), rather than per-model Django permissions, so the
office's groups need no grants to run training and the admin asks what the pages ask."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from lms.people.roles import roles_granting


class OfficeOnlyPolicy(BasePermissionPolicy):
    """Every action on the model is allowed to the holders of ``permission`` and no one else."""

    def __init__(self, model, permission: str):
        super().__init__(model)
        self.permission = permission

    def user_has_permission(self, user, action):
        return user.has_perm(self.permission)

    def user_has_any_permission(self, user, actions):
        return user.has_perm(self.permission)

    def users_with_any_permission(self, actions):
        groups = [role.group_name for role in roles_granting(self.permission)]
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__name__in=groups))
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
