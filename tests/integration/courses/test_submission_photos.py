"""Photos attached through the form: refused ones leave nothing behind, kept ones carry no
location, and no file outlives its row."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from courses.models import Submission, SubmissionPhoto
from courses.services import enrolment_create, submission_save
from courses.uploads import MAX_PHOTOS_PER_SUBMISSION

from .report_photos import save, stored_files

pytestmark = pytest.mark.django_db


def photo(name="p.jpg", fmt="JPEG", size=(60, 40), **options):
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, format=fmt, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("evil.jpg", b"<script>alert(1)</script>", "image/jpeg"),
            "“evil.jpg” is not a JPEG, PNG or WebP photo.",
        ),
        (photo("moving.gif", fmt="GIF"), "“moving.gif” is not a JPEG, PNG or WebP photo."),
    ],
)
def test_a_refused_photo_gives_a_message_and_nothing_is_saved(
    writer, tour, settings, upload, message
):
    response = save(writer, tour, [photo("good.jpg"), upload])

    assert response.status_code == 400
    assert message in response.text
    assert "Nothing was saved." in response.text
    assert not Submission.objects.exists()
    assert not SubmissionPhoto.objects.exists()
    assert stored_files(settings) == []


def test_a_refused_photo_leaves_an_existing_draft_as_it_was(writer, tour, settings):
    save(writer, tour, [photo()], body="<p>第一稿</p>")
    submission = Submission.objects.get()
    files = stored_files(settings)

    response = writer.post(
        reverse("courses:submission-edit", args=[submission.pk]),
        {
            "body": "<p>第二稿</p>",
            "body_format": "html",
            "new_photos": [SimpleUploadedFile("x.jpg", b"GIF89a....", "image/jpeg")],
            "action": "submit",
        },
    )

    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.body == "<p>第一稿</p>"
    assert submission.status == Submission.Status.DRAFT
    assert submission.photos.count() == 1
    assert stored_files(settings) == files


def test_the_kept_photo_has_no_location(writer, tour, settings, django_capture_on_commit_callbacks):
    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (22.0, 31.0, 5.0)

    with django_capture_on_commit_callbacks(execute=True):
        save(writer, tour, [photo("home.jpg", exif=exif)])

    kept = SubmissionPhoto.objects.get()
    assert kept.state == SubmissionPhoto.State.READY
    assert len(stored_files(settings)) == 1  # the upload, with its location, is gone
    with kept.image.open("rb") as handle:
        image = Image.open(handle)
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in image.info
    served = writer.get(reverse("courses:submission-photo", args=[kept.submission_id, kept.pk]))
    assert Image.open(io.BytesIO(b"".join(served.streaming_content))).size == (60, 40)


def test_too_many_photos_are_refused(writer, tour, settings):
    save(writer, tour, [photo(f"{n}.jpg") for n in range(MAX_PHOTOS_PER_SUBMISSION)])
    submission = Submission.objects.get()

    response = save(writer, tour, [photo("one-more.jpg")])

    assert response.status_code == 400
    assert submission.photos.count() == MAX_PHOTOS_PER_SUBMISSION
    assert len(stored_files(settings)) == MAX_PHOTOS_PER_SUBMISSION


def test_a_removed_photo_loses_its_file_once_the_removal_commits(
    writer, tour, settings, django_capture_on_commit_callbacks
):
    save(writer, tour, [photo("a.jpg"), photo("b.jpg")])
    submission = Submission.objects.get()
    first, second = submission.photos.all()

    with django_capture_on_commit_callbacks(execute=True):
        writer.post(
            reverse("courses:submission-edit", args=[submission.pk]),
            {"body": "<p>报告</p>", "body_format": "html", "remove_photos": [first.pk]},
        )

    assert list(submission.photos.all()) == [second]
    assert [path.name for path in stored_files(settings)] == [Path(second.image.name).name]


def test_files_written_for_a_failed_save_are_deleted(
    office, trainee, course, tour, settings, monkeypatch
):
    enrolment_create(actor=office, trainee=trainee, course=course)

    def fail(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("courses.services.submissions.audit_record", fail)
    with pytest.raises(RuntimeError):
        submission_save(actor=trainee, activity=tour, body="<p>x</p>", new_photos=[photo()])

    assert not SubmissionPhoto.objects.exists()
    assert stored_files(settings) == []
