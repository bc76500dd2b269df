"""The embedded default under test: what ``make run`` uses, with test-only keys."""

import tempfile

from .dev import *  # noqa: F403

MEDIA_ROOT = tempfile.mkdtemp(prefix="hub-smoke-media-")

DEBUG = False
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
