"""The daily freshness check: owners are reminded a month before their
profile's yearly reconfirmation is due; profiles past it are flagged as
outdated for the moderators."""

from datetime import timedelta

import pytest
from celery.signals import before_task_publish
from django.core import mail
from django.utils import timezone

from hub.factories import UserFactory
from partners import services, tasks
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus

pytestmark = pytest.mark.django_db
REMIND = tasks.remind_reconfirmation.name


@pytest.fixture
def published():
    """The tasks sent to the broker during the test, as (name, args)."""
    sent = []

    def record(sender=None, body=None, **kwargs):
        sent.append((sender, tuple(body[0])))

    before_task_publish.connect(record, weak=False)
    yield sent
    before_task_publish.disconnect(record)


def _confirmed(days_ago: int, **fields):
    return OrganisationFactory(
        reconfirmed_at=timezone.now() - timedelta(days=days_ago),
        owner=UserFactory(verified=True),
        **fields,
    )


def test_profiles_past_a_year_are_flagged_as_outdated():
    expired = _confirmed(400)
    current = _confirmed(20)
    waiting = _confirmed(400, status=ModerationStatus.PENDING)
    tasks.check_profile_freshness.run()
    for organisation in (expired, current, waiting):
        organisation.refresh_from_db()
    assert expired.stale_since is not None
    assert current.stale_since is None
    assert waiting.stale_since is None  # not public: nothing to go stale


def test_flagging_keeps_the_first_date():
    expired = _confirmed(400)
    tasks.check_profile_freshness.run()
    expired.refresh_from_db()
    first = expired.stale_since
    tasks.check_profile_freshness.run()
    expired.refresh_from_db()
    assert expired.stale_since == first


def test_owners_due_within_a_month_are_reminded_once(published):
    due = _confirmed(340)
    current = _confirmed(20)
    tasks.check_profile_freshness.run()
    assert published == [(REMIND, (due.pk,))]
    assert services.reconfirmation_remind(organisation_id=due.pk)
    assert not services.reconfirmation_remind(organisation_id=due.pk)
    (message,) = mail.outbox
    assert message.to == [due.memberships.get().user.email]
    published.clear()
    tasks.check_profile_freshness.run()
    assert published == []  # reminded already
    current.refresh_from_db()
    assert current.reconfirmation_reminder_sent_at is None


def test_reconfirming_clears_the_flag():
    expired = _confirmed(400)
    tasks.check_profile_freshness.run()
    owner = expired.memberships.get().user
    services.organisation_reconfirm(organisation=expired, user=owner)
    expired.refresh_from_db()
    assert expired.stale_since is None
