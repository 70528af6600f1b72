"""The blank roster the office downloads: headers, one example person, notes per column."""

import io
from collections.abc import Collection

from django.utils.translation import gettext as _

from ..roles import ROLES
from .format import COLUMNS, MAX_ROWS, NOTES_SHEET_TITLE, ROSTER_SHEET_TITLE


def roster_template(*, communities: Collection[str] = ()) -> bytes:
    """A workbook to fill in: the headers, one example person, and notes on each column.

    With the studio's communities at hand, the example names a real one and the community
    column offers them as a drop-down, which prevents the commonest mistake.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    communities = list(communities)
    workbook = Workbook()
    roster = workbook.active
    roster.title = ROSTER_SHEET_TITLE
    roster.append([column.header for column in COLUMNS])
    example = {column.key: column.example for column in COLUMNS}
    if communities:
        example["community"] = communities[0]
    roster.append([example[column.key] for column in COLUMNS])
    bold = Font(bold=True)
    for cell in roster[1]:
        cell.font = bold
    for cell in roster[2]:
        cell.font = Font(italic=True, color="666666")
    roster.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        letter = roster.cell(row=1, column=index).column_letter
        roster.column_dimensions[letter].width = 24
        if column.key in {"username", "mobile"}:
            # Text, so Excel neither drops leading zeros nor shows 1.38E+10.
            roster.column_dimensions[letter].number_format = "@"
            roster.cell(row=2, column=index).number_format = "@"

    notes = workbook.create_sheet(NOTES_SHEET_TITLE)
    notes.append([_("Column"), _("Required"), _("How to fill it in")])
    for cell in notes[1]:
        cell.font = bold
    for column in COLUMNS:
        notes.append([column.header, _("yes") if column.required else _("no"), str(column.note)])
    notes.append([])
    notes.append([_("Role names"), _("Code"), _("Role")])
    for cell in notes[notes.max_row]:
        cell.font = bold
    for role in ROLES:
        notes.append([role.group_name, role.code, str(role.label)])
    notes.append([])
    notes.append(
        [_("The example row in grey is imported too: replace it with a real person or delete it.")]
    )
    notes["A" + str(notes.max_row)].fill = PatternFill("solid", fgColor="FFF2CC")
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["B"].width = 16
    notes.column_dimensions["C"].width = 80

    if communities:
        first = notes.max_row + 2
        notes.cell(row=first - 1, column=1, value=_("Communities")).font = bold
        for offset, name in enumerate(communities):
            notes.cell(row=first + offset, column=1, value=name)
        last = first + len(communities) - 1
        community_letter = roster.cell(
            row=1, column=[c.key for c in COLUMNS].index("community") + 1
        ).column_letter
        choice = DataValidation(
            type="list",
            formula1=f"'{NOTES_SHEET_TITLE}'!$A${first}:$A${last}",
            allow_blank=True,
            showErrorMessage=True,
        )
        choice.add(f"{community_letter}2:{community_letter}{MAX_ROWS + 1}")
        roster.add_data_validation(choice)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
