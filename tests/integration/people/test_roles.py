"""The role groups the code relies on, and what the office administrator may do with people."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Workflow

from lms.people.roles import OFFICE_ADMIN, OFFICE_REVIEWER, ROLES, TRAINEE, roles_ensure
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


def test_roles_ensure_takes_the_people_register_back_from_reviewers():
    """Reviewers once held "view user"; marking and review pages name the trainee already."""
    roles_ensure()
    reviewers = Group.objects.get(name=OFFICE_REVIEWER.group_name)
    reviewers.permissions.add(
        Permission.objects.get(content_type__app_label="people", codename="view_user")
    )
    reviewer = user_with_role(OFFICE_REVIEWER)

    roles_ensure()

    assert not reviewers.permissions.filter(codename="view_user").exists()
    assert not reviewer.has_perm("people.view_user")


@pytest.mark.parametrize("action", ["add", "change", "delete", "view"])
@pytest.mark.parametrize("model", ["user", "street", "zone", "community", "compound", "branch"])
def test_the_office_administrator_manages_people_and_units(action, model):
    admin = user_with_role(OFFICE_ADMIN)

    assert admin.has_perm(f"people.{action}_{model}")
    assert admin.has_perm("wagtailadmin.access_admin")
