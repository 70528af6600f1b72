"""Background work for the curriculum pages.

``publish_scheduled_pages`` runs every minute from Celery beat (``CELERY_BEAT_SCHEDULE`` in
``lms/settings/base.py``). An editor who publishes a lecture with a future "go live" time gets
an approved revision waiting; this task publishes it once the time has passed, and unpublishes
pages (and other publishable objects) whose expiry time has passed.
"""

import logging
import uuid

from celery import shared_task
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision

logger = logging.getLogger(__name__)

# Held while one run is in progress, so that two overlapping runs (a slow tick and the next
# one, or two beat processes) do not publish the same revision twice. With Redis as the cache
# the lock is shared by every worker; it expires on its own if a worker dies holding it.
LOCK_KEY = "cms:publish-scheduled-pages:lock"
LOCK_SECONDS = 60


@shared_task(acks_late=True, soft_time_limit=50, time_limit=LOCK_SECONDS)
def publish_scheduled_pages() -> dict:
    """Publish approved revisions whose go-live time has passed; unpublish expired objects.

    The work is Wagtail's own ``publish_scheduled`` command (the same one a cron job would
    run), so scheduled publishing behaves exactly as Wagtail documents it: audit log entries
    ``wagtail.publish.scheduled`` / ``wagtail.unpublish.scheduled``, page signals, search
    index updates.

    Safe to run twice: a published revision loses its ``approved_go_live_at`` and an
    unpublished page its ``live`` flag, so a second run finds nothing left to do.

    Returns how many pages were due, counted just before the run (other publishable models,
    which the command also handles, are not counted).
    """
    token = uuid.uuid4().hex
    if not cache.add(LOCK_KEY, token, timeout=LOCK_SECONDS):
        logger.info("publish_scheduled_pages: another run is in progress; skipped")
        return {"skipped": True, "went_live": 0, "expired": 0}
    try:
        now = timezone.now()
        due = Revision.page_revisions.filter(approved_go_live_at__lt=now).count()
        expired = Page.objects.filter(live=True, expire_at__lt=now).count()
        call_command("publish_scheduled", verbosity=0)
    finally:
        if cache.get(LOCK_KEY) == token:
            cache.delete(LOCK_KEY)
    if due or expired:
        logger.info("publish_scheduled_pages: %d went live, %d expired", due, expired)
    return {"skipped": False, "went_live": due, "expired": expired}
