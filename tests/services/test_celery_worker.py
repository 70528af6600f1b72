"""A task sent through Redis to a real Celery worker, which changes the database.

The worker (``worker_queue``, from this folder's conftest) runs in this process on the
project's Celery app, so it uses the test database, whichever DATABASE_URL chose. The page must
be committed for the worker's own connection to see it: hence a transactional database, with
serialized rollback so that what the migrations created (Wagtail's root page, the default
locale) is back for the next test after the flush. Needs ``REDIS_URL``; skips without it, and
fails under ``CI=true``.
"""

import datetime
import io
import time

import pytest
from celery.result import EagerResult
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from wagtail.models import Page, PageLogEntry

from cms.tasks import publish_scheduled_pages
from courses import tasks as course_tasks
from courses.models import SubmissionPhoto
from courses.services import enrolment_create, submission_save
from lms.people.roles import OFFICE_ADMIN, TRAINEE
from tests.factories import LecturePageFactory, StudyTourPageFactory, studio_tree, user_with_role

from .conftest import RESULT_TIMEOUT

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_worker_publishes_a_scheduled_page(worker_queue):
    # Given a lecture an editor scheduled to go live a minute ago, committed
    a_minute_ago = timezone.now() - datetime.timedelta(minutes=1)
    course = studio_tree()[2]
    lecture = LecturePageFactory(
        parent=course, live=False, has_unpublished_changes=True, go_live_at=a_minute_ago
    )
    lecture.save_revision(approved_go_live_at=a_minute_ago)

    # When the task goes through Redis to the worker
    result = publish_scheduled_pages.apply_async(queue=worker_queue)
    summary = result.get(timeout=RESULT_TIMEOUT)

    # Then the worker (not this thread) published it, and the result came back through Redis
    assert not isinstance(result, EagerResult)
    assert result.state == "SUCCESS"
    assert summary == {"skipped": False, "went_live": 1, "expired": 0}
    page = Page.objects.get(pk=lecture.pk)
    assert page.live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").exists()


def test_worker_processes_a_photo_saved_with_a_report(worker_queue, monkeypatch):
    # Given a trainee enrolled in a study tour's course, and photo tasks sent to this worker
    course = studio_tree()[2]
    tour = StudyTourPageFactory(parent=course)
    trainee = user_with_role(TRAINEE, username="photo-trainee")
    enrolment_create(
        actor=user_with_role(OFFICE_ADMIN, username="photo-office"), trainee=trainee, course=course
    )
    task = course_tasks.submission_photo_process
    monkeypatch.setattr(task, "delay", lambda pk: task.apply_async(args=[pk], queue=worker_queue))
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 2000), "orange").save(buffer, format="JPEG")

    # When the report is saved with a photo (the task is sent once the save commits)
    submission = submission_save(
        actor=trainee,
        activity=tour,
        body="<p>报告</p>",
        new_photos=[SimpleUploadedFile("p.jpg", buffer.getvalue(), "image/jpeg")],
    )

    # Then the worker, not this thread, re-encodes it
    photo = submission.photos.get()
    deadline = time.monotonic() + RESULT_TIMEOUT
    while photo.state == SubmissionPhoto.State.PROCESSING and time.monotonic() < deadline:
        time.sleep(0.2)
        photo.refresh_from_db()
    assert photo.state == SubmissionPhoto.State.READY
    assert (photo.width, photo.height) == (2560, 1707)
