"""The office's enrolment list in Excel: who to enrol in a course, and into which cohort.

Reading is pure: the workbook becomes rows of text. Checking happens in the service, against
the database, and reports every problem of every row at once; nothing is enrolled unless every
row is right.
"""

import io
import re
from dataclasses import dataclass

import openpyxl
from django.utils.translation import gettext as _

from lms.spreadsheets import SpreadsheetRefused, cell_text, workbook_open

MAX_ROWS = 2000
MAX_FILE_BYTES = 2 * 1024 * 1024
SHEET_TITLE = "报名名单"

# Header as the template writes it, then other spellings accepted (case and spaces ignored).
COLUMNS = {
    "username": ("用户名", "username", "user name", "login"),
    "mobile": ("手机号", "手机号码", "手机", "mobile", "mobile number", "phone"),
    "cohort": ("小班", "班级", "cohort", "small class"),
}


class EnrolmentSheetError(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass(frozen=True)
class EnrolmentRow:
    row: int
    username: str = ""
    mobile: str = ""
    cohort: str = ""


@dataclass(frozen=True)
class EnrolmentProblem:
    row: int
    message: str


def _normalise(value) -> str:
    return re.sub(r"[\s_*＊]+", " ", str(value)).strip().casefold()


_LOOKUP = {_normalise(name): key for key, names in COLUMNS.items() for name in names}


def enrolment_sheet_read(data: bytes) -> list[EnrolmentRow]:
    if len(data) > MAX_FILE_BYTES:
        raise EnrolmentSheetError(_("The file is larger than 2 MB."))
    try:
        workbook = workbook_open(data)
    except SpreadsheetRefused as refused:
        raise EnrolmentSheetError(str(refused)) from refused
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise EnrolmentSheetError(_("This is not an Excel (.xlsx) file.")) from error
    try:
        sheet = workbook[SHEET_TITLE] if SHEET_TITLE in workbook.sheetnames else workbook.active
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if not header:
            raise EnrolmentSheetError(_("The sheet is empty."))
        positions = {
            _LOOKUP[_normalise(cell)]: index
            for index, cell in enumerate(header)
            if cell is not None and _normalise(cell) in _LOOKUP
        }
        if "username" not in positions and "mobile" not in positions:
            raise EnrolmentSheetError(
                _("The first row must name a 用户名 (username) or 手机号 (mobile) column.")
            )
        result = []
        for number, values in enumerate(rows, start=2):
            cells = {
                key: cell_text(values[i]) if i < len(values) else "" for key, i in positions.items()
            }
            if not any(cells.values()):
                continue
            if len(result) >= MAX_ROWS:
                raise EnrolmentSheetError(
                    _("The sheet has more than %(max)d rows.") % {"max": MAX_ROWS}
                )
            result.append(EnrolmentRow(row=number, **cells))
    finally:
        workbook.close()
    if not result:
        raise EnrolmentSheetError(_("The sheet has no rows below the header."))
    return result


def enrolment_template() -> bytes:
    """A blank sheet with the headers and one example row."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append([names[0] for names in COLUMNS.values()])
    sheet.append(["zhangwei", "13800138000", "第一小班"])
    for column in ("A", "B", "C"):
        sheet.column_dimensions[column].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
