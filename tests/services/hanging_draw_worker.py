"""A Celery worker whose drawing of a certificate never ends, to be killed in the middle of it.

Run as ``python -m tests.services.hanging_draw_worker QUEUE MARKER`` with the test database in
``DATABASE_URL``: it consumes QUEUE one task at a time, in its own process, and when a task
starts drawing a certificate it writes the serial to MARKER and waits. The test then kills it
with SIGKILL, as the kernel's out-of-memory killer or a lost machine would.
"""

import pathlib
import sys
import time

import django


def main(queue: str, marker: str) -> None:
    django.setup()
    from courses.services import certificates
    from lms.celery import app

    def render_png_forever(content, layout=None):
        pathlib.Path(marker).write_text(content.serial)
        time.sleep(3600)

    certificates.render_png = render_png_forever
    app.conf.task_always_eager = False
    app.worker_main(
        ["worker", "--pool=solo", f"--queues={queue}", "--without-gossip", "--without-mingle"]
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
