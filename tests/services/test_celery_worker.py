"""A task sent through Redis to a real Celery worker, which changes the database.

The worker (``worker_queue``, from this folder's conftest) runs in this process on the
project's Celery app, so it uses the test database, whichever DATABASE_URL chose. The page must
be committed for the worker's own connection to see it: hence a transactional database, with
serialized rollback so that what the migrations created (Wagtail's root page, the default
locale) is back for the next test after the flush. Needs ``REDIS_URL``; skips without it, and
fails under ``CI=true``.
"""

import datetime

import pytest
from celery.result import EagerResult
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from cms.tasks import publish_scheduled_pages
from tests.factories import LecturePageFactory, studio_tree

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
