"""Trainees' files are kept where no URL serves them."""

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings

from courses.storage import private_storage


def test_private_files_have_no_public_url_and_live_under_media_private(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    name = private_storage().save("certificates/x.pdf", ContentFile(b"%PDF-1.4"))

    assert (tmp_path / "private" / name).exists()
    with pytest.raises(ValueError):
        private_storage().url(name)


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_the_debug_media_server_refuses_the_private_folder(client, settings, tmp_path):
    from django.urls import clear_url_caches

    import lms.urls

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secret.txt").write_text("private")
    (tmp_path / "public.txt").write_text("public")
    from importlib import reload

    reload(lms.urls)
    clear_url_caches()
    try:
        assert client.get("/media/public.txt").status_code == 200
        assert client.get("/media/private/secret.txt").status_code == 404
    finally:
        settings.DEBUG = False
        reload(lms.urls)
        clear_url_caches()
