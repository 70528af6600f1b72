"""The Celery application: reads ``CELERY_*`` settings and finds every app's ``tasks.py``.

``lms/__init__.py`` imports this module, so every process that imports the project (web,
worker, beat, tests) sends tasks through this app.

The settings module defaults to *production* here, as in ``lms/wsgi.py``: this module is
imported with the ``lms`` package, i.e. before ``wsgi.py`` gets to choose, so a development
default here would quietly run gunicorn with development settings. ``manage.py`` chooses
development settings before it imports anything, and ``make worker`` / ``make beat`` pass
``lms.settings.dev`` explicitly. The default has to be in place before the app is created:
Celery installs its Django integration (``django.setup()`` in the worker, closing database
connections around tasks) only when ``DJANGO_SETTINGS_MODULE`` is set at that moment.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
