"""The test suite: the real PostgreSQL and Redis of this machine, or those named
in the environment. ``tests/conftest.py`` stops the run when either is down."""

import tempfile

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DEBUG = False

DATABASES = {
    "default": env.db(
        "DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/smartcitieshub"
    )
}
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/14")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "hub-test",
    }
}
# The broker has its own database: clearing the cache between tests must not
# wipe the queues under a running worker.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests that kill a worker on purpose start the next with a visibility timeout
# of seconds (CELERY_VISIBILITY_TIMEOUT), and look for its tasks every second.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}

# Wagtail's own tasks run in the request here, so that tests see their effect;
# tests/hub/test_celery_worker.py drives the Celery bridge with a real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Uploads and generated documents go to a throwaway folder, not the work tree.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=tempfile.mkdtemp(prefix="hub-test-media-"))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Rate limits are tested on purpose in their own tests, not tripped by others.
ACCOUNT_RATE_LIMITS = False

# Serve static files straight from their folders; no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
