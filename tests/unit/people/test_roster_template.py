import io

from openpyxl import load_workbook

from lms.people.roster import COLUMNS, RosterSheet, roster_check, roster_read, roster_template


def test_the_template_has_chinese_headers_an_example_and_notes():
    workbook = load_workbook(io.BytesIO(roster_template(communities=["桃源社区", "大冲社区"])))

    roster, notes = workbook.worksheets
    assert (roster.title, notes.title) == ("人员名单", "填写说明")
    assert [cell.value for cell in roster[1]] == [
        "用户名",
        "姓名",
        "手机号",
        "邮箱",
        "社区",
        "角色",
    ]
    assert [cell.value for cell in roster[2]][:3] == ["zhangwei", "张伟", "13800138000"]
    assert roster["E2"].value == "桃源社区"
    assert {"学员", "带教导师", "党建工作办管理员"} <= {
        row[0] for row in notes.iter_rows(values_only=True)
    }
    (choice,) = roster.data_validations.dataValidation
    assert choice.type == "list"


def test_the_template_reads_back_as_one_valid_person():
    sheet = roster_read(roster_template(communities=["桃源社区"]))

    assert isinstance(sheet, RosterSheet) and len(sheet.rows) == 1
    report = roster_check(sheet, communities={"桃源社区"}, taken_usernames=(), taken_mobiles=())
    assert report.ok, report.problems


def test_without_communities_the_template_still_reads():
    sheet = roster_read(roster_template())

    assert sheet.headers == {column.key: column.header for column in COLUMNS}
