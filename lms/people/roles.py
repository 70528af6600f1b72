"""The studio's roles as Django groups, each with the permissions its work needs.

Groups are data the office may extend in the admin; this module makes sure the six roles the
code relies on exist with at least these permissions. It runs after every ``migrate`` and is
safe to run any number of times.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    code: str
    group_name: str  # the group's name in the database; the office sees it in the admin
    label: object
    permissions: tuple[str, ...] = ()  # "app_label.codename"
    page_permissions: tuple[str, ...] = ()  # on the root of the page tree
    office: bool = False
    # Trainees, mentors and host secretaries are placed in a community: cross-mentoring and
    # shadowing rotations are decided by comparing communities.
    needs_community: bool = False


_PEOPLE_ADMIN = tuple(
    f"people.{action}_{model}"
    for model in ("user", "street", "zone", "community", "compound", "branch")
    for action in ("add", "change", "delete", "view")
)
_MEDIA = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
_SNIPPETS = (
    "cms.add_speaker",
    "cms.change_speaker",
    "cms.view_speaker",
    "cms.add_venue",
    "cms.change_venue",
    "cms.view_venue",
)

TRAINEE = Role("trainee", "学员", _("Trainee"), needs_community=True)
MENTOR = Role("mentor", "带教导师", _("Mentor"), needs_community=True)
HOST_SECRETARY = Role("host_secretary", "接收社区书记", _("Host secretary"), needs_community=True)
OFFICE_EDITOR = Role(
    "office_editor",
    "党建工作办编辑",
    _("Office editor"),
    permissions=("wagtailadmin.access_admin", *_MEDIA, *_SNIPPETS),
    page_permissions=("add", "change", "lock", "unlock"),
    office=True,
)
OFFICE_REVIEWER = Role(
    "office_reviewer",
    "党建工作办审核",
    _("Office reviewer"),
    permissions=("wagtailadmin.access_admin", *_MEDIA, *_SNIPPETS, "people.view_user"),
    page_permissions=("add", "change", "publish", "lock", "unlock"),
    office=True,
)
OFFICE_ADMIN = Role(
    "office_admin",
    "党建工作办管理员",
    _("Office administrator"),
    permissions=(
        "wagtailadmin.access_admin",
        *_MEDIA,
        *_SNIPPETS,
        *_PEOPLE_ADMIN,
        "auth.view_group",
        "cms.delete_speaker",
        "cms.delete_venue",
    ),
    page_permissions=("add", "change", "publish", "lock", "unlock", "delete"),
    office=True,
)

ROLES = (TRAINEE, MENTOR, HOST_SECRETARY, OFFICE_EDITOR, OFFICE_REVIEWER, OFFICE_ADMIN)
ROLES_BY_CODE = {role.code: role for role in ROLES}
MODERATION_WORKFLOW_NAME = "党建工作办审核发布"


def _permission(dotted):
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def roles_ensure():
    """Create the role groups, their permissions and the moderation workflow."""
    from wagtail.models import (
        GroupApprovalTask,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    root = Page.get_first_root_node()
    groups = {}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.group_name)
        groups[role.code] = group
        group.permissions.add(*[_permission(p) for p in role.permissions])
        if root is not None:
            for permission_type in role.page_permissions:
                if not GroupPagePermission.objects.filter(
                    group=group, page=root, permission__codename=f"{permission_type}_page"
                ).exists():
                    GroupPagePermission.objects.create(
                        group=group, page=root, permission_type=permission_type
                    )

    # Editors submit, reviewers approve: one workflow on the whole tree.
    if root is not None:
        workflow, _created = Workflow.objects.get_or_create(name=MODERATION_WORKFLOW_NAME)
        task = GroupApprovalTask.objects.filter(name="审核").first()
        if task is None:
            task = GroupApprovalTask.objects.create(name="审核")
        task.groups.add(groups[OFFICE_REVIEWER.code], groups[OFFICE_ADMIN.code])
        # WorkflowTask directly: the workflow's child manager would only keep it in memory.
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return groups


def ensure_after_migrate(sender, using="default", **kwargs):
    """Run once per ``migrate``, after the last app has had its permissions created."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender.label == with_models[-1].label:
        roles_ensure()


def role_named(name: str) -> Role | None:
    """The role a person typed: its code, its group name, or its label in English or the
    active language, so a roster written in either language is understood."""
    wanted = name.strip().casefold()
    for role in ROLES:
        with translation.override("en"):
            english = str(role.label)
        spellings = {role.code, role.group_name, english, str(role.label)}
        if wanted in {spelling.casefold() for spelling in spellings}:
            return role
    return None


def roles_needing_community(group_names) -> list[Role]:
    """Of these groups, the roles whose holders must belong to a community."""
    names = set(group_names)
    return [role for role in ROLES if role.needs_community and role.group_name in names]


def group_names(user) -> frozenset[str]:
    """The user's group names, read once per user object (so once per request): menus,
    templates and permission checks ask many times while rendering one page."""
    cached = getattr(user, "_studio_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._studio_group_names = cached
    return cached


def user_roles(user):
    """The role codes a user holds, from their groups."""
    if not user.is_authenticated:
        return set()
    names = group_names(user)
    return {role.code for role in ROLES if role.group_name in names}


def user_has_role(user, role):
    return user.is_authenticated and role.group_name in group_names(user)


def is_office(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(role.office and role.group_name in group_names(user) for role in ROLES)
