"""The office's import, export and template pages in the Wagtail admin, over HTTP."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import QuestionCategory, QuestionEntry
from courses.question_formats import excel
from courses.services import question_import
from courses.services.questions import question_save
from courses.views.bank_io import SESSION_KEY
from tests.factories.questions import sample_data
from tests.factories.spreadsheets import xlsx_bomb

pytestmark = pytest.mark.django_db

IMPORT = reverse("courses_bank_io:import")
COMMIT = reverse("courses_bank_io:import-commit")
EXPORT = reverse("courses_bank_io:export")
DOWNLOAD = reverse("courses_bank_io:export-download")
TEMPLATE = reverse("courses_bank_io:template")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(content: bytes, name="bank.xlsx"):
    return SimpleUploadedFile(name, content)


def good_workbook():
    return excel.write(
        [sample_data("single", category=("党建",)), sample_data("essay", category=("党建", "实务"))]
    )


def bad_workbook():
    bad = sample_data("single", name="坏题")
    bad.options = bad.options[1:]
    return excel.write([sample_data("essay"), bad])


def preview(client, content, fmt="excel", category="", name="bank.xlsx"):
    return client.post(IMPORT, {"file": upload(content, name), "fmt": fmt, "category": category})


def test_the_office_sees_the_import_and_export_pages(office_client):
    importing = office_client.get(IMPORT)
    exporting = office_client.get(EXPORT)

    assert importing.status_code == 200 and "Download the Excel template" in importing.text
    assert exporting.status_code == 200 and "Include subcategories" in exporting.text


def test_the_template_downloads_as_a_workbook_of_every_type(office_client):
    response = office_client.get(TEMPLATE)

    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response)
    assert openpyxl.load_workbook(io.BytesIO(content)).sheetnames == ["questions", "instructions"]
    assert len(excel.read(content).questions) == 9


def test_a_preview_shows_the_summary_saves_nothing_and_the_import_then_saves(office_client):
    response = preview(office_client, good_workbook(), category="导入")

    assert response.status_code == 200
    assert "Every question is correct. 2 questions will be imported." in response.text
    assert "single choice" in response.text and "essay" in response.text
    assert "导入/党建/实务" in response.text  # a category to be created
    assert COMMIT in response.text
    assert QuestionEntry.objects.count() == 0 and QuestionCategory.objects.count() == 0
    token = office_client.session[SESSION_KEY]["token"]

    committed = office_client.post(COMMIT, {"token": token, "import": "1"}, follow=True)

    assert committed.redirect_chain[-1][0] == IMPORT
    assert "2 questions imported." in committed.text
    assert set(QuestionEntry.objects.values_list("category__path", flat=True)) == {
        "导入/党建",
        "导入/党建/实务",
    }
    assert SESSION_KEY not in office_client.session


def test_a_refused_file_shows_its_problems_and_no_import_button(office_client):
    response = preview(office_client, bad_workbook())

    assert response.status_code == 200
    assert "Nothing was imported: 1 problem needs correcting." in response.text
    assert "row 3" in response.text and "full mark" in response.text
    assert COMMIT not in response.text
    assert SESSION_KEY not in office_client.session


def test_the_import_cannot_be_committed_twice_or_with_another_token(office_client):
    preview(office_client, good_workbook(), category="导入")
    token = office_client.session[SESSION_KEY]["token"]

    wrong = office_client.post(COMMIT, {"token": "guess"}, follow=True)
    again = office_client.post(COMMIT, {"token": token}, follow=True)

    assert "expired or was replaced" in wrong.text and "expired or was replaced" in again.text
    assert QuestionEntry.objects.count() == 0


def test_cancel_drops_the_waiting_file(office_client):
    preview(office_client, good_workbook(), category="导入")
    token = office_client.session[SESSION_KEY]["token"]

    response = office_client.post(COMMIT, {"token": token, "cancel": "1"}, follow=True)

    assert "cancelled" in response.text
    assert SESSION_KEY not in office_client.session and QuestionEntry.objects.count() == 0


def test_the_import_checks_the_bank_again_rather_than_trusting_the_preview(office_client, office):
    shown = preview(office_client, excel.write([sample_data("essay", category=("党建", "新"))]))
    token = office_client.session[SESSION_KEY]["token"]
    question_save(actor=office, data=sample_data("single", category=("党建", "新")))

    done = office_client.post(COMMIT, {"token": token}, follow=True)

    assert "党建/新" in shown.text  # to be created, at the time of the preview
    assert "1 question imported." in done.text and "New categories" not in done.text
    assert QuestionEntry.objects.filter(category__path="党建/新").count() == 2


@pytest.mark.parametrize(
    ("fmt", "content", "name", "message"),
    [
        ("gift", "题目{=对 ~错".encode(), "bank.txt", "line 1"),
        ("gift", "题目".encode("utf-16"), "bank.txt", "not UTF-8"),
        ("moodle-xml", b"<quiz><question type='x'>", "bank.xml", "not well-formed XML"),
        ("moodle-xml", b"<!DOCTYPE x [<!ENTITY a 'b'>]><quiz/>", "bank.xml", "entities"),
        ("excel", b"PK\x03\x04 not really", "bank.xlsx", "not an Excel workbook"),
        ("excel", good_workbook()[:500], "bank.xlsx", "not an Excel workbook"),
        ("excel", b"", "bank.xlsx", ""),
    ],
)
def test_a_malformed_file_is_a_message_never_a_server_error(
    office_client, fmt, content, name, message
):
    response = preview(office_client, content, fmt=fmt, name=name)

    assert response.status_code == 200
    assert message in response.text
    assert COMMIT not in response.text
    assert QuestionEntry.objects.count() == 0


def test_a_missing_file_or_format_is_a_form_error(office_client):
    response = office_client.post(IMPORT, {"fmt": "excel"})
    wrong_format = office_client.post(IMPORT, {"file": upload(b"x"), "fmt": "csv"})

    assert response.status_code == 200 and "This field is required" in response.text
    assert wrong_format.status_code == 200 and "Select a valid choice" in wrong_format.text


def test_a_file_over_the_limit_is_refused_by_the_form(office_client):
    response = preview(office_client, b"x" * (5 * 1024 * 1024 + 1))

    assert response.status_code == 200 and "larger than 5 MB" in response.text


@pytest.fixture
def bank(office):
    for code in ("single", "ordering", "essay"):
        question_save(actor=office, data=sample_data(code, category=("源", code)))
    return QuestionCategory.objects.get(path="源")


def test_the_export_page_lists_what_the_format_cannot_express_before_the_download(
    office_client, bank
):
    response = office_client.get(
        EXPORT, {"category": bank.pk, "fmt": "gift", "subcategories": "on"}
    )

    assert response.status_code == 200
    assert "3 questions of 源 in GIFT (text)." in response.text
    assert "ordering" in response.text and "GIFT cannot express" in response.text
    assert DOWNLOAD in response.text


def test_an_excel_export_says_nothing_is_missing(office_client, bank):
    response = office_client.get(
        EXPORT, {"category": bank.pk, "fmt": "excel", "subcategories": "on"}
    )

    assert "The format expresses everything in these questions." in response.text


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [
        ("excel", XLSX, ".xlsx"),
        ("gift", "text/plain; charset=utf-8", ".txt"),
        ("moodle-xml", "application/xml", ".xml"),
    ],
)
def test_a_download_has_its_type_and_name_and_imports_again(
    office_client, office, bank, fmt, content_type, extension
):
    response = office_client.get(DOWNLOAD, {"category": bank.pk, "fmt": fmt, "subcategories": "on"})

    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert f"%E6%BA%90{extension}" in response["Content-Disposition"]  # 源
    summary = question_import(
        actor=office, fmt=fmt, data=response.content, category_path=("副本",), dry_run=True
    )
    assert not summary.refused, summary.problems
    assert summary.total >= 2


def test_a_download_without_a_choice_goes_back_to_the_form(office_client):
    response = office_client.get(DOWNLOAD, {"fmt": "excel"})

    assert response.status_code == 302 and response.url == EXPORT


@pytest.mark.parametrize("person", ["trainee", "mentor"])
@pytest.mark.parametrize("url", [IMPORT, EXPORT, TEMPLATE, DOWNLOAD])
def test_trainees_and_mentors_are_sent_to_sign_in(client, request, person, url):
    client.force_login(request.getfixturevalue(person))

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("url", [IMPORT, EXPORT, TEMPLATE, DOWNLOAD])
def test_someone_in_the_admin_but_not_the_office_is_refused(client, admin_without_office, url):
    client.force_login(admin_without_office)

    response = client.get(url, follow=True)

    # Wagtail answers a PermissionDenied in its admin with its dashboard and a message.
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "do not have permission" in response.text
    assert not response.get("Content-Disposition")


@pytest.mark.parametrize("person", ["trainee", "admin_without_office"])
def test_others_cannot_post_an_import(client, request, person):
    client.force_login(request.getfixturevalue(person))

    response = client.post(IMPORT, {"file": upload(good_workbook()), "fmt": "excel"})
    commit = client.post(COMMIT, {"token": "x"})

    assert response.status_code in (302, 403) and commit.status_code in (302, 403)
    assert QuestionEntry.objects.count() == 0


def test_an_office_editor_may_import(client, editor):
    client.force_login(editor)

    assert client.get(IMPORT).status_code == 200


def test_someone_signed_out_is_sent_to_sign_in(client, db):
    response = client.get(IMPORT)

    assert response.status_code == 302 and "login" in response.url


def test_a_moodle_export_previews_its_left_out_questions_and_default_category(office_client):
    fixtures = Path(__file__).resolve().parents[2] / "fixtures" / "moodle"
    content = (fixtures / "moodle_export_unsupported_types.xml").read_bytes()
    content = content.replace("$course$/top/默认 for 参观学习".encode(), b"")  # no category at all

    response = preview(office_client, content, fmt="moodle-xml", name="moodle.xml")

    assert "Every question is correct. 1 question will be imported." in response.text
    assert "4 questions are of kinds the studio does not have" in response.text
    assert "<td>multianswer</td><td>2</td>" in response.text
    assert "“gapselect”; this question is left out." in response.text
    assert "1 question names no category and no target category was chosen" in response.text
    assert "“默认”" in response.text
    token = office_client.session[SESSION_KEY]["token"]

    committed = office_client.post(COMMIT, {"token": token, "import": "1"}, follow=True)

    assert "1 question imported." in committed.text
    assert "1 question without a category went into “默认”." in committed.text
    assert "4 questions of kinds the studio does not have were left out" in committed.text
    assert "multianswer: 2" in committed.text
    assert QuestionEntry.objects.get().category.path == "默认"


def test_the_import_page_names_the_default_category(office_client):
    assert "or into “默认”" in office_client.get(IMPORT).text


def test_a_zip_bomb_workbook_is_refused_in_the_preview(office_client):
    response = preview(office_client, xlsx_bomb(300))

    assert response.status_code == 200
    assert "Nothing was imported" in response.text
    assert "This workbook expands to 300 MB when opened, more than 50 MB" in response.text
    assert SESSION_KEY not in office_client.session
