"""Checking roster rows: every kind of problem, reported by row and column, all at once."""

import pytest

from lms.people.roster import RosterEntry, RosterRow, RosterSheet, roster_check

COMMUNITIES = {"桃源社区", "大冲社区"}


def _row(number=2, **values):
    person = {
        "username": "zhangwei",
        "display_name": "张伟",
        "mobile": "13800138000",
        "email": "",
        "community": "桃源社区",
        "roles": "学员",
    }
    person.update(values)
    return RosterRow(row=number, **person)


def _check(*rows, taken_usernames=(), taken_mobiles=()):
    return roster_check(
        RosterSheet(rows=rows),
        communities=COMMUNITIES,
        taken_usernames=set(taken_usernames),
        taken_mobiles=set(taken_mobiles),
    )


def _problems(report):
    return [(p.row, p.column, p.message) for p in report.problems]


def test_a_good_row_becomes_an_entry_with_role_codes_and_a_clean_mobile():
    report = _check(_row(mobile="+86 138-0013-8000", roles="学员、带教导师"))

    assert report.ok
    assert report.entries == (
        RosterEntry(2, "zhangwei", "张伟", "13800138000", "", "桃源社区", ("trainee", "mentor")),
    )


@pytest.mark.parametrize(
    "roles",
    ["学员", "trainee", "Trainee", " TRAINEE ", "学员,学员", "学员，", "学员;"],
)
def test_roles_may_be_written_as_group_names_codes_or_english_labels(roles):
    assert _check(_row(roles=roles)).entries[0].roles == ("trainee",)


def test_several_roles_with_any_separator():
    report = _check(_row(roles="学员, mentor；接收社区书记\nOffice administrator"))

    assert report.entries[0].roles == ("trainee", "mentor", "host_secretary", "office_admin")


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        ({"username": ""}, "用户名", "This cell is required."),
        ({"display_name": ""}, "姓名", "This cell is required."),
        ({"mobile": ""}, "手机号", "This cell is required."),
        ({"roles": ""}, "角色", "This cell is required."),
        ({"username": "zhang wei"}, "用户名", "may only contain letters, digits"),
        ({"username": "x" * 151}, "用户名", "at most 150 characters"),
        ({"display_name": "张" * 51}, "姓名", "at most 50 characters"),
        ({"mobile": "1380013800"}, "手机号", "is not an 11-digit mainland mobile number"),
        ({"mobile": "23800138000"}, "手机号", "is not an 11-digit mainland mobile number"),
        ({"email": "zhangwei@"}, "邮箱", "is not an email address"),
        ({"community": "不存在社区"}, "社区", "There is no community called “不存在社区”."),
        ({"community": ""}, "社区", "Trainee must belong to a community."),
        ({"roles": "学员、书记"}, "角色", "There is no role called “书记”."),
    ],
)
def test_each_kind_of_problem_names_the_column(values, column, message):
    report = _check(_row(number=7, **values))

    assert not report.ok and report.entries == ()
    ((row, found_column, found_message),) = _problems(report)
    assert (row, found_column) == (7, column)
    assert message in found_message


def test_office_roles_need_no_community():
    assert _check(_row(community="", roles="党建工作办管理员")).ok


def test_duplicates_within_the_sheet_point_at_the_first_row():
    report = _check(
        _row(2),
        _row(3, mobile="13900139000"),
        _row(4, username="lina", mobile="138 0013 8000"),
    )

    assert _problems(report) == [
        (3, "用户名", "Username “zhangwei” is already used in row 2."),
        (4, "手机号", "Mobile number 13800138000 is already used in row 2."),
    ]
    assert [entry.row for entry in report.entries] == [2]


def test_usernames_and_mobiles_already_in_the_studio_are_refused():
    report = _check(_row(), taken_usernames={"zhangwei"}, taken_mobiles={"13800138000"})

    assert _problems(report) == [
        (2, "用户名", "A person with the username “zhangwei” already exists."),
        (2, "手机号", "Another person already uses the mobile number 13800138000."),
    ]


def test_every_problem_of_every_row_is_reported():
    report = _check(
        _row(2, username="", mobile="123"),
        _row(3, username="ok"),
        _row(4, username="lina", mobile="13900139000", email="bad", roles="校长"),
    )

    assert [(row, column) for row, column, _ in _problems(report)] == [
        (
            2,
            "用户名",
        ),
        (2, "手机号"),
        (4, "邮箱"),
        (4, "角色"),
    ]
    assert report.rows_with_problems == 2


def test_problems_use_the_headers_as_written_in_the_file():
    sheet = RosterSheet(rows=(_row(mobile="123"),), headers={"mobile": "Mobile"})

    report = roster_check(sheet, communities=COMMUNITIES, taken_usernames=(), taken_mobiles=())

    assert report.problems[0].column == "Mobile"


def test_a_sheet_survives_the_trip_through_the_confirmation_form():
    sheet = RosterSheet(rows=(_row(2), _row(3, username="lina")), headers={"mobile": "手机号"})

    assert RosterSheet.from_payload(sheet.to_payload()) == sheet
