"""The roster import service: everyone or no one, checked again at commit time."""

import pytest
from django.core.exceptions import PermissionDenied

from lms.audit.models import AuditEntry
from lms.people.models import User
from lms.people.roles import TRAINEE
from lms.people.roster import roster_read
from lms.people.selectors import roster_review
from lms.people.services import RosterRejected, roster_import
from tests.factories.people import UserFactory, roster_workbook, user_with_role

pytestmark = pytest.mark.django_db

ROWS = [
    ("zhangwei", "张伟", "13800138000", "zw@example.com", "桃源社区", "学员"),
    ("lina", "李娜", "139 0013 9000", "", "桃源社区", "带教导师、接收社区书记"),
    ("wangfang", "王芳", "+86 13700137000", "", "", "党建工作办编辑"),
]


def test_everyone_is_created_with_community_and_roles(office_admin, taoyuan):
    sheet = roster_read(roster_workbook(ROWS))

    created = roster_import(sheet=sheet, actor=office_admin)

    assert [user.username for user in created] == ["zhangwei", "lina", "wangfang"]
    lina = User.objects.get(username="lina")
    assert (lina.display_name, lina.mobile, lina.community) == ("李娜", "13900139000", taoyuan)
    assert sorted(lina.groups.values_list("name", flat=True)) == ["带教导师", "接收社区书记"]
    assert not lina.has_usable_password()
    assert User.objects.get(username="wangfang").community is None
    entries = AuditEntry.objects.filter(action="user.import")
    assert entries.count() == 3 and {entry.actor for entry in entries} == {office_admin}


def test_nothing_is_saved_when_one_row_is_wrong(office_admin, taoyuan):
    before = User.objects.count()
    rows = [*ROWS, ("zhaolei", "赵磊", "13600136000", "", "桃源社区", "校长")]

    with pytest.raises(RosterRejected) as rejected:
        roster_import(sheet=roster_read(roster_workbook(rows)), actor=office_admin)

    assert [(p.row, p.column) for p in rejected.value.problems] == [(5, "角色")]
    assert User.objects.count() == before
    assert not AuditEntry.objects.filter(action="user.import").exists()


def test_people_already_in_the_studio_are_reported(taoyuan):
    UserFactory(username="zhangwei", mobile="13900139000")

    report = roster_review(sheet=roster_read(roster_workbook(ROWS)))

    assert [(p.row, p.column) for p in report.problems] == [(2, "用户名"), (3, "手机号")]


def test_a_person_added_after_the_preview_stops_the_import(office_admin, taoyuan):
    sheet = roster_read(roster_workbook(ROWS))
    assert roster_review(sheet=sheet).ok
    UserFactory(username="someone", mobile="13700137000")

    with pytest.raises(RosterRejected):
        roster_import(sheet=sheet, actor=office_admin)

    assert not User.objects.filter(username__in=["zhangwei", "lina"]).exists()


def test_a_trainee_may_not_import(roles, taoyuan):
    trainee = user_with_role(TRAINEE, community=taoyuan)

    with pytest.raises(PermissionDenied):
        roster_import(sheet=roster_read(roster_workbook(ROWS)), actor=trainee)

    assert not User.objects.filter(username="zhangwei").exists()


def test_the_review_costs_the_same_queries_for_any_length(taoyuan, django_assert_num_queries):
    many = [(f"user{n}", f"某{n}", f"1380000{n:04d}", "", "桃源社区", "学员") for n in range(200)]
    sheet = roster_read(roster_workbook(many))

    with django_assert_num_queries(3):
        assert roster_review(sheet=sheet).ok


def test_a_race_the_review_cannot_see_still_rolls_back(office_admin, taoyuan, monkeypatch):
    from lms.people import services

    sheet = roster_read(roster_workbook(ROWS))
    checked_before_the_race = roster_review(sheet=sheet)
    UserFactory(username="lina", mobile="13600136000")
    monkeypatch.setattr(services, "roster_review", lambda sheet: checked_before_the_race)

    with pytest.raises(RosterRejected, match="1 problems") as rejected:
        roster_import(sheet=sheet, actor=office_admin)

    assert "at the same time" in rejected.value.problems[0].message
    assert not User.objects.filter(username="zhangwei").exists()
