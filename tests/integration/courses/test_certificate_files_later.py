"""The certificate row first, its files after: a failure in drawing loses nothing, and a retry
of the task or the sweeper finishes the job without issuing a second certificate."""

import pytest
from celery.exceptions import Retry
from celery.schedules import crontab
from django.urls import reverse
from django.utils import timezone

from courses.models import Certificate, Enrolment
from courses.services import activity_confirm, certificate_issue, enrolment_create
from courses.services import certificates as certificate_services
from courses.tasks import certificate_issue as certificate_issue_task
from courses.tasks import certificates_sweep
from lms.audit.models import AuditEntry
from lms.celery import app as celery_app
from lms.people.roles import TRAINEE
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


class DiskFull(OSError):
    pass


def _failing(real, failures: int):
    """``real``, except that its first ``failures`` calls raise ``DiskFull``."""
    calls = {"count": 0}

    def draw(*args, **kwargs):
        calls["count"] += 1
        if calls["count"] <= failures:
            raise DiskFull("no space left on device")
        return real(*args, **kwargs)

    draw.calls = calls
    return draw


def _completed(trainee, course) -> Enrolment:
    # Set up directly, so that no task has run for it yet.
    return Enrolment.objects.create(
        trainee=trainee,
        course=course,
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.now(),
    )


def _files_of(certificate: Certificate) -> tuple[bytes, bytes]:
    with certificate.png.open("rb") as png, certificate.pdf.open("rb") as pdf:
        return png.read(8), pdf.read(5)


def test_a_failure_in_drawing_keeps_the_issued_certificate_and_a_second_run_draws_its_files(
    trainee, course, monkeypatch, settings
):
    enrolment = _completed(trainee, course)
    real = certificate_services.render_pdf
    monkeypatch.setattr(certificate_services, "render_pdf", _failing(real, 1))

    # When drawing fails after the row was committed
    with pytest.raises(DiskFull):
        certificate_issue(enrolment=enrolment)

    # Then the certificate is issued, with its serial, and no file was stored half-way
    issued = Certificate.objects.get()
    assert issued.serial and not issued.has_files
    media = settings.MEDIA_ROOT / "private" / "certificates"
    assert not media.exists() or not any(media.iterdir())

    # And running again draws the files of the same certificate, issued once
    again = certificate_issue(enrolment=enrolment)
    assert (again.pk, again.serial) == (issued.pk, issued.serial)
    assert _files_of(Certificate.objects.get()) == (b"\x89PNG\r\n\x1a\n", b"%PDF-")
    assert AuditEntry.objects.filter(action="certificate.issue").count() == 1


def test_the_task_retries_a_passing_failure_and_the_retry_draws_the_files(
    trainee, course, monkeypatch
):
    enrolment = _completed(trainee, course)
    failing = _failing(certificate_services.render_png, 1)
    monkeypatch.setattr(certificate_services, "render_png", failing)

    # The first run asks Celery to run it again (eager here: the retry is raised, not queued)
    with pytest.raises(Retry) as retry:
        certificate_issue_task.apply(args=[enrolment.pk])
    assert isinstance(retry.value.exc, DiskFull)
    certificate = Certificate.objects.get()
    assert not certificate.has_files

    # The retry finishes the same certificate
    assert certificate_issue_task.apply(args=[enrolment.pk]).get() == certificate.serial
    assert failing.calls["count"] == 2
    assert Certificate.objects.get().has_files
    assert AuditEntry.objects.filter(action="certificate.issue").count() == 1


def test_the_issuing_task_is_acknowledged_late_and_retried_with_backoff():
    task = celery_app.tasks["courses.tasks.certificate_issue"]

    assert task.acks_late and task.reject_on_worker_lost
    assert Exception in task.autoretry_for
    assert task.retry_backoff and task.retry_jitter and task.max_retries >= 5


def test_the_sweeper_issues_missing_certificates_and_draws_missing_files(
    office, course, online_lecture, monkeypatch
):
    # Given a completed enrolment whose task was lost, one whose files failed to draw,
    # one complete certificate, and an enrolment still in progress
    lost = _completed(user_with_role(TRAINEE, username="lost"), course)
    undrawn = _completed(user_with_role(TRAINEE, username="undrawn"), course)
    done = _completed(user_with_role(TRAINEE, username="done"), course)
    in_progress = enrolment_create(
        actor=office, trainee=user_with_role(TRAINEE, username="busy"), course=course
    )
    complete = certificate_issue(enrolment=done)
    real = certificate_services.render_png
    monkeypatch.setattr(certificate_services, "render_png", _failing(real, 1))
    with pytest.raises(DiskFull):
        certificate_issue(enrolment=undrawn)
    monkeypatch.setattr(certificate_services, "render_png", real)
    serial_before = Certificate.objects.get(enrolment=undrawn).serial

    # When the sweeper runs (twice: the second run finds nothing to do)
    assert certificates_sweep() == 2
    assert certificates_sweep() == 0

    # Then every completed enrolment has one certificate with its files, the rest none
    by_enrolment = {c.enrolment_id: c for c in Certificate.objects.all()}
    assert set(by_enrolment) == {lost.pk, undrawn.pk, done.pk}
    assert in_progress.pk not in by_enrolment
    assert all(c.has_files for c in by_enrolment.values())
    assert by_enrolment[undrawn.pk].serial == serial_before
    assert by_enrolment[done.pk].png.name == complete.png.name
    assert len({c.serial for c in by_enrolment.values()}) == 3
    assert AuditEntry.objects.filter(action="certificate.issue").count() == 3


def test_the_sweeper_is_scheduled_every_ten_minutes():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["certificates-sweep"]

    celery_app.loader.import_default_modules()
    assert entry["task"] == "courses.tasks.certificates_sweep"
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"] == crontab(minute="*/10")


def test_the_list_and_download_cope_with_a_certificate_whose_files_are_not_drawn_yet(
    client, trainee, course, online_lecture, office, monkeypatch
):
    enrolment = enrolment_create(actor=office, trainee=trainee, course=course)
    activity_confirm(trainee=trainee, activity=online_lecture)  # its task is not run here
    monkeypatch.setattr(
        certificate_services, "render_pdf", _failing(certificate_services.render_pdf, 1)
    )
    with pytest.raises(DiskFull):
        certificate_issue(enrolment=enrolment)
    certificate = Certificate.objects.get()
    client.force_login(trainee)

    listing = client.get(reverse("courses:certificate-list"))
    download = client.get(reverse("courses:certificate-download", args=[certificate.pk, "pdf"]))

    assert listing.status_code == 200
    page = listing.content.decode()
    assert certificate.serial in page
    assert "being prepared" in page
    assert reverse("courses:certificate-download", args=[certificate.pk, "pdf"]) not in page
    assert download.status_code == 302
    assert download["Location"] == reverse("courses:certificate-list")
    follow = client.get(download["Location"])
    assert "still being prepared" in follow.content.decode()
