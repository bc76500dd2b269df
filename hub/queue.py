"""Handing work to the Celery workers once a transaction has committed."""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnreachable

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> bool:
    """Send ``task`` with ``args`` to the workers now. When the broker cannot
    be reached, log it and return False: what was saved stays saved, and the
    task's repair job sends it later."""
    try:
        task.delay(*args)
    except (BrokerUnreachable, OSError):
        logger.warning("Could not enqueue %s%r", task.name, args, exc_info=True)
        return False
    return True


def enqueue_on_commit(task, *args) -> None:
    """Send ``task`` with ``args`` once the current transaction commits (at
    once outside one), so that the worker finds what it wrote."""
    transaction.on_commit(lambda: enqueue(task, *args))
