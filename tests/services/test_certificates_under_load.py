"""Certificates under load, on PostgreSQL with real Celery workers on Redis.

Fifty trainees completing the same course at the same moment must get fifty certificates with
fifty serials, one after the other; and a worker killed while it draws a certificate must lose
none: once another worker and the sweeper have run, every completed enrolment has exactly one
certificate with its files. Transactional database: the workers' connections must see what
the test committed (serialized rollback brings back what the migrations created).
"""

import os
import pathlib
import signal
import subprocess
import sys
import time
import urllib.parse

import pytest
from django.conf import settings
from django.db import connection

from courses.certificates.serial import serial_parse
from courses.models import Certificate, Enrolment
from courses.services import activity_confirm, enrolment_create
from courses.tasks import certificates_sweep
from lms.audit.models import AuditEntry
from lms.people.roles import OFFICE_ADMIN, TRAINEE
from tests.factories import LecturePageFactory, studio_tree, user_with_role

from .conftest import RESULT_TIMEOUT, celery_on_redis, race, worker_on

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TRAINEES = 50
WORKER_THREADS = 8  # the worker's concurrency: eight certificates issued at the same moment
KILLED_TRAINEES = 5
WAIT_SECONDS = 45


def _course_with_trainees(count: int):
    """A course of one lecture, and ``count`` trainees enrolled on it; the lecture, enrolments."""
    office = user_with_role(OFFICE_ADMIN, username="office")
    lecture = LecturePageFactory(parent=studio_tree()[2], learning_hours="2.0")
    course = lecture.get_parent()
    enrolments = [
        enrolment_create(
            actor=office,
            trainee=user_with_role(TRAINEE, username=f"trainee{n:02d}", display_name=f"学员{n}"),
            course=course,
        )
        for n in range(count)
    ]
    return lecture, enrolments


def _drawn() -> int:
    return Certificate.objects.exclude(png="").exclude(pdf="").count()


def _wait_until(condition, timeout: float = WAIT_SECONDS) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def _assert_one_drawn_certificate_per_completed_enrolment():
    completed = set(
        Enrolment.objects.filter(status=Enrolment.Status.COMPLETED).values_list("pk", flat=True)
    )
    certificates = list(Certificate.objects.all())
    assert sorted(c.enrolment_id for c in certificates) == sorted(completed)
    assert all(c.has_files for c in certificates)
    for certificate in certificates:
        assert certificate.png.storage.exists(certificate.png.name)
        assert certificate.pdf.storage.exists(certificate.pdf.name)
    numbers = sorted(serial_parse(c.serial)[1] for c in certificates)
    assert numbers == list(range(1, len(completed) + 1))  # distinct, and no gaps
    assert AuditEntry.objects.filter(action="certificate.issue").count() == len(completed)


def test_fifty_trainees_completing_a_course_at_once_get_fifty_certificates(redis_url):
    lecture, enrolments = _course_with_trainees(TRAINEES)
    trainees = [enrolment.trainee for enrolment in enrolments]

    with (
        celery_on_redis(redis_url) as queue,
        worker_on(queue, pool="threads", concurrency=WORKER_THREADS),
    ):
        # When every trainee confirms the last lecture at the same moment, each on their own
        # connection; each completion sends its certificate task to the worker on commit
        started = time.monotonic()
        race(
            [
                lambda trainee=trainee: activity_confirm(trainee=trainee, activity=lecture)
                for trainee in trainees
            ]
        )
        completed = time.monotonic() - started
        all_drawn = _wait_until(lambda: _drawn() == TRAINEES)
        elapsed = time.monotonic() - started

    print(
        f"\n{TRAINEES} completions at once: committed in {completed:.1f} s; "
        f"{Certificate.objects.count()} certificates, {_drawn()} drawn, "
        f"after {elapsed:.1f} s ({WORKER_THREADS} worker threads)"
    )
    assert all_drawn, f"{_drawn()} of {TRAINEES} certificates drawn after {WAIT_SECONDS} s"
    assert Enrolment.objects.filter(status=Enrolment.Status.COMPLETED).count() == TRAINEES
    assert len(set(Certificate.objects.values_list("serial", flat=True))) == TRAINEES
    _assert_one_drawn_certificate_per_completed_enrolment()


def _test_database_url() -> str:
    """DATABASE_URL, naming the test database this test runs on (for another process)."""
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return url._replace(path=f"/{connection.settings_dict['NAME']}").geturl()


def _start_hanging_worker(queue: str, marker: pathlib.Path, log: pathlib.Path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": _test_database_url(),
    }
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.services.hanging_draw_worker", queue, str(marker)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def test_a_worker_killed_while_drawing_loses_no_certificate(redis_url, tmp_path):
    lecture, enrolments = _course_with_trainees(KILLED_TRAINEES)
    marker, log = tmp_path / "drawing", tmp_path / "worker.log"

    with celery_on_redis(redis_url) as queue:
        # Given a worker in its own process that hangs in the middle of drawing a certificate
        process = _start_hanging_worker(queue, marker, log)
        try:
            for enrolment in enrolments:
                activity_confirm(trainee=enrolment.trainee, activity=lecture)
            drawing = _wait_until(marker.exists, timeout=RESULT_TIMEOUT)
            assert drawing, f"the worker never started drawing:\n{log.read_text()}"

            # When it is killed there, with its task taken and not acknowledged
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()

        # Then the certificate it was drawing is issued already, waiting for its files
        interrupted = Certificate.objects.get(serial=marker.read_text())
        assert not interrupted.has_files

        # And a new worker issues the other certificates, and the sweeper draws that one
        with worker_on(queue):
            swept = certificates_sweep.delay().get(timeout=RESULT_TIMEOUT)

    assert swept >= 1
    assert Enrolment.objects.filter(status=Enrolment.Status.COMPLETED).count() == KILLED_TRAINEES
    _assert_one_drawn_certificate_per_completed_enrolment()
    assert Certificate.objects.get(pk=interrupted.pk).serial == interrupted.serial
