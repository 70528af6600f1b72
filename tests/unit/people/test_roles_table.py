"""The README's "Roles and permissions" table says what ``Role.grants`` grants, no more, no less.

The table is what the office reads to know who may do what; the grants are what the code
enforces. A change to one without the other fails here.
"""

import re
from pathlib import Path

import pytest

from lms.people.roles import OFFICE_ADMIN, OFFICE_EDITOR, OFFICE_REVIEWER

README = Path(__file__).resolve().parents[3] / "README.md"
COLUMNS = (OFFICE_EDITOR, OFFICE_REVIEWER, OFFICE_ADMIN)


def _table_rows() -> dict[str, tuple[str, ...]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Roles and permissions / 角色与权限", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`([a-z_]+\.[a-z_]+)`", cells[1]) if len(cells) == 5 else None
        if match:
            rows[match.group(1)] = tuple(cells[2:])
    return rows


def test_the_readme_lists_every_granted_permission_once():
    granted = {name for role in COLUMNS for name in role.grants}

    assert set(_table_rows()) == granted


@pytest.mark.parametrize("role", COLUMNS, ids=lambda role: role.code)
def test_each_column_of_the_readme_is_what_the_role_is_granted(role):
    column = COLUMNS.index(role)

    ticked = {name for name, marks in _table_rows().items() if marks[column] == "✓"}

    assert ticked == set(role.grants)
    assert all(marks[column] in ("✓", "—") for marks in _table_rows().values())
