"""The office's named permissions as ``rules`` permissions: one per name in ``Role.grants``.

Registered once, when this module is first imported (``rules`` autodiscovers it, and
``PeopleConfig.ready`` imports it). A permission that others may also hold for one record
(a mentor reviews the work of their own trainees) is widened by the app that knows the record,
with ``office_grant(name) | its_predicate``; the office's part always comes from here.
"""

import rules

from .roles import ROLES, holds_grant


def office_grant(permission: str) -> rules.Predicate:
    """A predicate true for the users whose role grants ``permission``."""

    def holds(user):
        return holds_grant(user, permission)

    return rules.Predicate(holds, name=f"office_grant:{permission}")


def office_grants() -> list[str]:
    """Every named permission some role grants, in a stable order."""
    return sorted({name for role in ROLES for name in role.grants})


for _name in office_grants():
    if not rules.perm_exists(_name):
        rules.add_perm(_name, office_grant(_name))
