"""The role groups the code relies on, and what the office administrator may do with people."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Workflow

from lms.people.roles import OFFICE_ADMIN, ROLES, TRAINEE, roles_ensure
from tests.factories.people import user_with_role

pytestmark = pytest.mark.django_db


def _state():
    return {
        group.name: (
            sorted(group.permissions.values_list("content_type__app_label", "codename")),
            sorted(
                GroupPagePermission.objects.filter(group=group).values_list(
                    "page_id", "permission__codename"
                )
            ),
        )
        for group in Group.objects.order_by("name")
    }, Workflow.objects.count()


def test_roles_ensure_is_idempotent():
    roles_ensure()
    first = _state()

    roles_ensure()

    assert _state() == first
    assert {role.group_name for role in ROLES} <= set(first[0])


def test_roles_ensure_keeps_permissions_the_office_added():
    roles_ensure()
    group = Group.objects.get(name=OFFICE_ADMIN.group_name)
    extra = Group.objects.get(name=TRAINEE.group_name)
    extra_permission = group.permissions.exclude(pk__in=extra.permissions.values("pk")).first()
    extra.permissions.add(extra_permission)

    roles_ensure()

    assert extra.permissions.filter(pk=extra_permission.pk).exists()


@pytest.mark.parametrize("action", ["add", "change", "delete", "view"])
@pytest.mark.parametrize("model", ["user", "street", "zone", "community", "compound", "branch"])
def test_the_office_administrator_manages_people_and_units(action, model):
    admin = user_with_role(OFFICE_ADMIN)

    assert admin.has_perm(f"people.{action}_{model}")
    assert admin.has_perm("wagtailadmin.access_admin")
