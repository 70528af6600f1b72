"""Photos are judged by their headers in the request, within per-request budgets, and decoded
and re-encoded afterwards by a Celery task, one photo at a time; until then the page shows the
photo as being processed and never serves the upload."""

import io
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from courses import tasks, uploads
from courses.models import Submission, SubmissionPhoto
from courses.services import enrolment_create, submission_save
from lms.audit.models import AuditEntry

from .report_photos import noise_jpeg, save, stored_files

pytestmark = pytest.mark.django_db


def jpeg(name="p.jpg", size=(60, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def edit_page(client, submission):
    return client.get(reverse("courses:submission-edit", args=[submission.pk]))


def photo_url(photo):
    return reverse("courses:submission-photo", args=[photo.submission_id, photo.pk])


@pytest.fixture(scope="module")
def camera_photo() -> bytes:
    """One photo of 39.7 megapixels (7296 × 5440), as a high-end camera takes them."""
    buffer = io.BytesIO()
    Image.new("RGB", (7296, 5440), "orange").save(buffer, format="JPEG", quality=60)
    return buffer.getvalue()


def test_twelve_camera_photos_are_refused_in_the_request_without_decoding_any(
    writer, tour, settings, camera_photo, monkeypatch
):
    def no_decoding(*args, **kwargs):
        raise AssertionError("a photo was decoded in the request")

    monkeypatch.setattr(uploads, "_decode", no_decoding)
    photos = [SimpleUploadedFile(f"{n}.jpg", camera_photo, "image/jpeg") for n in range(12)]

    started = time.perf_counter()
    response = save(writer, tour, photos)
    elapsed = time.perf_counter() - started

    assert response.status_code == 400
    assert "These photos have 476 megapixels together; at most 150 can be added" in response.text
    assert "Nothing was saved." in response.text
    assert elapsed < 5, f"the refusal took {elapsed:.2f} s"
    assert not Submission.objects.exists() and not SubmissionPhoto.objects.exists()
    assert stored_files(settings) == []


def test_the_bytes_of_a_request_are_capped_before_anything_is_decoded(
    writer, tour, settings, monkeypatch
):
    monkeypatch.setattr(uploads, "MAX_REQUEST_PHOTO_BYTES", 1000)

    response = save(writer, tour, [jpeg("a.jpg"), jpeg("b.jpg"), jpeg("c.jpg")])

    assert response.status_code == 400
    assert "can be added at a time. Add them in several saves" in response.text
    assert "These photos come to" in response.text
    assert stored_files(settings) == []


def test_the_number_of_photos_a_request_adds_is_capped(office, trainee, course, tour):
    enrolment_create(actor=office, trainee=trainee, course=course)

    with pytest.raises(ValidationError) as refused:
        submission_save(
            actor=trainee,
            activity=tour,
            body="<p>x</p>",
            new_photos=[jpeg(f"{n}.jpg") for n in range(uploads.MAX_PHOTOS_PER_REQUEST + 1)],
        )

    assert refused.value.messages == ["You can add at most 12 photos at a time; you chose 13."]
    assert not SubmissionPhoto.objects.exists()


def test_a_photo_is_processed_by_a_task_enqueued_on_commit(
    writer, tour, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        save(writer, tour, [jpeg("a.jpg", size=(3000, 2000))])

    photo = SubmissionPhoto.objects.get()
    assert photo.state == SubmissionPhoto.State.PROCESSING
    assert (photo.width, photo.height) == (3000, 2000)  # the header's, until processed
    assert len(callbacks) == 1
    page = edit_page(writer, photo.submission)
    assert "This photo is being processed." in page.text
    assert photo_url(photo) not in page.text
    assert writer.get(photo_url(photo)).status_code == 404  # the upload is never served
    upload_name = photo.image.name

    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()  # the task, run eagerly as in the quick start

    photo.refresh_from_db()
    assert photo.state == SubmissionPhoto.State.READY
    assert (photo.width, photo.height) == (2560, 1707)
    assert photo.image.name != upload_name
    assert [path.name for path in stored_files(settings)] == [Path(photo.image.name).name]
    assert photo_url(photo) in edit_page(writer, photo.submission).text
    served = writer.get(photo_url(photo))
    assert Image.open(io.BytesIO(b"".join(served.streaming_content))).size == (2560, 1707)
    assert AuditEntry.objects.filter(action="submission.photo_process").count() == 1


def test_the_task_is_safe_to_run_twice(writer, tour, settings, django_capture_on_commit_callbacks):
    save(writer, tour, [jpeg()])
    photo = SubmissionPhoto.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.submission_photo_process(photo.pk)
    with django_capture_on_commit_callbacks(execute=True):
        second = tasks.submission_photo_process(photo.pk)

    assert (first, second) == ("ready", None)
    photo.refresh_from_db()
    assert [path.name for path in stored_files(settings)] == [Path(photo.image.name).name]
    assert AuditEntry.objects.filter(action="submission.photo_process").count() == 1


def test_a_task_for_a_photo_removed_meanwhile_does_nothing(writer, tour, settings):
    save(writer, tour, [jpeg()])
    photo = SubmissionPhoto.objects.get()
    photo.delete()

    assert tasks.submission_photo_process(photo.pk) is None


def test_a_damaged_photo_is_marked_and_its_upload_deleted(
    writer, tour, settings, django_capture_on_commit_callbacks
):
    cut = SimpleUploadedFile("cut.jpg", noise_jpeg()[:3000], "image/jpeg")

    with django_capture_on_commit_callbacks(execute=True):
        response = save(writer, tour, [jpeg("good.jpg"), cut])

    assert response.status_code == 302
    good, damaged = SubmissionPhoto.objects.order_by("pk")
    assert (good.state, damaged.state) == ("ready", "failed")
    assert [path.name for path in stored_files(settings)] == [Path(good.image.name).name]
    page = edit_page(writer, damaged.submission)
    assert "This photo could not be read: the file is damaged or incomplete." in page.text
    assert writer.get(photo_url(damaged)).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        writer.post(
            reverse("courses:submission-edit", args=[damaged.submission_id]),
            {"body": "<p>报告</p>", "body_format": "html", "remove_photos": [damaged.pk]},
        )

    assert list(SubmissionPhoto.objects.all()) == [good]


def test_the_edit_page_states_the_budgets_of_one_save(writer, tour):
    page = writer.get(reverse("courses:submission-start", args=[tour.pk]))

    assert "Photos added in one save: at most 64.0\xa0MB and 150 megapixels together." in page.text
