import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import Max
from wagtail.models import Locale, Page, get_page_models

from hub import personal_data
from hub.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"
NOT_CONFIGURED = "not configured"


def _database_status() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return OK


def _cache_status() -> str:
    cache.set("health-check", "1", timeout=10)
    return OK if cache.get("health-check") == "1" else UNAVAILABLE


def _broker_status() -> str:
    if settings.CELERY_BROKER_URL.startswith("memory://"):
        return NOT_CONFIGURED
    from hub.celery import app

    # The URL from Django's settings, which Celery is configured from too.
    with app.connection_for_write(url=settings.CELERY_BROKER_URL) as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    return OK


def _checked(check) -> str:
    # A health endpoint reports a failing dependency; it never fails itself.
    try:
        return check()
    except Exception:
        logger.exception("Health check %s failed", check.__name__)
        return UNAVAILABLE


def health_report() -> dict:
    """What /health/ answers: each dependency's state and whether all are up."""
    checks = {
        "database": _checked(_database_status),
        "cache": _checked(_cache_status),
        "broker": _checked(_broker_status),
    }
    healthy = all(state != UNAVAILABLE for state in checks.values())
    report = {"status": OK if healthy else UNAVAILABLE, "checks": checks}
    if checks["database"] == OK:
        last_seen = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
        report["worker_last_seen"] = last_seen.isoformat() if last_seen else None
    return report


def searchable_page_kinds() -> list[tuple[str, str]]:
    """(content type id, plural name) for every page type a visitor can find."""
    models = [model for model in get_page_models() if model is not Page]
    types = ContentType.objects.get_for_models(*models)
    kinds = [
        (str(types[model].pk), str(model._meta.verbose_name_plural).capitalize())
        for model in models
    ]
    return sorted(kinds, key=lambda kind: kind[1])


def pages_matching(*, query: str, locale: Locale, kind: str = ""):
    """Live, public pages in ``locale`` that match ``query``, best first."""
    pages = Page.objects.live().public().filter(locale=locale)
    if kind:
        pages = pages.filter(content_type_id=kind)
    return pages.search(query)


def user_personal_data(*, user) -> dict:
    """Everything the hub keeps about ``user``, as they may download it: their
    account, then each part of the site's own data about them."""
    addresses = user.emailaddress_set.order_by("-primary", "email")
    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "email_addresses": [
                {
                    "email": address.email,
                    "verified": address.verified,
                    "primary": address.primary,
                }
                for address in addresses
            ],
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "privacy_consent_at": user.privacy_consent_at,
            "language": user.language,
        },
        **personal_data.exported_parts(user),
    }
