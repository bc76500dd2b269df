import json
from contextlib import contextmanager

import pytest
import redis
from django.conf import settings

from hub.celery import app as celery_app
from partners.factories import OrganisationFactory
from projects.factories import InitiativeFactory

# Nothing listens on the discard port.
UNREACHABLE = "redis://127.0.0.1:9/0"


@pytest.fixture
def queue():
    """The Celery queue on the test broker, emptied first: ``queue()`` lists
    the (task name, arguments) waiting in it."""
    celery_app.control.purge()
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)

    def waiting() -> list[tuple[str, list]]:
        messages = client.lrange(settings.CELERY_TASK_DEFAULT_QUEUE, 0, -1)
        found = []
        for raw in reversed(messages):  # oldest first
            message = json.loads(raw)
            body = json.loads(_decoded(message))
            found.append((message["headers"]["task"], body[0]))
        return found

    yield waiting
    celery_app.control.purge()


def _decoded(message) -> str:
    import base64

    return base64.b64decode(message["body"]).decode()


@pytest.fixture
def registry(db):
    """A few public organisations and initiatives beside the demo site's."""
    organisations = OrganisationFactory.create_batch(8)
    initiatives = [
        InitiativeFactory(owner=organisations[index % 3]) for index in range(4)
    ]
    return initiatives, organisations


@contextmanager
def _broker_down():
    working = celery_app.conf.broker_url, celery_app.conf.broker_write_url
    _use_broker(UNREACHABLE, UNREACHABLE)
    try:
        yield
    finally:
        _use_broker(*working)


@pytest.fixture
def unreachable_broker():
    """The Celery app sends to a port where nothing listens, as when Redis
    is down; put back afterwards."""
    with _broker_down():
        yield


@pytest.fixture
def unreachable_broker_switch():
    """``with unreachable_broker_switch():`` the broker is down inside."""
    return _broker_down


def _use_broker(url: str, write_url: str | None) -> None:
    # Celery sends to the write URL once it has sent anything, and keeps a
    # connection and a producer pool per broker; forget the current ones so
    # that the next task goes to ``url``'s.
    celery_app.conf.broker_url, celery_app.conf.broker_write_url = url, write_url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
