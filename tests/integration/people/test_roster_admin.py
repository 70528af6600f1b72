"""The roster import in the admin: upload, preview, confirm; or the list of rows to fix."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from lms.people.models import User
from lms.people.roster import MAX_FILE_BYTES
from tests.factories.people import roster_workbook

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("people_roster:upload")
CONFIRM_URL = reverse("people_roster:confirm")
TEMPLATE_URL = reverse("people_roster:template")
ROWS = [
    ("zhangwei", "张伟", "13800138000", "", "桃源社区", "学员"),
    ("lina", "李娜", "13900139000", "", "桃源社区", "mentor"),
]


def _upload(client, data, name="roster.xlsx"):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, data)})


def test_the_upload_page_offers_the_template(office_client):
    response = office_client.get(UPLOAD_URL)

    assert response.status_code == 200
    assert TEMPLATE_URL in response.text
    assert "手机号" in response.text


def test_upload_preview_confirm(office_client, taoyuan):
    preview = _upload(office_client, roster_workbook(ROWS))

    assert preview.status_code == 200
    assert "2 people will be created" in preview.text
    assert "张伟" in preview.text and "Mentor" in preview.text
    assert not User.objects.filter(username__in=["zhangwei", "lina"]).exists()

    confirmed = office_client.post(CONFIRM_URL, {"payload": preview.context["payload"]})

    assert confirmed.status_code == 302
    assert confirmed.url == reverse("wagtailusers_users:index")
    assert User.objects.get(username="lina").community == taoyuan
    listing = office_client.get(confirmed.url)
    assert "2 people imported." in listing.text


def test_wrong_rows_are_listed_and_nothing_is_saved(office_client, taoyuan):
    rows = [*ROWS, ("wangfang", "王芳", "12345", "", "没有社区", "学员")]

    response = _upload(office_client, roster_workbook(rows))

    assert response.status_code == 200
    assert "Nothing was imported: 1 row needs correcting." in response.text
    assert [(p.row, p.column) for p in response.context["problems"]] == [
        (4, "手机号"),
        (4, "社区"),
    ]
    assert "payload" not in response.context
    assert not User.objects.filter(username="zhangwei").exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("roster.xlsx", b"not a workbook", "could not be read as an Excel workbook"),
        ("roster.xls", b"\xd0\xcf\x11\xe0", "ending in .xlsx"),
        ("roster.csv", b"a,b\n", "ending in .xlsx"),
        ("roster.xlsx", roster_workbook([], headers=("名字",)), "does not have the roster"),
        ("roster.xlsx", roster_workbook([]), "no people"),
        ("roster.xlsx", b"x" * (MAX_FILE_BYTES + 1), "larger than 2 MB"),
    ],
    ids=["garbage", "xls", "csv", "headers", "empty", "too-big"],
)
def test_bad_files_get_a_message_not_an_error(office_client, name, data, message):
    response = _upload(office_client, data, name)

    assert response.status_code == 200
    assert message in response.context["form"].errors["file"][0]


def test_a_tampered_preview_is_refused(office_client, taoyuan):
    preview = _upload(office_client, roster_workbook(ROWS))
    payload = preview.context["payload"]

    response = office_client.post(CONFIRM_URL, {"payload": payload[:-2] + "xx"}, follow=True)

    assert response.redirect_chain[-1][0] == UPLOAD_URL
    assert "Upload the file again" in response.text
    assert not User.objects.filter(username="zhangwei").exists()


def test_a_conflict_after_the_preview_is_reported_at_confirmation(office_client, taoyuan):
    preview = _upload(office_client, roster_workbook(ROWS))
    User.objects.create(username="zhangwei", display_name="抢先")

    response = office_client.post(CONFIRM_URL, {"payload": preview.context["payload"]})

    assert response.status_code == 200
    assert "already exists" in response.text
    assert not User.objects.filter(username="lina").exists()


def test_the_template_round_trips_through_the_import(office_client, taoyuan):
    download = office_client.get(TEMPLATE_URL)

    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    data = b"".join(download.streaming_content)
    assert load_workbook(io.BytesIO(data)).worksheets[0]["E2"].value == "桃源社区"

    preview = _upload(office_client, data, "人员名单导入模板.xlsx")
    assert "1 person will be created" in preview.text
    office_client.post(CONFIRM_URL, {"payload": preview.context["payload"]})

    assert User.objects.get(username="zhangwei").community == taoyuan


@pytest.mark.parametrize("url", [UPLOAD_URL, TEMPLATE_URL])
def test_a_trainee_is_sent_to_the_login(trainee_client, url):
    response = trainee_client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_a_trainee_cannot_confirm(trainee_client, taoyuan):
    response = trainee_client.post(CONFIRM_URL, {"payload": "anything"})

    assert response.status_code == 302
    assert not User.objects.filter(username="zhangwei").exists()


@pytest.mark.parametrize("url", [UPLOAD_URL, TEMPLATE_URL])
def test_an_editor_without_people_permissions_is_turned_away(editor_client, url):
    response = editor_client.get(url)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
