"""Excel uploads are checked as zip archives before openpyxl reads them: a zip bomb (a small
file whose sheet expands to hundreds of megabytes) or a file that is not a zip at all is refused
at once, with a message, by the same guard in every import that reads a workbook."""

import io
import time
import zipfile

import pytest
from django.utils import translation

from courses.enrolment_roster import EnrolmentSheetError, enrolment_sheet_read
from courses.question_formats import excel
from lms import spreadsheets
from lms.people.roster import RosterFileError, roster_read
from lms.spreadsheets import NotAWorkbook, SpreadsheetRefused, workbook_check, workbook_open
from tests.factories.spreadsheets import plain_workbook, with_sheet, xlsx_bomb


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A valid workbook whose one sheet is 300 MB of rows, compressed to well under 1 MB."""
    return xlsx_bomb(300)


def test_the_bomb_is_a_small_valid_workbook_that_expands_to_hundreds_of_megabytes(bomb):
    members = zipfile.ZipFile(io.BytesIO(bomb)).infolist()

    assert len(bomb) < 2 * 1024 * 1024
    assert sum(member.file_size for member in members) > 290 * 1024 * 1024


def test_a_zip_bomb_is_refused_from_its_directory_in_well_under_a_second(bomb):
    started = time.perf_counter()
    with pytest.raises(SpreadsheetRefused) as refused:
        workbook_open(bomb)
    elapsed = time.perf_counter() - started

    assert elapsed < 0.5, f"refused after {elapsed:.3f} s"
    assert "expands to 300 MB when opened, more than 50 MB" in str(refused.value)


@pytest.mark.parametrize(
    ("read", "error"),
    [
        (roster_read, RosterFileError),
        (enrolment_sheet_read, EnrolmentSheetError),
    ],
    ids=["roster", "enrolment sheet"],
)
def test_the_roster_and_the_enrolment_sheet_refuse_the_bomb_at_once(bomb, read, error):
    started = time.perf_counter()
    with pytest.raises(error) as refused:
        read(bomb)

    assert time.perf_counter() - started < 0.5
    assert "more than 50 MB; it is refused" in str(refused.value)


def test_the_question_bank_refuses_the_bomb_at_once(bomb):
    started = time.perf_counter()
    result = excel.read(bomb)

    assert time.perf_counter() - started < 0.5
    assert result.questions == []
    assert "more than 50 MB; it is refused" in result.problems[0].message


def test_a_member_that_expands_far_more_than_a_spreadsheet_is_refused(monkeypatch):
    """Under the total budget, one member of 2 MB of one repeated byte is still refused."""

    def repeated(sheet):
        sheet.write(b"x" * (2 * 1024 * 1024))

    data = with_sheet(plain_workbook(), repeated)

    with pytest.raises(SpreadsheetRefused) as refused:
        workbook_check(data)

    assert "expands" in str(refused.value) and "times when opened" in str(refused.value)


def test_an_archive_of_too_many_members_is_refused(monkeypatch):
    monkeypatch.setattr(spreadsheets, "XLSX_MAX_MEMBERS", 5)

    with pytest.raises(SpreadsheetRefused) as refused:
        workbook_check(plain_workbook())

    assert "more than the 5 a spreadsheet needs" in str(refused.value)


@pytest.mark.parametrize(
    "data",
    [b"", b"name,mobile\nzhangwei,13800138000\n", b"PK\x03\x04 truncated", b"\xd0\xcf\x11\xe0"],
    ids=["empty", "csv", "broken zip", "old .xls"],
)
def test_a_file_that_is_not_a_zip_is_refused_cleanly(data):
    with pytest.raises(NotAWorkbook) as refused:
        workbook_check(data)

    assert "not an Excel workbook (.xlsx)" in str(refused.value)
    with pytest.raises(RosterFileError, match="could not be read as an Excel workbook"):
        roster_read(data)
    with pytest.raises(EnrolmentSheetError, match=r"This is not an Excel \(.xlsx\) file."):
        enrolment_sheet_read(data)
    assert "not an Excel workbook (.xlsx)" in excel.read(data).problems[0].message


def test_a_real_workbook_passes_the_guard_and_opens():
    workbook = workbook_open(plain_workbook())
    try:
        assert list(workbook.active.iter_rows(values_only=True))[1] == (
            "zhangwei",
            "13800138000",
        )
    finally:
        workbook.close()
    assert len(enrolment_sheet_read(plain_workbook())) == 1
