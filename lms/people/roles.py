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
    # The studio's named permissions ("courses.credit_hours") this role holds. They are
    # ``rules`` permissions, registered by ``lms.people.rules``: views, menus, viewsets,
    # exports and services all ask ``user.has_perm(name)``, so this is the one place that
    # says what an office role may do. The README's "Roles and permissions" table mirrors it.
    grants: tuple[str, ...] = ()
    # Django permissions earlier versions gave the role and it must no longer hold: removed
    # from the group by ``roles_ensure`` (anything else the office grants by hand is kept).
    withdrawn: tuple[str, ...] = ()
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
# The named permissions of the office (see ``Role.grants``).
MANAGE_QUESTION_BANK = "courses.manage_question_bank"  # questions, categories, quizzes, imports
VIEW_QUIZ_REPORTS = "courses.view_quiz_reports"
REVIEW_WORK = "courses.review_work"  # reports, reflections, essays (mentors: their trainees')
MANAGE_ENROLMENTS = "courses.manage_enrolments"  # courses' rosters, enrolments, cohorts, targets
VIEW_TRAINEE_RECORDS = "courses.view_trainee_records"  # every trainee's enrolments, hours, runs
CREDIT_HOURS = "courses.credit_hours"  # the hours page: credits and corrections
EXPORT_HOURS = "courses.export_hours"
RUN_SIGNIN = "courses.run_signin"
MANAGE_CERTIFICATES = "courses.manage_certificates"
OVERSEE_MENTORING = "mentoring.oversee"  # every trainee's coaching, rotations, evaluations, desks
PLAN_MENTORING = "mentoring.plan_mentoring"  # matching, rotation plans, capacities, rubrics…
VIEW_READINESS_BOARD = "mentoring.view_readiness_board"
VIEW_PROMOTION_CASES = "mentoring.view_promotion_cases"
DECIDE_PROMOTION = "mentoring.decide_promotion"  # nominate, review, decide, appoint
VIEW_DOSSIER = "mentoring.view_dossier"  # ask for a trainee's evidence dossier and download it

OFFICE_EDITOR = Role(
    "office_editor",
    "党建工作办编辑",
    _("Office editor"),
    permissions=("wagtailadmin.access_admin", *_MEDIA, *_SNIPPETS),
    page_permissions=("add", "change", "lock", "unlock"),
    # Curriculum content only: pages, media, snippets and the questions the pages' quizzes
    # draw from. Nothing about people.
    grants=(MANAGE_QUESTION_BANK,),
    office=True,
)
OFFICE_REVIEWER = Role(
    "office_reviewer",
    "党建工作办审核",
    _("Office reviewer"),
    permissions=("wagtailadmin.access_admin", *_MEDIA, *_SNIPPETS),
    page_permissions=("add", "change", "publish", "lock", "unlock"),
    # Moderation, reviewing and marking, and the quiz reports that show whether a question
    # marks fairly. The people admin, hours and promotion are not theirs.
    grants=(REVIEW_WORK, VIEW_QUIZ_REPORTS),
    withdrawn=("people.view_user",),
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
    # Everything office-side but marking: whoever decides promotions on the marks does not
    # set them.
    grants=(
        MANAGE_QUESTION_BANK,
        VIEW_QUIZ_REPORTS,
        MANAGE_ENROLMENTS,
        VIEW_TRAINEE_RECORDS,
        CREDIT_HOURS,
        EXPORT_HOURS,
        RUN_SIGNIN,
        MANAGE_CERTIFICATES,
        OVERSEE_MENTORING,
        PLAN_MENTORING,
        VIEW_READINESS_BOARD,
        VIEW_PROMOTION_CASES,
        DECIDE_PROMOTION,
        VIEW_DOSSIER,
    ),
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
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    root = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = {}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.group_name)
        groups[role.code] = group
        group.permissions.add(*[_permission(p) for p in role.permissions])
        group.permissions.remove(*[_permission(p) for p in role.withdrawn])
        # Wagtail asks for image and document permissions per collection, not per model: the
        # media permissions hold on the whole collection tree, or the upload pages refuse.
        if root_collection is not None:
            for name in role.permissions:
                if name.startswith(("wagtailimages.", "wagtaildocs.")):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=_permission(name)
                    )
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


def roles_granting(permission: str) -> tuple[Role, ...]:
    """The roles whose holders have this named permission (superusers have every one)."""
    return tuple(role for role in ROLES if permission in role.grants)


def holds_grant(user, permission: str) -> bool:
    """Whether one of the user's roles grants the named permission (see ``Role.grants``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    names = group_names(user)
    return any(role.group_name in names for role in roles_granting(permission))


def is_office(user):
    """Whether the user belongs to the training office at all, whatever their office role.

    Not a permission: pages and services ask for the named permission of what they do
    (``user.has_perm("courses.credit_hours")``, see ``Role.grants``)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(role.office and role.group_name in group_names(user) for role in ROLES)
