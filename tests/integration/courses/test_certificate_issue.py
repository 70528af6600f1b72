"""Issuing certificates: on completion, after the commit, once, with both files and a QR code."""

import io
import re
import threading
from decimal import Decimal

import pytest
import segno
from django.db import connection
from django.utils import timezone
from PIL import Image

from courses.certificates.display import verify_url
from courses.certificates.fonts import MissingGlyphs
from courses.certificates.render import QR_ERROR_LEVEL, png_qr_placement
from courses.certificates.serial import serial_allocate, serial_format
from courses.exceptions import EngineRefusal
from courses.models import Certificate, CertificateSerialCounter, Enrolment
from courses.services import (
    activity_confirm,
    certificate_issue,
    enrolment_create,
    hours_credit_manual,
)
from courses.tasks import certificate_issue as certificate_issue_task
from courses.tasks import certificates_sweep
from lms.audit.models import AuditEntry
from lms.people.roles import TRAINEE
from tests.factories import CoursePageFactory, LecturePageFactory, user_with_role

pytestmark = pytest.mark.django_db

RARE = "\U00020000"  # CJK Extension B: not in the certificate font


def _complete(*, office, trainee, course, activities, capture):
    """Enrol the trainee and complete the activities, running what was queued for the commit."""
    enrolment = enrolment_create(actor=office, trainee=trainee, course=course)
    with capture(execute=True):
        for activity in activities:
            activity_confirm(trainee=trainee, activity=activity)
    enrolment.refresh_from_db()
    return enrolment


def _qr_matches(png: bytes, url: str) -> bool:
    """Whether the QR code drawn in the PNG is, module for module, the QR code of ``url``."""
    image = Image.open(io.BytesIO(png)).convert("L")
    expected = segno.make(url, error=QR_ERROR_LEVEL, micro=False)
    left, top, module = png_qr_placement(expected)
    for row, values in enumerate(expected.matrix_iter(scale=1, border=0)):
        for column, dark in enumerate(values):
            x, y = left + column * module + module // 2, top + row * module + module // 2
            if (image.getpixel((x, y)) < 128) != bool(dark):
                return False
    return True


def test_completing_the_last_required_activity_issues_the_certificate_after_the_commit(
    office, django_capture_on_commit_callbacks, course
):
    # Given a trainee with one of two required activities done, and an optional one
    trainee = user_with_role(TRAINEE, username="zhang", display_name="张晓华")
    first = LecturePageFactory(parent=course, learning_hours="2.0")
    second = LecturePageFactory(parent=course, learning_hours="1.5")
    optional = LecturePageFactory(parent=course, learning_hours="0.5", is_required=False)
    enrolment = _complete(
        office=office,
        trainee=trainee,
        course=course,
        activities=[optional, first],
        capture=django_capture_on_commit_callbacks,
    )
    assert not Certificate.objects.exists()

    # When the last required activity is completed
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        activity_confirm(trainee=trainee, activity=second)

    # Then nothing is issued inside the transaction; the task runs once it commits
    assert not Certificate.objects.exists()
    assert callbacks
    for callback in callbacks:
        callback()
    certificate = Certificate.objects.get()
    assert certificate.enrolment_id == enrolment.pk
    assert certificate.trainee == trainee
    assert certificate.trainee_name == "张晓华"
    assert certificate.course_title == course.title
    assert certificate.hours == Decimal("4.0")  # every credited activity of the course
    assert re.fullmatch(rf"YH-{timezone.localdate().year}-000001", certificate.serial)
    with certificate.png.open("rb") as png, certificate.pdf.open("rb") as pdf:
        assert png.read(8) == b"\x89PNG\r\n\x1a\n"
        assert pdf.read(5) == b"%PDF-"
    assert AuditEntry.objects.filter(action="certificate.issue").count() == 1


def test_the_qr_code_in_the_png_opens_the_verification_page(
    office, trainee, course, online_lecture, django_capture_on_commit_callbacks
):
    _complete(
        office=office,
        trainee=trainee,
        course=course,
        activities=[online_lecture],
        capture=django_capture_on_commit_callbacks,
    )
    certificate = Certificate.objects.get()

    url = verify_url(certificate.verification_code)
    assert url.endswith(f"/learn/certificates/verify/{certificate.verification_code}/")
    with certificate.png.open("rb") as png:
        drawn = png.read()
    assert _qr_matches(drawn, url)
    assert not _qr_matches(drawn, url.replace(str(certificate.verification_code), "0" * 32))


def test_running_the_task_again_issues_no_second_certificate(
    office, trainee, course, online_lecture, django_capture_on_commit_callbacks
):
    enrolment = _complete(
        office=office,
        trainee=trainee,
        course=course,
        activities=[online_lecture],
        capture=django_capture_on_commit_callbacks,
    )
    first = Certificate.objects.get()

    assert certificate_issue_task.delay(enrolment.pk).get() == first.serial
    assert certificate_issue_task(enrolment.pk) == first.serial

    again = Certificate.objects.get()
    assert (again.pk, again.png.name, again.pdf.name) == (first.pk, first.png.name, first.pdf.name)
    assert AuditEntry.objects.filter(action="certificate.issue").count() == 1


def test_the_task_issues_nothing_for_an_unfinished_or_missing_enrolment(office, trainee, course):
    enrolment = enrolment_create(actor=office, trainee=trainee, course=course)

    assert certificate_issue_task(enrolment.pk) is None
    assert certificate_issue_task(enrolment.pk + 1000) is None
    with pytest.raises(EngineRefusal):
        certificate_issue(enrolment=enrolment)
    assert not Certificate.objects.exists()


def test_serials_follow_each_other_within_the_year(
    office, course, online_lecture, django_capture_on_commit_callbacks
):
    for username in ("first", "second"):
        _complete(
            office=office,
            trainee=user_with_role(TRAINEE, username=username),
            course=course,
            activities=[online_lecture],
            capture=django_capture_on_commit_callbacks,
        )

    year = timezone.localdate().year
    assert sorted(Certificate.objects.values_list("serial", flat=True)) == [
        f"YH-{year}-000001",
        f"YH-{year}-000002",
    ]
    assert CertificateSerialCounter.objects.get(year=year).last_number == 2
    assert serial_allocate(year + 1) == f"YH-{year + 1}-000001"


def test_a_years_counter_starts_after_the_serials_issued_before_it(
    office, trainee, course, online_lecture, django_capture_on_commit_callbacks
):
    # Given a certificate numbered 41 this year, issued before the year had a counter row
    year = timezone.localdate().year
    earlier = _completed_enrolment(user_with_role(TRAINEE, username="earlier"), course)
    Certificate.objects.create(
        enrolment=earlier,
        trainee=earlier.trainee,
        course=course,
        serial=serial_format(year, 41),
        trainee_name="王芳",
        course_title=course.title,
        hours=Decimal("2.0"),
        issued_at=timezone.now(),
    )
    assert not CertificateSerialCounter.objects.exists()

    _complete(
        office=office,
        trainee=trainee,
        course=course,
        activities=[online_lecture],
        capture=django_capture_on_commit_callbacks,
    )

    assert Certificate.objects.get(trainee=trainee).serial == serial_format(year, 42)


def test_the_hours_are_the_credits_for_this_courses_activities_only(
    office, trainee, tree, course, online_lecture, django_capture_on_commit_callbacks
):
    other_course = CoursePageFactory(parent=tree[1])
    other_lecture = LecturePageFactory(parent=other_course, learning_hours="3.0")
    enrolment_create(actor=office, trainee=trainee, course=other_course)
    activity_confirm(trainee=trainee, activity=other_lecture)
    hours_credit_manual(actor=office, trainee=trainee, hours=5, reason="区委党校培训")

    _complete(
        office=office,
        trainee=trainee,
        course=course,
        activities=[online_lecture],
        capture=django_capture_on_commit_callbacks,
    )

    assert Certificate.objects.get(course_id=course.pk).hours == Decimal("2.0")


def test_a_name_the_font_cannot_draw_issues_the_certificate_without_files(
    office, course, online_lecture, django_capture_on_commit_callbacks, settings
):
    trainee = user_with_role(TRAINEE, username="rare", display_name=f"张{RARE}")

    # The trainee's completion goes through, and so does the certificate; the task logs that
    # its files cannot be drawn, and does not retry in vain.
    enrolment = _complete(
        office=office,
        trainee=trainee,
        course=course,
        activities=[online_lecture],
        capture=django_capture_on_commit_callbacks,
    )
    assert enrolment.status == Enrolment.Status.COMPLETED
    certificate = Certificate.objects.get()
    assert certificate_issue_task(enrolment.pk) == certificate.serial
    with pytest.raises(MissingGlyphs):
        certificate_issue(enrolment=enrolment)

    # Nothing half-drawn is left behind, and the sweeper keeps trying without failing
    certificate.refresh_from_db()
    assert not certificate.has_files
    media = settings.MEDIA_ROOT / "private" / "certificates"
    assert not media.exists() or not any(media.iterdir())
    assert certificates_sweep() == 0
    assert Certificate.objects.get().pk == certificate.pk
    assert AuditEntry.objects.filter(action="certificate.issue").count() == 1


def _completed_enrolment(trainee, course):
    # Set up directly: completing through the services would issue the certificate at once,
    # since outside a test transaction every commit runs its on-commit callbacks.
    return Enrolment.objects.create(
        trainee=trainee,
        course=course,
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.now(),
    )


def _race(enrolments):
    barrier = threading.Barrier(len(enrolments))
    serials, errors = [], []

    def issue(enrolment):
        try:
            barrier.wait()
            serials.append(certificate_issue(enrolment=enrolment).serial)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(e,)) for e in enrolments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    return serials


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_issuing_the_same_certificate_at_once_make_one(trainee, course):
    enrolment = _completed_enrolment(trainee, course)

    serials = _race([enrolment, enrolment])

    assert Certificate.objects.count() == 1
    assert serials == [Certificate.objects.get().serial] * 2


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_certificates_issued_at_once_get_different_serials(course):
    enrolments = [
        _completed_enrolment(user_with_role(TRAINEE, username=f"racer{n}"), course)
        for n in range(2)
    ]

    serials = _race(enrolments)

    year = timezone.localdate().year
    assert sorted(serials) == [f"YH-{year}-000001", f"YH-{year}-000002"]
