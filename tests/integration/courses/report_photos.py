"""Helpers for the study-tour report's photo tests: a photo that does not compress to nothing,
the files kept in private storage, and the report form's save."""

import io
from pathlib import Path

from django.urls import reverse
from PIL import Image


def noise_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((120, 90), 64).convert("RGB").save(buffer, format="JPEG")
    assert buffer.tell() > 6000
    return buffer.getvalue()


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "private" / "submissions"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def save(client, tour, photos, body="<p>报告</p>", **extra):
    return client.post(
        reverse("courses:submission-start", args=[tour.pk]),
        {"body": body, "body_format": "html", "new_photos": photos, "action": "save", **extra},
    )
