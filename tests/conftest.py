import os
import socket
from urllib.parse import urlparse

import pytest
from django.core.cache import cache

from hub.demo import demo_content_load
from hub.models import HomePage

SERVICE_HINTS = {
    "PostgreSQL": (
        "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
    ),
    "Redis": (
        "redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' "
        "--appendonly no"
    ),
}


def _unreachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2
        ):
            return False
    except OSError:
        return True


def pytest_sessionstart(session):
    """The suite runs against the real PostgreSQL and Redis; say how to start a
    missing one instead of failing test by test (or, worse, skipping)."""
    if (
        os.environ.get("DJANGO_SETTINGS_MODULE", "hub.settings.test")
        != "hub.settings.test"
    ):
        return
    from django.conf import settings

    wanted = {
        "PostgreSQL": (
            f"postgres://{settings.DATABASES['default']['HOST']}:"
            f"{settings.DATABASES['default']['PORT'] or 5432}",
            5432,
        ),
        "Redis": (settings.REDIS_URL, 6379),
    }
    missing = [name for name, (url, port) in wanted.items() if _unreachable(url, port)]
    if missing:
        lines = [
            f"{name} is not reachable. Start it with:\n    {SERVICE_HINTS[name]}"
            for name in missing
        ]
        pytest.exit("\n".join(lines), returncode=3)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters and cached fragments must not leak between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the demo site once: each test's transaction rolls back to it, which
    is far quicker than publishing its pages again for every test."""
    with django_db_blocker.unblock():
        demo_content_load()


@pytest.fixture
def demo_site(db):
    """The English home page of the demo site as `make run` builds it. Loading
    is idempotent: after a transactional test's flush it rebuilds the site."""
    demo_content_load()
    return HomePage.objects.get(locale__language_code="en")
