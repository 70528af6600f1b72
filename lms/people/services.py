"""Writes to people and organisation records. Views, admin, imports and commands call these."""

from collections.abc import Sequence

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lms.audit.services import audit_record

from .models import Community, User
from .roles import ROLES_BY_CODE
from .roster import COLUMNS_BY_KEY, RosterProblem, RosterSheet
from .selectors import roster_review


class RosterRejected(Exception):
    """The roster has problems; nothing was saved. ``problems`` says which rows and why."""

    def __init__(self, problems: Sequence[RosterProblem]):
        super().__init__(f"{len(problems)} problems in the roster")
        self.problems = tuple(problems)


@transaction.atomic
def user_create(
    *,
    username: str,
    display_name: str,
    mobile: str | None = None,
    email: str = "",
    community: Community | None = None,
    roles: tuple[str, ...] | list[str] = (),
    password: str | None = None,
) -> User:
    """Create a person with their roles; validates like a form would, saves nothing on error."""
    user = _user_build(
        username=username,
        display_name=display_name,
        mobile=mobile,
        email=email,
        community=community,
        password=password,
    )
    user.full_clean()
    user.save()
    user_set_roles(user=user, roles=roles)
    return user


def _user_build(*, username, display_name, mobile, email, community, password=None) -> User:
    user = User(
        username=username,
        display_name=display_name,
        mobile=mobile or None,
        email=email,
        community=community,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles) -> None:
    """Give the user exactly these studio roles; groups outside the studio roles are kept."""
    unknown = [code for code in roles if code not in ROLES_BY_CODE]
    if unknown:
        raise ValueError(f"Unknown roles: {', '.join(unknown)}")
    studio_group_names = [role.group_name for role in ROLES_BY_CODE.values()]
    wanted = [ROLES_BY_CODE[code].group_name for code in roles]
    user.groups.remove(*user.groups.filter(name__in=studio_group_names).exclude(name__in=wanted))
    user.groups.add(*Group.objects.filter(name__in=wanted))
    user.__dict__.pop("_studio_group_names", None)  # roles.group_names read them once


@transaction.atomic
def roster_import(*, sheet: RosterSheet, actor: User | None) -> list[User]:
    """Create everyone on the roster, or no one.

    The sheet is checked again here, inside the transaction, because people may have been
    added between the preview and the confirmation. ``actor`` is None only on the command
    line, where whoever runs the command already has the server.

    People are built and validated as ``user_create`` does, but saved in bulk: one by one, a
    roster at the 2,000-row limit took longer than a web request may.
    """
    if actor is not None and not actor.has_perm("people.add_user"):
        raise PermissionDenied
    report = roster_review(sheet=sheet)
    if not report.ok:
        raise RosterRejected(report.problems)
    communities = {
        community.name: community
        for community in Community.objects.filter(
            name__in={entry.community for entry in report.entries if entry.community}
        )
    }
    users = []
    for entry in report.entries:
        user = _user_build(
            username=entry.username,
            display_name=entry.display_name,
            mobile=entry.mobile,
            email=entry.email,
            community=communities.get(entry.community),
        )
        try:
            # Uniqueness was checked by roster_review inside this transaction, and the
            # communities were just loaded; the database constraints still guard a race.
            user.full_clean(exclude=["community"], validate_unique=False)
        except ValidationError as error:
            raise RosterRejected(_problems_from(error, entry.row, sheet)) from error
        users.append(user)
    try:
        with transaction.atomic():
            User.objects.bulk_create(users)
    except IntegrityError as error:
        raise RosterRejected(
            [
                RosterProblem(
                    0, "", _("Someone added people at the same time. Upload the file again.")
                )
            ]
        ) from error
    ids = dict(
        User.objects.filter(username__in=[user.username for user in users]).values_list(
            "username", "pk"
        )
    )
    group_names = [role.group_name for role in ROLES_BY_CODE.values()]
    groups = dict(Group.objects.filter(name__in=group_names).values_list("name", "pk"))
    memberships = []
    for user, entry in zip(users, report.entries, strict=True):
        user.pk = ids[user.username]
        memberships.extend(
            User.groups.through(user_id=user.pk, group_id=groups[ROLES_BY_CODE[code].group_name])
            for code in entry.roles
        )
    User.groups.through.objects.bulk_create(memberships)
    for user, entry in zip(users, report.entries, strict=True):
        audit_record(actor=actor, action="user.import", target=user, row=entry.row)
    return users


def _problems_from(error: ValidationError, row: int, sheet: RosterSheet) -> list[RosterProblem]:
    by_field = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    return [
        RosterProblem(row, sheet.header_for(name) if name in COLUMNS_BY_KEY else "", message)
        for name, messages in by_field.items()
        for message in messages
    ]
