"""Owners hear of each moderator's decision on their initiative once, in
their own language, even when the task runs twice or was lost.

The e-mail links to the initiative's page (``projects:initiative_detail``),
which the initiative pages bring; without that route these tests say so."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from hub.factories import UserFactory
from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import MemberRole, ModerationStatus
from projects import services, tasks
from projects.factories import InitiativeFactory
from projects.models import InitiativeDecision

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative():
    """An initiative awaiting review whose organisation has an English and a
    Dutch owner, and an editor who is not mailed."""
    owner = OrganisationFactory(
        name="Gemeente Utrecht",
        owner=UserFactory(verified=True, email="anne@example.org", language="en"),
    )
    MembershipFactory(
        organisation=owner,
        role=MemberRole.OWNER,
        user=UserFactory(verified=True, email="bram@example.org", language="nl"),
    )
    MembershipFactory(
        organisation=owner,
        role=MemberRole.EDITOR,
        user=UserFactory(verified=True, email="eva@example.org"),
    )
    return InitiativeFactory(
        title="Slimme lantaarns",
        slug="slimme-lantaarns",
        owner=owner,
        status=ModerationStatus.PENDING,
    )


@pytest.fixture
def decide(
    initiative,
    initiative_moderator,
    tasks_run_at_once,
    django_capture_on_commit_callbacks,
):
    """A moderator's decision on ``initiative``, its e-mail task run once
    the decision is committed, as a worker would."""

    def decide(action: str, reason: str = "") -> InitiativeDecision:
        with django_capture_on_commit_callbacks(execute=True):
            return services.initiative_decide(
                initiative=initiative,
                moderator=initiative_moderator,
                action=action,
                reason=reason,
            )

    return decide


def _messages_by_recipient():
    return {message.to[0]: message for message in mail.outbox}


class TestDecisionMail:
    def test_approval_mails_each_owner_once_in_their_language(self, initiative, decide):
        decide("approve")
        messages = _messages_by_recipient()
        assert sorted(messages) == ["anne@example.org", "bram@example.org"]
        english, dutch = messages["anne@example.org"], messages["bram@example.org"]
        assert english.subject == "Slimme lantaarns on the Smart Cities Hub: Approved"
        assert "It is approved and now appears in the list of initiatives" in (
            english.body
        )
        assert dutch.subject.startswith("Slimme lantaarns op de Smart Cities Hub")
        assert "Het is goedgekeurd" in dutch.body
        assert initiative.get_absolute_url() in english.body

    def test_rejection_tells_the_owners_why(self, decide):
        decide("reject", "It is an advertisement, not an initiative.")
        english = _messages_by_recipient()["anne@example.org"]
        assert "It has been rejected and will not appear on the hub." in english.body
        assert "It is an advertisement, not an initiative." in english.body
        assert len(mail.outbox) == 2

    def test_a_retried_task_sends_nothing_twice(self, decide):
        decision = decide("approve")
        assert len(mail.outbox) == 2
        tasks.notify_owners_of_initiative_decision(decision.pk)
        tasks.notify_owners_of_initiative_decision.delay(decision.pk)
        assert len(mail.outbox) == 2
        decision.refresh_from_db()
        assert decision.owners_notified_at is not None


class TestRepair:
    def _lost(self, initiative, moderator, *, minutes_ago: int) -> InitiativeDecision:
        """A decision whose e-mail task never reached a worker."""
        decision = services.initiative_decide(
            initiative=initiative, moderator=moderator, action="approve"
        )
        InitiativeDecision.objects.filter(pk=decision.pk).update(
            decided_at=timezone.now() - timedelta(minutes=minutes_ago)
        )
        return decision

    def test_lost_notifications_are_sent_and_only_those(
        self, initiative, initiative_moderator, tasks_run_at_once
    ):
        lost = self._lost(initiative, initiative_moderator, minutes_ago=20)
        recent = InitiativeFactory(
            owner=initiative.owner, status=ModerationStatus.PENDING
        )
        just_now = self._lost(recent, initiative_moderator, minutes_ago=5)
        tasks.repair_missed_initiative_notifications()
        assert sorted(message.to[0] for message in mail.outbox) == [
            "anne@example.org",
            "bram@example.org",
        ]
        lost.refresh_from_db()
        just_now.refresh_from_db()
        assert lost.owners_notified_at is not None
        assert just_now.owners_notified_at is None  # its task may yet run

    def test_repair_sends_nothing_twice_and_nothing_for_the_owners_own_steps(
        self, initiative, initiative_moderator, tasks_run_at_once
    ):
        self._lost(initiative, initiative_moderator, minutes_ago=30)
        submitted = InitiativeDecision.objects.create(
            initiative=initiative, action="submit"
        )
        InitiativeDecision.objects.filter(pk=submitted.pk).update(
            decided_at=timezone.now() - timedelta(hours=2)
        )
        tasks.repair_missed_initiative_notifications()
        tasks.repair_missed_initiative_notifications()
        assert len(mail.outbox) == 2
