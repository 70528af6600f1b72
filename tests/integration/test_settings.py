"""What each settings module does with the environment it is given.

Settings are read once per process, so every case runs in a subprocess with a clean
environment: only PATH, HOME, the variables under test, and ``DJANGO_ENV_FILE=""`` so that a
developer's ``.env`` cannot change the outcome.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from celery.schedules import crontab
from django.conf import settings

from lms.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parents[2]
MANAGE = str(BASE_DIR / "manage.py")

# 64 random-looking characters: what `secrets.token_urlsafe(48)` gives. Not a real secret.
GOOD_SECRET = "q3V8tN0xZ2m-LrW7yHc5sKp_4FdJbE9uA1oGiT6vXnYQhMRlCw8zPSeUjDfk2Bsa"
# Nothing listens on port 1: the checks below must not need a database connection.
PRODUCTION_DB = "postgres://studio:secret@127.0.0.1:1/studio"
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "DJANGO_SECRET_KEY": GOOD_SECRET,
    "DATABASE_URL": PRODUCTION_DB,
    "DJANGO_ALLOWED_HOSTS": "studio.example.org",
}

# Prints the settings the tests look at, as JSON, after loading (not setting up) Django.
SHOW_SETTINGS = """
import json
import re
from django.conf import settings
print(json.dumps({
    "SETTINGS_MODULE": settings.SETTINGS_MODULE,
    "DEBUG": settings.DEBUG,
    "DATABASE": settings.DATABASES["default"],
    "CACHE": settings.CACHES["default"],
    "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND,
    "CELERY_TASK_ALWAYS_EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "DEMO_ACCOUNTS_ALLOWED": settings.DEMO_ACCOUNTS_ALLOWED,
    "LOGGING": settings.LOGGING,
}, default=str))
"""


def run(args, **variables):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(BASE_DIR)),
        "DJANGO_ENV_FILE": "",
        **variables,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def settings_under(**variables) -> dict:
    result = run(["-c", SHOW_SETTINGS], **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- production ----------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    variables = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}

    result = run([MANAGE, "check"], **variables)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} must be set in production." in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run([MANAGE, "check"], **{**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "changeme"})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is too short for production" in result.stderr


def test_production_passes_the_deploy_check():
    result = run([MANAGE, "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_without_redis_keeps_cache_and_tasks_in_process():
    shown = settings_under(**PRODUCTION_ENV)

    assert shown["DEBUG"] is False
    assert shown["DEMO_ACCOUNTS_ALLOWED"] is False
    assert shown["DATABASE"]["ENGINE"] == "django.db.backends.postgresql"
    assert shown["CACHE"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert shown["CELERY_TASK_ALWAYS_EAGER"] is True


def test_production_with_redis_uses_it_for_cache_broker_and_results():
    shown = settings_under(**PRODUCTION_ENV, REDIS_URL="redis://cache.internal:6379/2")

    assert shown["CACHE"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shown["CACHE"]["LOCATION"] == "redis://cache.internal:6379/2"
    assert shown["CELERY_BROKER_URL"] == "redis://cache.internal:6379/2"
    assert shown["CELERY_RESULT_BACKEND"] == "redis://cache.internal:6379/2"
    assert shown["CELERY_TASK_ALWAYS_EAGER"] is False


def test_production_logs_to_the_console():
    logging = settings_under(**PRODUCTION_ENV)["LOGGING"]

    assert logging["root"]["handlers"] == ["console"]
    assert logging["handlers"]["console"]["class"] == "logging.StreamHandler"


# --- development ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unset", [{}, {"DATABASE_URL": "", "REDIS_URL": ""}], ids=["absent", "empty"]
)
def test_dev_defaults_to_sqlite_in_the_project_folder_and_in_process_services(unset):
    shown = settings_under(DJANGO_SETTINGS_MODULE="lms.settings.dev", **unset)

    assert shown["DEBUG"] is True
    assert shown["DEMO_ACCOUNTS_ALLOWED"] is True
    assert shown["DATABASE"]["ENGINE"] == "django.db.backends.sqlite3"
    assert shown["DATABASE"]["NAME"] == str(BASE_DIR / "db.sqlite3")
    assert "journal_mode=WAL" in shown["DATABASE"]["OPTIONS"]["init_command"]
    assert shown["CACHE"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert shown["CELERY_BROKER_URL"] == "memory://"
    assert shown["CELERY_TASK_ALWAYS_EAGER"] is True


def test_dev_with_redis_uses_a_real_broker_and_the_redis_cache():
    shown = settings_under(
        DJANGO_SETTINGS_MODULE="lms.settings.dev", REDIS_URL="redis://127.0.0.1:6379/5"
    )

    assert shown["CACHE"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shown["CELERY_BROKER_URL"] == "redis://127.0.0.1:6379/5"
    assert shown["CELERY_RESULT_BACKEND"] == "redis://127.0.0.1:6379/5"
    assert shown["CELERY_TASK_ALWAYS_EAGER"] is False


def test_dev_sqlite_connections_use_wal(tmp_path):
    # The test database is in memory (no WAL there), so open a real file with dev settings.
    database = tmp_path / "dev.sqlite3"
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('PRAGMA journal_mode')\n"
        "    print(cursor.fetchone()[0])\n"
    )

    result = run(
        ["-c", code],
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "wal"


# --- which settings each entry point picks -------------------------------------------------


def test_manage_py_defaults_to_dev():
    code = "from django.conf import settings; print(settings.SETTINGS_MODULE)"

    result = run([MANAGE, "shell", "-c", code])

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "lms.settings.dev"


def test_wsgi_defaults_to_production():
    # Without production's variables, importing the WSGI module refuses to start ...
    refused = run(["-c", "import lms.wsgi"])
    assert "DJANGO_SECRET_KEY must be set in production." in refused.stderr

    # ... and with them it serves with the production settings.
    variables = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "import lms.wsgi; from django.conf import settings; print(settings.SETTINGS_MODULE)"
    served = run(["-c", code], **variables)
    assert served.returncode == 0, served.stderr
    assert served.stdout.strip().splitlines()[-1] == "lms.settings.production"


# --- Celery --------------------------------------------------------------------------------


def test_celery_reads_json_only_and_bounds_every_task():
    conf = celery_app.conf

    assert conf.task_serializer == "json"
    assert conf.result_serializer == "json"
    assert list(conf.accept_content) == ["json"]
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit


def test_beat_publishes_scheduled_pages_every_minute_from_the_database_scheduler():
    entry = settings.CELERY_BEAT_SCHEDULE["publish-scheduled-pages"]

    # What a worker does at start-up: import every app's tasks module (autodiscovery).
    celery_app.loader.import_default_modules()
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"] == crontab(minute="*")


# Transactional: the scheduler closes connections it finds inside a transaction, as Django's
# request cycle does, which would end an ordinary test's wrapping transaction on PostgreSQL.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_beat_writes_the_schedule_into_the_database():
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import DatabaseScheduler

    # What `celery -A lms beat` does when it starts with the database scheduler.
    DatabaseScheduler(app=celery_app)

    task = PeriodicTask.objects.get(name="publish-scheduled-pages")
    assert task.task == "cms.tasks.publish_scheduled_pages"
    assert task.enabled
    assert (task.crontab.minute, task.crontab.hour) == ("*", "*")


# --- .env.example --------------------------------------------------------------------------


def test_env_example_documents_every_variable_the_settings_read():
    read = set()
    for module in (BASE_DIR / "lms" / "settings").glob("*.py"):
        read |= set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z_]+)\"", module.read_text()))
        read |= set(re.findall(r"os\.environ\.get\(\s*\"([A-Z_]+)\"", module.read_text()))
    documented = set(
        re.findall(r"^#?\s*([A-Z][A-Z_]+)=", (BASE_DIR / ".env.example").read_text(), re.M)
    )

    assert read, "found no variables in lms/settings"
    assert read - documented == set()
