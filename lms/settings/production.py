"""Production: every secret from the environment, refuses to start without one.

Features that need an outside service switch on only when their variable is present: with
``REDIS_URL`` the cache is Redis and Celery sends tasks to a worker through it (see ``base``);
without it the cache is per process and tasks run eagerly in the web process.

``manage.py check --deploy --fail-level WARNING`` passes with ``DJANGO_SECRET_KEY``,
``DATABASE_URL`` and ``DJANGO_ALLOWED_HOSTS`` set (``tests/integration/test_settings.py``).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *

for _name in ("DJANGO_SECRET_KEY", "DATABASE_URL"):
    if not env(_name, default=""):
        raise ImproperlyConfigured(f"{_name} must be set in production.")

# Django's own deploy check asks for at least 50 characters with some variety; a short key is
# as good as none, so refuse it here rather than only in `check --deploy`.
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too short for production: use at least 50 random characters, e.g. "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    )

DEBUG = False
DEMO_ACCOUNTS_ALLOWED = False

# Links in notification emails point here; defaults to the first allowed host over HTTPS.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=f"https://{ALLOWED_HOSTS[0]}")

# HTTPS only, behind a proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's preview sets SAMEORIGIN on its own views; nothing else is meant to be framed.
X_FRAME_OPTIONS = "DENY"

# Logs go to the console (stdout/stderr): the process manager (systemd, the container runtime)
# collects them. One line per record with time, level and logger.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}},
}
