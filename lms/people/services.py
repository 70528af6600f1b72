"""Writes to people and organisation records. Views, admin, imports and commands call these."""

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Community, User
from .roles import ROLES_BY_CODE


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
    user.full_clean()
    user.save()
    user_set_roles(user=user, roles=roles)
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
