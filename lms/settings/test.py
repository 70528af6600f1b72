"""Fast and hermetic: quick hasher, in-memory mail, eager Celery unless a test asks for a worker."""

from .base import *

SECRET_KEY = "test-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
# Static files are not collected for tests; WhiteNoise looks them up per request instead of
# scanning (and warning about) a missing STATIC_ROOT. live_server serves them from the apps.
WHITENOISE_AUTOREFRESH = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = BASE_DIR / ".test-media"
AXES_ENABLED = False
DEMO_ACCOUNTS_ALLOWED = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The SQLite test database lives in memory, where WAL does not apply; the WAL pragma of the
    # dev settings is proven against a file in tests/integration/test_settings.py.
    DATABASES["default"]["OPTIONS"].pop("init_command", None)
