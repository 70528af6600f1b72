"""A task sent through Redis to a real Celery worker, which changes the database.

The worker runs in this process (``celery.contrib.testing.worker.start_worker``, in a thread)
on the project's Celery app, so it uses the test database, whichever DATABASE_URL chose. The
page must be committed for the worker's own connection to see it: hence a transactional
database, with serialized rollback so that what the migrations created (Wagtail's root page,
the default locale) is back for the next test after the flush. Needs ``REDIS_URL``; skips
without it, and fails under ``CI=true``.
"""

import datetime
import os
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from cms.tasks import publish_scheduled_pages
from lms.celery import app as celery_app
from tests.conftest import service_unavailable
from tests.factories import LecturePageFactory, studio_tree

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RESULT_TIMEOUT = 30


def _redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        service_unavailable("REDIS_URL is not set: the Celery worker test needs Redis")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as exc:
        service_unavailable(f"Redis at {url} is not answering: {exc}")
    return url


@pytest.fixture
def worker_queue():
    """A worker consuming a queue of its own, so no other worker on the same Redis steals it.

    The app's configuration is switched from eager to the real broker for the test and put
    back afterwards.
    """
    url = _redis_url()
    queue = f"test-{uuid.uuid4().hex}"
    changed = {"broker_url": url, "result_backend": url, "task_always_eager": False}
    saved = {key: celery_app.conf[key] for key in changed}
    celery_app.conf.update(changed)
    try:
        with start_worker(
            celery_app,
            pool="solo",
            queues=[queue],
            perform_ping_check=False,
            shutdown_timeout=RESULT_TIMEOUT,
        ):
            yield queue
    finally:
        with celery_app.connection_for_write() as connection:
            connection.default_channel.queue_delete(queue)
        celery_app.conf.update(saved)


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
