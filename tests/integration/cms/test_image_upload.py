"""A damaged upload in the Wagtail admin's image pages is a clear message, never a 500.

Three routes take an image file: the image page (add), the multiple uploader and the image
chooser's upload tab. Each gets a PNG cut short in transfer (its header is whole, so it is
recognised as a PNG, but its picture data ends early) and a text file named .png. Each says
what is wrong and saves nothing; a whole PNG still uploads.
"""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from lms.people.roles import OFFICE_ADMIN, OFFICE_EDITOR, OFFICE_REVIEWER, TRAINEE
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

DAMAGED = "This image file is damaged or incomplete and cannot be read."
NOT_AN_IMAGE = "Upload a valid image."


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.effect_noise((320, 240), 64).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


WHOLE = _png()
FILES = {
    "truncated": ("截断.png", WHOLE[: len(WHOLE) // 2]),
    "not an image": ("说明.png", "这不是图片，是一段文字。".encode() * 20),
}


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def admin_client(client):
    # The office editor, who looks after the curriculum's pictures.
    client.force_login(user_with_role(OFFICE_EDITOR, username="editor"))
    return client


def _add(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "图片",
            "file": SimpleUploadedFile(name, content, "image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def _add_multiple(client, name, content):
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content, "image/png")},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )


def _chooser_upload(client, name, content):
    return client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "图片",
            "image-chooser-upload-file": SimpleUploadedFile(name, content, "image/png"),
            "image-chooser-upload-collection": Collection.get_first_root_node().pk,
        },
    )


def _page_text(response) -> str:
    """What the person sees: the page, or the HTML inside the JSON the dialogs receive."""
    if response["Content-Type"].startswith("application/json"):
        data = json.loads(response.content)
        return json.dumps(data, ensure_ascii=False)
    return response.content.decode()


@pytest.mark.parametrize("route", [_add, _add_multiple, _chooser_upload])
@pytest.mark.parametrize(
    ("kind", "message"), [("truncated", DAMAGED), ("not an image", NOT_AN_IMAGE)]
)
def test_a_bad_file_is_a_message_and_saves_nothing(admin_client, route, kind, message):
    name, content = FILES[kind]

    response = route(admin_client, name, content)

    assert response.status_code == 200
    assert message in _page_text(response)
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("route", [_add, _add_multiple, _chooser_upload])
def test_a_whole_png_still_uploads(admin_client, route):
    response = route(admin_client, "完整.png", WHOLE)

    assert response.status_code in (200, 302)
    image = get_image_model().objects.get()
    assert (image.width, image.height) == (320, 240)


def test_the_damaged_message_is_in_chinese_too(admin_client, settings):
    settings.LANGUAGE_CODE = "zh-hans"

    response = _add(admin_client, *FILES["truncated"])

    assert response.status_code == 200
    assert "图片文件已损坏或不完整" in response.content.decode()


@pytest.mark.parametrize("role", [OFFICE_EDITOR, OFFICE_REVIEWER, OFFICE_ADMIN])
@pytest.mark.parametrize("route", [_add, _add_multiple, _chooser_upload])
def test_every_office_role_uploads_images(client, role, route):
    # Wagtail asks for image permissions per collection: the roles hold them on the root.
    client.force_login(user_with_role(role, username="office"))

    response = route(client, "完整.png", WHOLE)

    assert response.status_code in (200, 302)
    assert get_image_model().objects.count() == 1


def test_a_trainee_uploads_no_image(client):
    client.force_login(user_with_role(TRAINEE, username="trainee"))

    response = _add(client, "完整.png", WHOLE)

    assert response.status_code in (302, 403)
    assert not get_image_model().objects.exists()
