"""The office's Excel sheets: opening an upload safely, and reading its cells the same way for
every import (the people roster, the question bank, the enrolment sheet).

An .xlsx file is a zip archive of XML. A few hundred kilobytes can expand to hundreds of
megabytes of repeated XML (a zip bomb), and openpyxl would spend minutes and gigabytes parsing
it before any row limit is reached. ``workbook_open`` therefore reads the archive's directory
first, which costs nothing, and refuses the file on what it declares: too many members, too much
uncompressed data, or a member that expands far more than real spreadsheets do. Only then does
openpyxl see the file.

The declared sizes cannot be used to lie past the check: Python's ``zipfile``, which openpyxl
reads through, stops each member at its declared size, and a member whose data does not match
its declared size and checksum fails to read, so the file is refused as damaged.
"""

import io
import zipfile

from django.utils.translation import gettext as _

XLSX_MAX_MEMBERS = 1000
"""Members an .xlsx may hold. Excel writes about a dozen, plus one per sheet, image or comment
block; a thousand leaves room for any real workbook and bounds the directory read."""

XLSX_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
"""What all the members may add up to once expanded. The largest sheets the studio accepts
(1000 questions with long essay texts, 5000 rows) come to a few megabytes of XML; openpyxl
parses roughly 2–3 MB a second, so this also bounds the time a request spends reading."""

XLSX_MAX_RATIO = 100
"""How many times its compressed size one large member may expand. Spreadsheet XML compresses
5 to 20 times, repetitive sheets up to about 50; bombs, hundreds or thousands of times."""

XLSX_RATIO_FLOOR = 1024 * 1024
"""Members smaller than this, expanded, are not judged by ratio: a small, very regular member
(an empty sheet, the styles) can compress well beyond ``XLSX_MAX_RATIO`` and is harmless."""


class SpreadsheetRefused(ValueError):
    """The upload is not a workbook openpyxl should read; the message says why, translated."""


class NotAWorkbook(ValueError):
    """The upload is not a zip archive at all (a .csv, an old .xls, a truncated file).

    Not a ``SpreadsheetRefused``: each import already says in its own words that the file is
    not an .xlsx, and catches this with openpyxl's own errors.
    """


def workbook_check(data: bytes) -> None:
    """Raise ``NotAWorkbook`` unless ``data`` is a zip archive, ``SpreadsheetRefused`` unless it
    is within every budget above.

    Reads only the archive's central directory: no member is decompressed.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise NotAWorkbook(
            _(
                "This file is not an Excel workbook (.xlsx). Save it as .xlsx (Excel 2007 or "
                "later) and upload it again."
            )
        ) from None
    with archive:
        members = archive.infolist()
    if len(members) > XLSX_MAX_MEMBERS:
        raise SpreadsheetRefused(
            _(
                "This workbook holds %(count)d parts, more than the %(max)d a spreadsheet needs; "
                "it is refused. Copy the rows into a new workbook and upload that."
            )
            % {"count": len(members), "max": XLSX_MAX_MEMBERS}
        )
    expanded = sum(member.file_size for member in members)
    if expanded > XLSX_MAX_UNCOMPRESSED_BYTES:
        raise SpreadsheetRefused(
            _(
                "This workbook expands to %(size)d MB when opened, more than %(max)d MB; it is "
                "refused. Split it into smaller files, or delete the empty rows and columns."
            )
            % {
                "size": expanded // (1024 * 1024),
                "max": XLSX_MAX_UNCOMPRESSED_BYTES // (1024 * 1024),
            }
        )
    for member in members:
        if member.file_size > XLSX_RATIO_FLOOR and member.file_size > XLSX_MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise SpreadsheetRefused(
                _(
                    "Part of this workbook expands %(ratio)d times when opened, far more than a "
                    "spreadsheet does; it is refused. Copy the rows into a new workbook and "
                    "upload that."
                )
                % {"ratio": member.file_size // max(member.compress_size, 1)}
            )


def workbook_open(data: bytes):
    """The workbook, read-only with cell values, once ``workbook_check`` has passed it.

    Raises ``SpreadsheetRefused`` for a file the check refuses; ``NotAWorkbook``, or whatever
    openpyxl raises for a file it cannot read, is left to the caller, who knows what the sheet
    was meant to be.
    """
    import openpyxl

    workbook_check(data)
    return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)


def cell_text(value) -> str:
    """A cell as the office typed it: text without surrounding spaces, "" for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        # Excel stores a typed mobile number as a float; 13800138000.0 means 13800138000.
        return str(int(value))
    return str(value).strip()
