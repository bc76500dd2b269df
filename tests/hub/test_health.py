import pytest
from django.test import override_settings

from hub import services

pytestmark = pytest.mark.django_db


def test_health_reports_every_dependency_up(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
    }


def test_health_answers_503_when_the_cache_is_down(client):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "unavailable"


def test_health_answers_503_when_the_broker_is_down(client):
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "unavailable"


def test_health_shows_when_a_worker_was_last_seen(client):
    heartbeat = services.worker_heartbeat_record(worker="celery@test")
    assert client.get("/health/").json()["worker_last_seen"] == (
        heartbeat.seen_at.isoformat()
    )


def test_health_is_never_cached(client):
    assert "no-cache" in client.get("/health/")["Cache-Control"]


def test_health_refuses_to_change_anything(client):
    assert client.post("/health/").status_code == 405
