"""Wiring shared by the tests that send tasks through Redis to a real Celery worker.

A worker started here runs in this process (``celery.contrib.testing.worker.start_worker``, in a
thread) on the project's Celery app, so it uses the test database, whichever DATABASE_URL chose.
It consumes a queue of its own, so no other worker on the same Redis steals its tasks, and that
queue is the default for the test, so tasks sent on commit by the services reach it too. Needs
``REDIS_URL``; skips without it, and fails under ``CI=true``.
"""

import contextlib
import json
import os
import threading
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.db import connection

from lms.celery import app as celery_app
from tests.conftest import service_unavailable

RESULT_TIMEOUT = 30


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        service_unavailable("REDIS_URL is not set: the Celery worker tests need Redis")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as exc:
        service_unavailable(f"Redis at {url} is not answering: {exc}")
    return url


@contextlib.contextmanager
def celery_on_redis(url: str):
    """The app switched from eager to the real broker, on a fresh default queue; its name.

    The configuration is put back and the queue deleted afterwards.
    """
    queue = f"test-{uuid.uuid4().hex}"
    changed = {
        "broker_url": url,
        "result_backend": url,
        "task_always_eager": False,
        "task_default_queue": queue,
    }
    saved = {key: celery_app.conf[key] for key in changed}
    celery_app.conf.update(changed)
    try:
        yield queue
    finally:
        with celery_app.connection_for_write() as connection:
            connection.default_channel.queue_delete(queue)
        _forget_unacknowledged(url, queue)
        celery_app.conf.update(saved)


def _forget_unacknowledged(url: str, queue: str) -> None:
    """Drop the queue's messages that a killed worker took and never acknowledged.

    The Redis transport keeps them aside (``unacked``) and would put them back in the deleted
    queue after its visibility timeout, where nobody would ever read them.
    """
    client = redis.Redis.from_url(url)
    for tag, payload in client.hscan_iter("unacked"):
        if json.loads(payload)[-1] == queue:  # [message, exchange, routing key]
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


@contextlib.contextmanager
def worker_on(queue: str, *, pool: str = "solo", concurrency: int = 1):
    """A worker consuming ``queue`` until the block ends (it finishes its task first)."""
    with start_worker(
        celery_app,
        pool=pool,
        concurrency=concurrency,
        queues=[queue],
        perform_ping_check=False,
        shutdown_timeout=RESULT_TIMEOUT,
    ) as worker:
        yield worker


@pytest.fixture
def worker_queue(redis_url):
    """A one-at-a-time worker on a queue of its own; the queue's name."""
    with celery_on_redis(redis_url) as queue, worker_on(queue):
        yield queue


def race(jobs, *, timeout: float = 60):
    """Run the callables at the same moment, each on its own connection; their results.

    Every thread stands for a request (or a worker) with its own database connection; a
    barrier lets them go at the same moment.
    """
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def run(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not errors, errors
    return results
