"""Checking every row of a roster; problems name the row, the column and what to change."""

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from ..mobile import mobile_normalise
from ..models.users import User, mobile_validator
from ..roles import ROLES, role_named
from .format import (
    COLUMN_ORDER,
    COLUMNS,
    ROLE_SEPARATORS,
    RosterEntry,
    RosterProblem,
    RosterReport,
    RosterRow,
    RosterSheet,
)


def roster_check(
    sheet: RosterSheet,
    *,
    communities: Collection[str],
    taken_usernames: Collection[str],
    taken_mobiles: Collection[str],
) -> RosterReport:
    """Check every row; problems name the row, the column and what to change."""
    problems: list[RosterProblem] = []
    entries: list[RosterEntry] = []
    first_row_of_username: dict[str, int] = {}
    first_row_of_mobile: dict[str, int] = {}
    email_validator = EmailValidator()
    username_validator = User.username_validator
    username_max = User._meta.get_field("username").max_length
    display_name_max = User._meta.get_field("display_name").max_length

    for row in sheet.rows:
        found: list[tuple[int, RosterProblem]] = []

        def problem(key, message, row=row, found=found):
            found.append(
                (COLUMN_ORDER[key], RosterProblem(row.row, sheet.header_for(key), message))
            )

        for column in COLUMNS:
            if column.required and not getattr(row, column.key):
                problem(column.key, _("This cell is required."))

        username = row.username
        if username:
            if len(username) > username_max:
                problem("username", _("Use at most %(max)d characters.") % {"max": username_max})
            elif not _passes(username_validator, username):
                problem(
                    "username",
                    _("“%(value)s” may only contain letters, digits and @ . + - _.")
                    % {"value": username},
                )
            elif username in first_row_of_username:
                problem(
                    "username",
                    _("Username “%(value)s” is already used in row %(row)d.")
                    % {"value": username, "row": first_row_of_username[username]},
                )
            elif username in taken_usernames:
                problem(
                    "username",
                    _("A person with the username “%(value)s” already exists.")
                    % {"value": username},
                )
            first_row_of_username.setdefault(username, row.row)

        if len(row.display_name) > display_name_max:
            problem(
                "display_name", _("Use at most %(max)d characters.") % {"max": display_name_max}
            )

        mobile = mobile_normalise(row.mobile) if row.mobile else ""
        if mobile:
            if not _passes(mobile_validator, mobile):
                problem(
                    "mobile",
                    _("“%(value)s” is not an 11-digit mainland mobile number.")
                    % {"value": row.mobile},
                )
            elif mobile in first_row_of_mobile:
                problem(
                    "mobile",
                    _("Mobile number %(value)s is already used in row %(row)d.")
                    % {"value": mobile, "row": first_row_of_mobile[mobile]},
                )
            elif mobile in taken_mobiles:
                problem(
                    "mobile",
                    _("Another person already uses the mobile number %(value)s.")
                    % {"value": mobile},
                )
            first_row_of_mobile.setdefault(mobile, row.row)

        if row.email and not _passes(email_validator, row.email):
            problem("email", _("“%(value)s” is not an email address.") % {"value": row.email})

        role_codes = _check_roles(row, problem)

        if row.community and row.community not in communities:
            problem(
                "community",
                _("There is no community called “%(value)s”.") % {"value": row.community},
            )
        needing = [role for role in ROLES if role.code in role_codes and role.needs_community]
        if needing and not row.community:
            problem(
                "community",
                _("%(roles)s must belong to a community.")
                % {"roles": "、".join(str(role.label) for role in needing)},
            )

        if found:
            # In the sheet's column order, however the checks happen to be ordered.
            problems.extend(found_problem for _, found_problem in sorted(found, key=lambda f: f[0]))
        else:
            entries.append(
                RosterEntry(
                    row=row.row,
                    username=username,
                    display_name=row.display_name,
                    mobile=mobile,
                    email=row.email,
                    community=row.community,
                    roles=role_codes,
                )
            )
    return RosterReport(entries=tuple(entries), problems=tuple(problems))


def _check_roles(row: RosterRow, problem) -> tuple[str, ...]:
    codes = []
    for name in ROLE_SEPARATORS.split(row.roles):
        if not name.strip():
            continue
        role = role_named(name)
        if role is None:
            problem(
                "roles",
                _("There is no role called “%(value)s”. Use one of: %(roles)s.")
                % {"value": name.strip(), "roles": "、".join(r.group_name for r in ROLES)},
            )
        elif role.code not in codes:
            codes.append(role.code)
    return tuple(codes)


def _passes(validator, value) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True
