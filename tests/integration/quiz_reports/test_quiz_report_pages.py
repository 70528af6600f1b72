"""The office's report pages and the Excel export: the same numbers as the hand calculation,
for the office only, at a fixed number of queries."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.people.roles import HOST_SECRETARY, MENTOR, OFFICE_EDITOR, OFFICE_REVIEWER, TRAINEE
from tests.factories import user_with_role

from .conftest import enrolled_trainee, sit

pytestmark = pytest.mark.django_db


def routes(quiz) -> dict:
    return {
        "index": reverse("courses_quiz_reports:index"),
        "quiz": reverse("courses_quiz_reports:quiz", args=[quiz.pk]),
        "export": reverse("courses_quiz_reports:export", args=[quiz.pk]),
    }


def test_the_index_lists_quizzes_with_their_attempt_counts(client, office, quiz, sat):
    client.force_login(office)

    response = client.get(routes(quiz)["index"])

    assert response.status_code == 200
    assert quiz.title in response.text
    assert routes(quiz)["quiz"] in response.text
    assert "<td>4</td>" in response.text  # finished attempts


def test_the_report_page_shows_the_hand_calculated_numbers(client, office, quiz, sat):
    client.force_login(office)

    text = client.get(routes(quiz)["quiz"]).text

    for expected in (
        "<dd>4</dd>",  # finished attempts
        "<dd>3</dd>",  # trainees
        "<dd>50.0%</dd>",  # mean, median and pass rate
        "70.7%",  # discrimination of the single-choice question
        "52.2%",  # discrimination of the other two
        "75.0%",  # facility of the true/false question
        "五年 — chosen 2 times (50.0%)",
        "width: 25.0%",  # one attempt of four in a band
    ):
        assert expected in text, expected
    assert routes(quiz)["export"] in text


def test_the_report_of_a_quiz_without_attempts_shows_dashes(client, office, quiz):
    client.force_login(office)

    response = client.get(routes(quiz)["quiz"])

    assert response.status_code == 200
    assert "<dd>—</dd>" in response.text
    assert "No attempt has finished yet." in response.text


def test_the_excel_export_holds_the_same_numbers(client, office, quiz, sat):
    client.force_login(office)

    response = client.get(routes(quiz)["export"])

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Summary", "Questions", "Attempts"]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True) if row}
    assert summary["Quiz"] == quiz.title
    assert summary["Finished attempts"] == 4
    assert summary["Trainees"] == 3
    assert summary["Mean score (%)"] == summary["Median score (%)"] == 50.0
    assert summary["Pass rate (%)"] == 50.0
    assert summary["90–100%"] == summary["0–10%"] == 1
    questions = list(workbook["Questions"].iter_rows(values_only=True))
    assert questions[0][:6] == (
        "Question",
        "Type",
        "Times asked",
        "Times answered",
        "Facility (%)",
        "Discrimination (%)",
    )
    assert [row[4] for row in questions[1:]] == [50.0, 75.0, 25.0]
    assert [row[5] for row in questions[1:]] == [70.7, 52.2, 52.2]
    assert questions[1][6] == "五年: 2; 三年: 1; 两年: 1"
    attempts = list(workbook["Attempts"].iter_rows(values_only=True))
    assert [row[8] for row in attempts[1:]] == [100.0, 66.7, 33.3, 0.0]
    assert [row[9] for row in attempts[1:]] == ["yes", "yes", "no", "no"]


@pytest.mark.parametrize("role", [TRAINEE, MENTOR, HOST_SECRETARY])
@pytest.mark.parametrize("route", ["index", "quiz", "export"])
def test_people_outside_the_office_cannot_reach_the_reports(client, quiz, sat, role, route):
    client.force_login(user_with_role(role))

    response = client.get(routes(quiz)[route])

    assert response.status_code in (302, 403)  # no admin access: sent to the admin's login
    assert not response.get("Content-Disposition")


@pytest.mark.parametrize("route", ["index", "quiz", "export"])
def test_a_mentor_given_admin_access_is_still_refused_by_the_view(client, quiz, sat, route):
    mentor = user_with_role(MENTOR)
    mentor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(mentor)

    response = client.get(routes(quiz)[route])

    # The view refuses (403); Wagtail's admin turns that into its home page with a message.
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not response.get("Content-Disposition")


@pytest.mark.parametrize("route", ["index", "quiz", "export"])
def test_office_reviewers_read_the_reports_too(client, quiz, sat, route):
    client.force_login(user_with_role(OFFICE_REVIEWER))

    assert client.get(routes(quiz)[route]).status_code == 200


@pytest.mark.parametrize("route", ["index", "quiz", "export"])
def test_office_editors_write_the_bank_but_do_not_read_the_reports(client, quiz, sat, route):
    client.force_login(user_with_role(OFFICE_EDITOR))

    response = client.get(routes(quiz)[route])

    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not response.get("Content-Disposition")


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_report_page_and_export_cost_the_same_for_3_and_12_attempts(
    client, office, course, quiz
):
    plans = [("五年", True, "RP"), ("三年", False, "错"), ("两年", True, None)]
    for plan in plans:
        sit(enrolled_trainee(office, course), quiz, *plan)
    client.force_login(office)
    urls = routes(quiz)
    for url in urls.values():
        client.get(url)  # the session, the admin's menus and permissions warm up
    with_three = {name: page_queries(client, url) for name, url in urls.items()}

    for n in range(9):
        sit(enrolled_trainee(office, course), quiz, *plans[n % 3])
    with_twelve = {name: page_queries(client, url) for name, url in urls.items()}

    assert with_twelve == with_three


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_summary_quotes_no_title_twice_and_the_export_button_has_its_icon(
    client, office, quiz, language
):
    # Given a quiz on a lecture whose title carries its own quotation marks
    quiz.activity.title = "“1+1+N”小区治理体系解读"
    quiz.activity.save(update_fields=["title"])
    client.force_login(office)

    # When the office opens the report, in either language
    text = client.get(routes(quiz)["quiz"], HTTP_ACCEPT_LANGUAGE=language).text

    # Then the title is shown once, as written, with no quotation marks added around it
    assert "“1+1+N”小区治理体系解读" in text
    assert "““" not in text and "””" not in text and "“1+1+N”小区治理体系解读”" not in text
    # And the export is Wagtail's icon button: the icon wrapped and sized, the label beside it
    export = text.split(f'href="{routes(quiz)["export"]}"', 1)
    button = export[0].rsplit("<a ", 1)[1] + export[1].split("</a>", 1)[0]
    assert "button--icon" in button
    assert '<span class="icon-wrapper"><svg class="icon icon-download' in button
    assert "button-icon" not in button  # no class Wagtail does not style: an unsized svg
