"""``cms.tasks.publish_scheduled_pages`` run eagerly, as the quick start and the test settings do.

The same task through a real worker on Redis is in ``tests/services/test_celery_worker.py``.
"""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from cms.tasks import LOCK_KEY, publish_scheduled_pages
from tests.factories import LecturePageFactory, studio_tree

pytestmark = pytest.mark.django_db


def _an_hour_ago():
    return timezone.now() - datetime.timedelta(hours=1)


@pytest.fixture
def course():
    return studio_tree()[2]


@pytest.fixture
def scheduled_lecture(course):
    """A lecture an editor scheduled to go live an hour ago, as Wagtail stores it."""
    lecture = LecturePageFactory(
        parent=course, live=False, has_unpublished_changes=True, go_live_at=_an_hour_ago()
    )
    lecture.save_revision(approved_go_live_at=_an_hour_ago())
    return lecture


@pytest.fixture
def expired_lecture(course):
    lecture = LecturePageFactory(parent=course)
    lecture.save_revision().publish()
    Page.objects.filter(pk=lecture.pk).update(expire_at=_an_hour_ago())
    return lecture


def test_publishes_pages_whose_go_live_time_has_passed(scheduled_lecture):
    # Given a lecture scheduled for an hour ago, not yet live
    assert not Page.objects.get(pk=scheduled_lecture.pk).live

    # When the task runs
    summary = publish_scheduled_pages.delay().get()

    # Then the lecture is live, and the audit log says it was the scheduler
    page = Page.objects.get(pk=scheduled_lecture.pk)
    assert page.live
    assert page.live_revision_id is not None
    assert summary == {"skipped": False, "went_live": 1, "expired": 0}
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1


def test_unpublishes_pages_whose_expiry_time_has_passed(expired_lecture):
    summary = publish_scheduled_pages.delay().get()

    page = Page.objects.get(pk=expired_lecture.pk)
    assert not page.live
    assert page.expired
    assert summary == {"skipped": False, "went_live": 0, "expired": 1}


def test_running_twice_changes_nothing_more(scheduled_lecture, expired_lecture):
    publish_scheduled_pages.delay().get()

    second = publish_scheduled_pages.delay().get()

    assert second == {"skipped": False, "went_live": 0, "expired": 0}
    assert Page.objects.get(pk=scheduled_lecture.pk).live
    assert not Page.objects.get(pk=expired_lecture.pk).live
    assert PageLogEntry.objects.filter(action="wagtail.publish.scheduled").count() == 1
    assert PageLogEntry.objects.filter(action="wagtail.unpublish.scheduled").count() == 1


def test_skips_while_another_run_holds_the_lock(scheduled_lecture):
    cache.add(LOCK_KEY, "another-worker", timeout=60)
    try:
        summary = publish_scheduled_pages.delay().get()
    finally:
        cache.delete(LOCK_KEY)

    assert summary["skipped"]
    assert not Page.objects.get(pk=scheduled_lecture.pk).live
