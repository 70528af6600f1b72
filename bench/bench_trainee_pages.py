"""How long the trainee's key pages take, and how many queries, as a course grows.

Builds a throwaway SQLite database (never ``db.sqlite3``), a course with N activities and a
trainee half-way through it, then times the course page and "My learning" through Django's
test client: median of repeated requests, after one warm-up. Run with ``make bench``; set
``BENCH_DATABASE`` to use another file, or DATABASE_URL for PostgreSQL.
"""

import os
import statistics
import sys
import tempfile
import time

DATABASE = os.environ.get("BENCH_DATABASE") or os.path.join(
    tempfile.mkdtemp(prefix="studio-bench-"), "bench.sqlite3"
)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DATABASE}")
os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "5,40,160").split(","))
REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))


def build(n):
    from courses.services import activity_confirm, enrolment_create
    from lms.people.roles import OFFICE_ADMIN, TRAINEE
    from tests.factories import LecturePageFactory, studio_tree, user_with_role

    _home, _programme, course = studio_tree()
    office = user_with_role(OFFICE_ADMIN)
    trainee = user_with_role(TRAINEE)
    enrolment_create(actor=office, trainee=trainee, course=course)
    for i in range(n):
        lecture = LecturePageFactory(parent=course, title=f"讲座{i}", slug=f"lecture-{i}")
        if i < n // 2:
            activity_confirm(trainee=trainee, activity=lecture)
    return course, trainee


def measure(client, url):
    client.get(url)
    connection.queries_log.clear()  # a full log (maxlen) would hide new entries
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # now: the log it reads from is shared and keeps changing
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings) * 1000, queries


def main() -> int:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({DATABASE if connection.vendor == 'sqlite' else ''})")
    print(f"{'activities':>10} {'page':<12} {'median ms':>10} {'queries':>8}")
    for n in SIZES:
        course, trainee = build(n)
        client = Client()
        client.force_login(trainee)
        for name, url in (("course", course.url), ("my learning", reverse("cms:my-learning"))):
            ms, queries = measure(client, url)
            print(f"{n:>10} {name:<12} {ms:>10.1f} {queries:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
