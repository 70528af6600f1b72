"""Reading an uploaded workbook: what counts as a roster and what is refused, and why."""

import io

import pytest
from openpyxl import Workbook

from lms.people.roster import RosterFileError, RosterRow, reading, roster_read
from tests.factories.people import roster_workbook

GOOD_ROW = ("zhangwei", "张伟", "13800138000", "zw@example.com", "桃源社区", "学员")


def test_reads_rows_with_their_spreadsheet_row_numbers():
    data = roster_workbook([GOOD_ROW, (), ("lina", "李娜", 13900139000, None, "", "mentor")])

    sheet = roster_read(data)

    assert sheet.rows == (
        RosterRow(2, "zhangwei", "张伟", "13800138000", "zw@example.com", "桃源社区", "学员"),
        RosterRow(4, "lina", "李娜", "13900139000", "", "", "mentor"),
    )
    assert sheet.headers["mobile"] == "手机号"


def test_accepts_english_headers_in_any_order_and_case():
    headers = ("Roles", "Mobile number", "Display_Name", "USERNAME", "email", "Community")
    data = roster_workbook(
        [("学员", "13800138000", "张伟", "zhangwei", "", "桃源社区")], headers=headers
    )

    (row,) = roster_read(data).rows

    assert (row.username, row.display_name, row.mobile, row.roles) == (
        "zhangwei",
        "张伟",
        "13800138000",
        "学员",
    )


def test_optional_columns_may_be_left_out():
    data = roster_workbook(
        [("zhangwei", "张伟", "13800138000", "学员")], headers=("用户名", "姓名", "手机号", "角色")
    )

    (row,) = roster_read(data).rows

    assert row.email == "" and row.community == ""


def test_a_number_typed_into_excel_is_read_as_its_digits():
    data = roster_workbook([("zhangwei", "张伟", 13800138000.0, "", "", "学员")])

    assert roster_read(data).rows[0].mobile == "13800138000"


def test_prefers_the_roster_sheet_over_the_first_one():
    workbook = Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["nothing to see"])
    sheet = workbook.create_sheet("人员名单")
    sheet.append(["用户名", "姓名", "手机号", "角色"])
    sheet.append(["zhangwei", "张伟", "13800138000", "学员"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert roster_read(buffer.getvalue()).rows[0].username == "zhangwei"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"username,mobile\nzhangwei,13800138000\n", "could not be read as an Excel workbook"),
        (b"", "could not be read as an Excel workbook"),
        (b"PK\x03\x04 not really a zip", "could not be read as an Excel workbook"),
        (roster_workbook([], headers=()), "The sheet is empty"),
        (roster_workbook([]), "headers but no people"),
        (
            roster_workbook([GOOD_ROW], headers=("用户名", "姓名", "电话", "邮箱", "社区", "角色")),
            "missing columns: 手机号",
        ),
        (
            roster_workbook(
                [(*GOOD_ROW, "x")],
                headers=("用户名", "姓名", "手机号", "邮箱", "社区", "角色", "备注"),
            ),
            "unknown columns: 备注",
        ),
        (
            roster_workbook(
                [(*GOOD_ROW, "x")],
                headers=("用户名", "姓名", "手机号", "邮箱", "社区", "角色", "mobile"),
            ),
            "repeated columns: mobile",
        ),
    ],
    ids=[
        "csv",
        "empty-file",
        "broken-zip",
        "empty-sheet",
        "headers-only",
        "missing",
        "unknown",
        "repeated",
    ],
)
def test_refuses_what_is_not_a_roster(data, message):
    with pytest.raises(RosterFileError, match=message):
        roster_read(data)


def test_refuses_more_rows_than_the_limit(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    rows = [(f"user{n}", "张伟", f"1380013800{n}", "", "", "学员") for n in range(4)]

    with pytest.raises(RosterFileError, match="more than 3 people"):
        roster_read(roster_workbook(rows))


def test_the_real_row_limit_is_two_thousand():
    rows = [(f"user{n}", "某某", "", "", "", "学员") for n in range(2001)]

    with pytest.raises(RosterFileError, match="more than 2000 people"):
        roster_read(roster_workbook(rows))


def test_refuses_a_file_over_the_size_limit(monkeypatch):
    data = roster_workbook([GOOD_ROW])
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", len(data) - 1)

    with pytest.raises(RosterFileError, match="larger than"):
        roster_read(data)


def test_refuses_a_sheet_with_endless_formatted_rows(monkeypatch):
    monkeypatch.setattr(reading, "MAX_SHEET_ROWS", 10)
    rows = [GOOD_ROW] + [()] * 20 + [("late", "迟到", "13900139000", "", "", "学员")]

    with pytest.raises(RosterFileError, match="more than 10 rows"):
        roster_read(roster_workbook(rows))
