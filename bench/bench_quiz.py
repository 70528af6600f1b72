"""How long a trainee's quiz takes to show, save and mark, and how many queries, as it grows.

Builds a throwaway SQLite database (never ``db.sqlite3``) and a quiz of N questions of eight
automatically marked types on a lecture, then, through Django's test client: the attempt page,
the API's attempt read, one autosave of every answer, and a submit (which marks every
question), as medians of repeated requests after a warm-up. Run with ``make bench``; set
``BENCH_QUIZ_SIZES`` and ``BENCH_REPEATS`` to change the sizes and repeats, DATABASE_URL for
PostgreSQL.
"""

import json
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

SIZES = tuple(int(n) for n in os.environ.get("BENCH_QUIZ_SIZES", "8,40,120").split(","))
REPEATS = int(os.environ.get("BENCH_REPEATS", "20"))
TYPES = ["single", "judgement", "multiple", "truefalse", "shortanswer", "numerical", "matching"]


def build(n):
    from courses.services import enrolment_create
    from lms.people.roles import OFFICE_ADMIN, TRAINEE
    from tests.factories import LecturePageFactory, studio_tree, user_with_role
    from tests.factories.questions import make_question, make_quiz

    _home, _programme, course = studio_tree()
    lecture = LecturePageFactory(parent=course)
    office = user_with_role(OFFICE_ADMIN)
    trainee = user_with_role(TRAINEE)
    enrolment_create(actor=office, trainee=trainee, course=course)
    questions = [make_question(TYPES[i % len(TYPES)], name=f"题{i}") for i in range(n)]
    return make_quiz(lecture, questions, max_attempts=None, counts_for_completion=False), trainee


def timed(action, repeats=REPEATS):
    action()
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        action()
    queries = len(captured)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000, queries


def bench_size(n):
    """Each measurement for a quiz of n questions, as (what, median ms, queries) rows."""
    from courses.models import Attempt
    from courses.selectors import attempt_slots
    from tests.factories.questions import right_answers

    quiz, trainee = build(n)
    client = Client()
    client.force_login(trainee)
    client.post(reverse("courses:quiz-start", args=[quiz.pk]))
    attempt = Attempt.objects.get(trainee=trainee, quiz=quiz, state="in_progress")
    body = json.dumps({"answers": right_answers(attempt_slots(attempt))})
    page = reverse("courses:quiz-attempt", args=[attempt.pk])
    api = reverse("studio_api:attempt", args=[attempt.pk])
    save = reverse("studio_api:attempt-answers", args=[attempt.pk])

    def ok(response):
        assert response.status_code == 200, response.status_code

    def start_and_submit():
        client.post(reverse("courses:quiz-start", args=[quiz.pk]))
        fresh = Attempt.objects.get(trainee=trainee, quiz=quiz, state="in_progress")
        answers = json.dumps({"answers": right_answers(attempt_slots(fresh))})
        submitted = client.post(
            reverse("studio_api:attempt-submit", args=[fresh.pk]),
            answers,
            content_type="application/json",
        )
        assert submitted.json()["state"] == "finished", submitted.content

    rows = []
    for name, action in (
        ("attempt page", lambda: ok(client.get(page))),
        ("api read", lambda: ok(client.get(api))),
        ("autosave all", lambda: ok(client.put(save, body, content_type="application/json"))),
    ):
        rows.append((name, *timed(action)))
    Attempt.objects.filter(pk=attempt.pk).delete()
    rows.append(("start+submit", *timed(start_and_submit, repeats=max(REPEATS // 4, 3))))
    return rows


def main() -> int:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({DATABASE if connection.vendor == 'sqlite' else ''})")
    print(f"{'questions':>9} {'what':<16} {'median ms':>10} {'queries':>8}")
    for n in SIZES:
        for name, ms, queries in bench_size(n):
            print(f"{n:>9} {name:<16} {ms:>10.1f} {queries:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
