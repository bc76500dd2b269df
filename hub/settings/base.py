"""Settings shared by every environment, safe for production as they stand.

Everything that differs between machines comes from the environment. Nothing
here turns on debugging or picks a local database: ``dev`` opts into those.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "hub",
    "partners",
    "projects",
    "publications",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtailmedia",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "allauth",
    "allauth.account",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "hub.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Database: production and tests name it; only ``dev`` falls back to SQLite.
DATABASES = {"default": env.db("DATABASE_URL")} if env.str("DATABASE_URL", "") else {}
DATABASES.get("default", {}).setdefault("CONN_MAX_AGE", 60)
DATABASES.get("default", {}).setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "hub.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{validator}"}
    for validator in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Cache and broker: one Redis serves both where it is configured.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hub",
        }
    }

# Internationalisation: English and Dutch, in the interface and in the content.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# The CORDIS open-data folder that `evaluate_matching` splits; when empty,
# shared/data/cordis beside the checkout (or one of its parent folders).
CORDIS_DATA_DIR = env.str("CORDIS_DATA_DIR", default="")
STORAGES = {
    # An object store (django-storages) can take over media by naming its class.
    "default": {
        "BACKEND": env.str(
            "MEDIA_STORAGE_BACKEND",
            default="django.core.files.storage.FileSystemStorage",
        )
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_PERMISSIONS = 0o644

# E-mail: an SMTP URL from the environment (smtp://user:pass@host:587/?tls=True).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="hub@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: tasks take ids, run once even if a worker dies half-way.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="hub")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task a dead worker had taken goes back to the queue after this many seconds
# (Redis cannot tell that the worker died). Longer than any one task runs: the
# matching jobs are chunked to stay well inside it.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60)
}
CELERY_BEAT_SCHEDULE = {
    "record-worker-heartbeat": {
        "task": "hub.tasks.record_worker_heartbeat",
        "schedule": 60.0,
    },
    "publish-scheduled-pages": {
        "task": "hub.tasks.publish_scheduled_pages",
        "schedule": 60.0,
    },
    "check-profile-freshness": {
        "task": "partners.tasks.check_profile_freshness",
        "schedule": 24 * 60 * 60.0,
    },
    "repair-missed-notifications": {
        "task": "partners.tasks.repair_missed_notifications",
        "schedule": 60 * 60.0,
    },
    "repair-missed-initiative-notifications": {
        "task": "projects.tasks.repair_missed_initiative_notifications",
        "schedule": 60 * 60.0,
    },
    "expire-introductions": {
        "task": "projects.tasks.expire_introductions",
        "schedule": 60 * 60.0,
    },
    "send-following-digests": {
        "task": "projects.tasks.send_digests",
        "schedule": 60 * 60.0,
    },
    "recompute-all-suggestions": {
        "task": "projects.tasks.recompute_all_suggestions_nightly",
        "schedule": crontab(hour=3, minute=0),
    },
    "repair-suggestions": {
        "task": "projects.tasks.repair_suggestions",
        "schedule": 15 * 60.0,
    },
}
# Matching: initiatives (or organisations) scored per task of a full run.
MATCHING_CHUNK_SIZE = env.int("MATCHING_CHUNK_SIZE", default=500)

# Introductions: how many one person may ask for within how many hours.
INTRODUCTION_RATE_LIMIT = env.int("INTRODUCTION_RATE_LIMIT", default=10)
INTRODUCTION_RATE_PERIOD_HOURS = env.int("INTRODUCTION_RATE_PERIOD_HOURS", default=24)

# Wagtail's own background work (reference index, focal points, cache purges)
# goes through django-tasks; this backend hands it to our Celery workers.
TASKS = {"default": {"BACKEND": "hub.task_backend.CeleryTaskBackend"}}

# Wagtail.
WAGTAIL_SITE_NAME = "Smart Cities Hub"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://localhost")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Nothing leaves the site at run time: no avatars from Gravatar (they would also
# hand editors' e-mail hashes to a third party), no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Accounts (django-allauth): e-mail is the login and must be verified.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_FORMS = {"signup": "hub.forms.SignupForm", "login": "hub.forms.LoginForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Smart Cities Hub] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}

# Security headers that hold everywhere; production adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)
# The initiatives' map: background tiles from one tile server, whose origin the
# CSP of the map's page (and only that page) lets images come from.
# OpenStreetMap's by default; for a Dutch deployment PDOK's BRT-Achtergrondkaart
# is the national background map:
# https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png
# with the attribution "Kaartgegevens &copy; Kadaster". An empty attribution
# shows OpenStreetMap's credit in the visitor's language.
INITIATIVE_MAP_TILE_URL = env.str(
    "INITIATIVE_MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
INITIATIVE_MAP_ATTRIBUTION = env.str("INITIATIVE_MAP_ATTRIBUTION", default="")
# "{s}" stands for a tile server's subdomain (a.tile…, b.tile…).
_tile_server = urlsplit(INITIATIVE_MAP_TILE_URL)
INITIATIVE_MAP_TILE_ORIGIN = (
    f"{_tile_server.scheme}://{_tile_server.netloc.replace('{s}', '*')}"
)

# Strict CSP: nothing inline, nothing from other hosts (the initiatives' map
# adds its tile server's origin to img-src on its own page). Wagtail's admin relies
# on inline styles and scripts of its own, so it keeps Django's other headers
# but is left out of this policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # One line per Wagtail background task is noise; failures still show.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},
    },
}
