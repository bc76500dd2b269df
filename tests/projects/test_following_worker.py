"""The hourly digest run on a real Celery worker: the beat's task finds who is
due and the worker e-mails them, marking what it sent."""

import time

import pytest

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from projects import following, tasks
from projects.models import Follow, Notification, NotificationKind
from tests.hub.test_celery_worker import celery_worker  # noqa: F401 - a fixture

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _wait_until(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_the_worker_sends_the_digests_that_are_due(celery_worker):  # noqa: F811
    user = UserFactory(verified=True)
    organisation = OrganisationFactory()
    Follow.objects.create(user=user, organisation=organisation)
    following.notifications_record(target=organisation, kind=NotificationKind.UPDATED)
    tasks.send_digests.delay()
    assert _wait_until(
        lambda: not Notification.objects.filter(emailed_at__isnull=True).exists()
    )
    assert following.preferences_of(user=user).last_digest_at is not None
