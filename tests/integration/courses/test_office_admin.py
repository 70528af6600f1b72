"""The office's training pages in the Wagtail admin, through the HTTP interface."""

import io

import openpyxl
import pytest
from django.urls import reverse

from courses.models import Cohort, CohortMembership, Enrolment, HoursEntry
from lms.people.roles import MENTOR, TRAINEE
from tests.factories import LecturePageFactory, user_with_role
from tests.factories.spreadsheets import xlsx_bomb

pytestmark = pytest.mark.django_db


def _sheet(*rows, header=("用户名", "手机号", "小班")):
    workbook = openpyxl.Workbook()
    workbook.active.append(list(header))
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "名单.xlsx"
    return buffer


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


@pytest.fixture
def cohort(tree):
    return Cohort.objects.create(programme=tree[1], name="第一小班", capacity=2)


def test_the_course_list_and_course_page_show_enrolments(office_client, office, trainee, course):
    Enrolment.objects.create(trainee=trainee, course=course, enrolled_by=office)

    listing = office_client.get(reverse("courses_office:courses"))
    detail = office_client.get(reverse("courses_office:course", args=[course.pk]))

    assert listing.status_code == 200 and course.title in listing.text
    assert detail.status_code == 200 and str(trainee) in detail.text


def test_the_office_enrols_one_trainee_through_the_form(office_client, trainee, course):
    response = office_client.post(
        reverse("courses_office:course", args=[course.pk]),
        {"enrol_person": "1", "trainee": trainee.pk},
    )

    assert response.status_code == 302
    assert Enrolment.objects.filter(trainee=trainee, course_id=course.pk).exists()


def test_an_enrolment_sheet_enrols_everyone_into_their_cohort(office_client, course, cohort):
    first = user_with_role(TRAINEE, username="zhang")
    second = user_with_role(TRAINEE, username="li", mobile="13912345678")

    response = office_client.post(
        reverse("courses_office:import", args=[course.pk]),
        {"sheet": _sheet(("zhang", "", "第一小班"), ("", "13912345678", ""))},
    )

    assert response.status_code == 302
    assert set(Enrolment.objects.values_list("trainee__username", flat=True)) == {"zhang", "li"}
    assert list(cohort.members.all()) == [first]
    assert second.enrolments.get().cohort is None


def test_a_sheet_with_one_bad_row_enrols_nobody_and_names_each_problem(
    office_client, course, cohort
):
    user_with_role(TRAINEE, username="zhang")

    response = office_client.post(
        reverse("courses_office:import", args=[course.pk]),
        {
            "sheet": _sheet(
                ("zhang", "", "第一小班"),
                ("nobody", "", ""),
                ("zhang", "", ""),
                ("", "", "不存在的班"),
            )
        },
    )

    assert response.status_code == 200
    assert not Enrolment.objects.exists()
    assert not CohortMembership.objects.exists()
    problems = response.context["problems"]
    assert [p.row for p in problems] == [3, 4, 5]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a workbook", "Excel"),
        (None, "用户名"),
        ("zip bomb", "This workbook expands to 300 MB when opened, more than 50 MB"),
    ],
)
def test_unreadable_sheets_get_a_clear_message(office_client, course, content, message):
    if content == "zip bomb":
        content = xlsx_bomb(300)
    upload = io.BytesIO(content) if content else _sheet(("x",), header=("姓名",))
    upload.name = "x.xlsx"

    response = office_client.post(
        reverse("courses_office:import", args=[course.pk]), {"sheet": upload}
    )

    assert response.status_code == 200
    assert message in response.text
    assert not Enrolment.objects.exists()


def test_the_template_downloads_and_reads_back(office_client):
    response = office_client.get(reverse("courses_office:template"))

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert response.status_code == 200
    assert [c.value for c in workbook.active[1]] == ["用户名", "手机号", "小班"]


def test_withdrawal_through_the_admin_keeps_the_record(office_client, office, trainee, course):
    enrolment = Enrolment.objects.create(trainee=trainee, course=course, enrolled_by=office)
    url = reverse("courses_office:withdraw", args=[enrolment.pk])

    refused = office_client.post(url, {"reason": ""})
    done = office_client.post(url, {"reason": "调任其他街道"})

    assert refused.status_code == 200
    assert done.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN


def test_cohort_members_page_adds_until_the_cap(office_client, cohort):
    trainees = [user_with_role(TRAINEE) for _ in range(3)]
    url = reverse("courses_office:cohort", args=[cohort.pk])

    for trainee in trainees[:2]:
        assert office_client.post(url, {"trainee": trainee.pk}).status_code == 302
    full = office_client.post(url, {"trainee": trainees[2].pk})

    assert full.status_code == 200
    assert "第一小班" in full.text
    assert cohort.members.count() == 2


def test_cohort_viewset_creates_through_the_service_and_checks_the_programme(office_client, tree):
    _home, programme, course = tree
    url = reverse("training_cohorts:add")

    wrong = office_client.post(url, {"programme": course.pk, "name": "错班", "capacity": 5})
    right = office_client.post(url, {"programme": programme.pk, "name": "第二小班", "capacity": 5})

    assert wrong.status_code == 200
    assert right.status_code == 302
    assert list(Cohort.objects.values_list("name", flat=True)) == ["第二小班"]


def test_manual_credit_and_export(office_client, trainee, course):
    LecturePageFactory(parent=course)
    credit = office_client.post(
        reverse("courses_office:hours"),
        {
            "trainee": trainee.pk,
            "hours": "2.5",
            "earned_on": "2026-03-01",
            "reason": "区委党校培训",
        },
    )
    export = office_client.get(
        reverse("courses_office:hours-export"),
        {"export-start": "2026-01-01", "export-end": "2026-12-31"},
    )

    assert credit.status_code == 302
    assert HoursEntry.objects.get().hours == 2.5
    workbook = openpyxl.load_workbook(io.BytesIO(export.content))
    totals = list(workbook.worksheets[0].iter_rows(min_row=3, values_only=True))
    assert totals == [(str(trainee.display_name), trainee.username, None, 2.5)]


def test_a_bad_export_range_is_explained_not_a_500(office_client):
    response = office_client.get(
        reverse("courses_office:hours-export"),
        {"export-start": "2026-12-31", "export-end": "2026-01-01"},
    )
    assert response.status_code == 200
    assert response.context["export_form"].errors


@pytest.mark.parametrize("role", [TRAINEE, MENTOR])
@pytest.mark.parametrize(
    "route",
    [
        "courses_office:courses",
        "courses_office:hours",
        "courses_office:template",
        "training_cohorts:index",
    ],
)
def test_people_outside_the_office_cannot_reach_training_admin(client, role, route):
    client.force_login(user_with_role(role))
    response = client.get(reverse(route))
    assert response.status_code in (302, 403)
    assert not response.get("Content-Disposition")


def test_the_cohort_page_shows_each_courses_progress(office_client, office, cohort, course):
    trainee = user_with_role(TRAINEE, display_name="周敏")
    CohortMembership.objects.create(cohort=cohort, trainee=trainee)
    Enrolment.objects.create(trainee=trainee, course=course, cohort=cohort, enrolled_by=office)

    response = office_client.get(reverse("courses_office:cohort", args=[cohort.pk]))

    [(shown_course, roster)] = response.context["progress"]
    assert shown_course.pk == course.pk
    assert [line.enrolment.trainee for line in roster] == [trainee]


def test_the_cohort_list_shows_members_against_the_cap(office_client, cohort):
    CohortMembership.objects.create(cohort=cohort, trainee=user_with_role(TRAINEE))

    response = office_client.get(reverse("training_cohorts:index"))

    assert response.status_code == 200
    assert "1 / 2" in response.text


@pytest.mark.parametrize("value", ["abc", "", "²"])
def test_removing_a_malformed_member_is_not_found(office_client, cohort, value):
    response = office_client.post(
        reverse("courses_office:cohort", args=[cohort.pk]), {"remove": value}
    )
    assert response.status_code == 404
