"""Browser tests: Playwright's sync API driving the system Chromium against ``live_server``.

Fixtures and helpers for every browser test:

- ``browser_page``: a fresh Chromium page sized like a phone (375x812, touch, zh-CN), in a
  browser with its own new, empty profile directory, closed after the test.
- ``axe_check(page)``: runs axe-core on the page and returns the serious and critical
  violations; ``axe_report(violations)`` turns them into an assertion message.

Chromium is Debian's (``apt-get install chromium``, ``/usr/bin/chromium``; ``CHROMIUM_PATH``
names another): Playwright's own browser download does not work on this project's machines.
Without Chromium or Playwright the tests skip, and fail under ``CI=true``.

Every test in this folder gets a transactional database with serialized rollback (see
``pytest_collection_modifyitems`` below): ``live_server`` answers from another thread, so data
must be committed, and the flush after a transactional test would otherwise also delete what
the migrations created (Wagtail's root page and default locale, the role groups) for every
later test.

Typical use::

    pytestmark = pytest.mark.browser

    def test_something(live_server, browser_page):
        browser_page.goto(f"{live_server.url}/accounts/login/")
        assert axe_check(browser_page) == []
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.conftest import service_unavailable

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machines have no route to the internet: without these Chromium keeps trying to
    # reach Google's services and its connections are refused.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
}
# Generous for a 2-core CI machine; a real hang still fails in well under a minute.
TIMEOUT_MS = 15_000
AXE_BLOCKING_IMPACTS = frozenset({"serious", "critical"})


BROWSER_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    database = pytest.mark.django_db(transaction=True, serialized_rollback=True)
    for item in items:
        if BROWSER_TESTS in Path(item.path).resolve().parents:
            # Prepended, so it is the closest django_db marker even if the module has its own.
            item.add_marker(database, append=False)


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def _playwright(django_db_setup):
    """Playwright for one test module.

    Playwright's sync API keeps an asyncio event loop running in this thread while it is
    started. Two things in Django notice:

    - It refuses database calls from a thread with a running loop (SynchronousOnlyOperation),
      although nothing here is asynchronous: DJANGO_ALLOW_ASYNC_UNSAFE lifts that check for
      exactly as long as Playwright runs, and not for the rest of the suite.
    - Its connection handler keeps connections per thread, but per *context* while a loop
      runs, so test code would get fresh connection objects: ones the live server thread
      does not share, without the serialized migration data that restores the rows after a
      transactional test, and (on PostgreSQL) still open when the test database is dropped.
      So the connections this thread already has are installed in that context too.

    Depends on ``django_db_setup`` so that the test database exists (and is serialized) before
    the loop starts.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        service_unavailable("Playwright is not installed (pip install -e '.[dev]')")
    executable = chromium_path()
    if not (Path(executable).is_file() and os.access(executable, os.X_OK)):
        service_unavailable(
            f"Chromium not found at {executable} (apt-get install chromium, or set CHROMIUM_PATH)"
        )
    from django.db import connections

    thread_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            yield playwright


@pytest.fixture
def browser_page(_playwright):
    """A new page in a new Chromium with a new, empty profile, sized like a phone."""
    profile = tempfile.mkdtemp(prefix="studio-chromium-")
    context = _playwright.chromium.launch_persistent_context(
        profile,
        executable_path=chromium_path(),
        args=CHROMIUM_ARGS,
        headless=True,
        **PHONE,
    )
    try:
        context.set_default_timeout(TIMEOUT_MS)
        page = context.pages[0] if context.pages else context.new_page()
        yield page
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def axe_check(page, context=None) -> list[dict]:
    """Run axe-core on ``page`` (optionally only within the CSS selector ``context``).

    Returns the violations whose impact is serious or critical: an empty list is a pass.
    Minor and moderate findings are left to review rather than failing the build.
    """
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    return [v for v in results.response["violations"] if v.get("impact") in AXE_BLOCKING_IMPACTS]


def axe_report(violations: list[dict]) -> str:
    """One line per violation and element, for an assertion message."""
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return "\n".join(lines)
