"""Shared test wiring.

Tests that need a service (Redis, a Celery worker, the browser) skip with a clear reason when
it is absent on a developer's machine, and fail instead when ``CI=true``: CI must never go green
by skipping. Tests marked ``postgresql`` test what only PostgreSQL can do (row locks, exclusion
constraints, real concurrency); on SQLite they are deselected, not skipped, and the run says so.
"""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

# The assessment tests' people, course and lecture (office, trainee, enrolled…), for the folders
# that sit and mark quizzes; pytest reads ``pytest_plugins`` only in this, the root conftest.
pytest_plugins = ["tests.integration.assessment_fixtures"]

IN_CI = os.environ.get("CI", "").lower() == "true"


def service_unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing service is a failure)")
    pytest.skip(reason)


def _on_postgresql() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def _keep_migrated_rows(items):
    """Transactional tests empty every table when they end, taking with them the rows that
    migrations create (Wagtail's root page and locale, the role groups). Restoring the
    serialised state afterwards keeps later tests independent of the order they run in."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            item.add_marker(
                pytest.mark.django_db(*marker.args, **marker.kwargs, serialized_rollback=True),
                append=False,
            )


def pytest_collection_modifyitems(config, items):
    _keep_migrated_rows(items)
    if _on_postgresql():
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgresql") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


def pytest_report_header(config):
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    note = "" if _on_postgresql() else " (tests marked 'postgresql' are deselected)"
    return f"database: {database}{note}; CI={'true' if IN_CI else 'false'}"


@pytest.fixture(autouse=True)
def _language_of_the_settings():
    """Each test starts in the configured language, whatever the previous one activated."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """The local-memory cache outlives a test; counters in it (sign-in tries, locks) must not."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
