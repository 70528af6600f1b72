"""Reading an uploaded .xlsx into a RosterSheet, or saying why it cannot be one."""

import re

from django.utils.translation import gettext as _

from lms.spreadsheets import SpreadsheetRefused, cell_text, workbook_open

from .format import (
    COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_SHEET_ROWS,
    ROSTER_SHEET_TITLE,
    RosterFileError,
    RosterRow,
    RosterSheet,
)


def _normalise_header(value) -> str:
    text = str(value).strip().strip("*＊").strip()
    return re.sub(r"[\s_]+", " ", text).casefold()


_HEADER_LOOKUP = {
    _normalise_header(spelling): column.key
    for column in COLUMNS
    for spelling in (column.header, *column.aliases)
}


def roster_read(data: bytes) -> RosterSheet:
    """Read the roster sheet of an .xlsx file; raise RosterFileError if it is not one."""
    if len(data) > MAX_FILE_BYTES:
        raise RosterFileError(
            _("The file is larger than %(limit)d MB. Split the roster into smaller files.")
            % {"limit": MAX_FILE_BYTES // (1024 * 1024)}
        )
    try:
        workbook = workbook_open(data)
    except SpreadsheetRefused as refused:
        raise RosterFileError(str(refused)) from refused
    except Exception as error:  # openpyxl raises many kinds of error for a file it cannot read
        raise RosterFileError(
            _(
                "This file could not be read as an Excel workbook. Save it as .xlsx "
                "(Excel 2007 or later) and upload it again."
            )
        ) from error
    try:
        if ROSTER_SHEET_TITLE in workbook.sheetnames:
            worksheet = workbook[ROSTER_SHEET_TITLE]
        else:
            worksheet = workbook.worksheets[0]
        return _read_worksheet(worksheet)
    finally:
        workbook.close()


def _read_worksheet(worksheet) -> RosterSheet:
    lines = worksheet.iter_rows(values_only=True)
    header_cells = next(lines, None)
    if header_cells is None or not any(cell_text(cell) for cell in header_cells):
        raise RosterFileError(_("The sheet is empty. The first row must hold the column headers."))
    positions, headers = _read_headers(header_cells)

    rows = []
    for number, cells in enumerate(lines, start=2):
        if number > MAX_SHEET_ROWS:
            raise RosterFileError(
                _("The sheet has more than %(limit)d rows. Delete the empty rows at the end.")
                % {"limit": MAX_SHEET_ROWS}
            )
        values = {
            key: cell_text(cells[index]) if index < len(cells) else ""
            for key, index in positions.items()
        }
        if not any(values.values()):
            continue
        rows.append(RosterRow(row=number, **values))
        if len(rows) > MAX_ROWS:
            raise RosterFileError(
                _("The roster has more than %(limit)d people. Split it into smaller files.")
                % {"limit": MAX_ROWS}
            )
    if not rows:
        raise RosterFileError(_("The sheet has headers but no people below them."))
    return RosterSheet(rows=tuple(rows), headers=headers)


def _read_headers(header_cells):
    positions, headers, unknown, repeated = {}, {}, [], []
    for index, cell in enumerate(header_cells):
        text = cell_text(cell)
        if not text:
            continue
        key = _HEADER_LOOKUP.get(_normalise_header(text))
        if key is None:
            unknown.append(text)
        elif key in positions:
            repeated.append(text)
        else:
            positions[key] = index
            headers[key] = text
    missing = [
        column.header for column in COLUMNS if column.required and column.key not in positions
    ]
    if unknown or repeated or missing:
        problems = []
        if missing:
            problems.append(_("missing columns: %(names)s") % {"names": "、".join(missing)})
        if unknown:
            problems.append(_("unknown columns: %(names)s") % {"names": "、".join(unknown)})
        if repeated:
            problems.append(_("repeated columns: %(names)s") % {"names": "、".join(repeated)})
        raise RosterFileError(
            _(
                "The first row does not have the roster's headers (%(problems)s). "
                "Expected: %(expected)s. Download the template to see the format."
            )
            % {
                "problems": "; ".join(problems),
                "expected": "、".join(column.header for column in COLUMNS),
            }
        )
    return positions, headers
