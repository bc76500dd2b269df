"""An organisation taken off the hub (a moderator suspends, rejects or sends
it back for changes, or its owner withdraws it) leaves the lists it was in,
and those lists fill up again once the change is committed; the repair
refills a list that still holds one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.factories import UserFactory
from partners import services as partner_services
from partners.factories import MembershipFactory
from partners.models import MemberRole, ModerationStatus, Organisation
from projects import tasks
from projects.matching import jobs
from projects.models import (
    Initiative,
    MatchingRun,
    MatchingRunStatus,
    MatchSuggestion,
    SuggestionDirection,
)

FOR_INITIATIVE = SuggestionDirection.FOR_INITIATIVE
FOR_ORGANISATION = SuggestionDirection.FOR_ORGANISATION
COMPUTE_CHUNK = "projects.tasks.compute_suggestions_chunk"
REASONS = {
    "suspend": "It sends spam.",
    "reject": "Not an organisation.",
    "request_changes": "Please describe what you do.",
}


def _suggested(initiative) -> list[int]:
    return list(
        MatchSuggestion.objects.filter(direction=FOR_INITIATIVE, initiative=initiative)
        .order_by("rank")
        .values_list("organisation_id", flat=True)
    )


def _suspend(organisation, moderator):
    partner_services.organisation_decide(
        organisation=organisation,
        moderator=moderator,
        action="suspend",
        reason=REASONS["suspend"],
    )


@pytest.fixture
def moderator(db):
    return UserFactory(is_superuser=True, verified=True)


@pytest.fixture
def listed(registry, monkeypatch):
    """An initiative with three suggestions, and the first of them, which
    has an owner; there are more eligible organisations than three."""
    monkeypatch.setattr(jobs, "SUGGESTIONS_PER_LIST", 3)
    initiative = registry[0][0]
    jobs.initiative_suggestions_compute(initiative_id=initiative.pk)
    suggested = _suggested(initiative)
    assert len(suggested) == 3
    organisation = Organisation.objects.get(pk=suggested[0])
    jobs.organisation_suggestions_compute(organisation_id=organisation.pk)
    owner = MembershipFactory(organisation=organisation, role=MemberRole.OWNER).user
    return initiative, organisation, owner


class TestTakenOffTheHub:
    @pytest.mark.parametrize("action", sorted(REASONS))
    def test_a_moderators_decision_refills_the_lists_it_was_in(
        self,
        listed,
        moderator,
        action,
        tasks_run_at_once,
        django_capture_on_commit_callbacks,
    ):
        initiative, organisation, _owner = listed
        with django_capture_on_commit_callbacks(execute=True):
            partner_services.organisation_decide(
                organisation=organisation,
                moderator=moderator,
                action=action,
                reason=REASONS[action],
            )
        suggested = _suggested(initiative)
        assert organisation.pk not in suggested
        assert len(suggested) == 3

    def test_its_own_list_goes(
        self, listed, moderator, tasks_run_at_once, django_capture_on_commit_callbacks
    ):
        _initiative, organisation, _owner = listed
        assert MatchSuggestion.objects.filter(
            direction=FOR_ORGANISATION, organisation=organisation
        ).exists()
        with django_capture_on_commit_callbacks(execute=True):
            _suspend(organisation, moderator)
        assert not MatchSuggestion.objects.filter(organisation=organisation).exists()

    def test_its_owner_withdrawing_it_refills_the_lists_it_was_in(
        self, listed, tasks_run_at_once, django_capture_on_commit_callbacks
    ):
        initiative, organisation, owner = listed
        with django_capture_on_commit_callbacks(execute=True):
            partner_services.organisation_withdraw(
                organisation=organisation, user=owner
            )
        suggested = _suggested(initiative)
        assert organisation.pk not in suggested
        assert len(suggested) == 3

    def test_the_lists_are_asked_for_once_committed(
        self, listed, moderator, queue, django_capture_on_commit_callbacks
    ):
        initiative, organisation, _owner = listed
        with django_capture_on_commit_callbacks(execute=True):
            _suspend(organisation, moderator)
            assert queue() == []  # nothing before the commit
        initiative.matching_state.refresh_from_db()
        assert initiative.matching_state.is_computing
        # With any other initiatives whose lists held it (the demo's too).
        chunks = [args for name, args in queue() if name == COMPUTE_CHUNK]
        assert any(
            direction == FOR_INITIATIVE and initiative.pk in ids
            for direction, ids in chunks
        )

    def test_a_lost_request_is_found_by_the_repair(
        self, listed, django_capture_on_commit_callbacks
    ):
        initiative, organisation, owner = listed
        with django_capture_on_commit_callbacks():  # never sent
            partner_services.organisation_withdraw(
                organisation=organisation, user=owner
            )
        later = timezone.now() + timedelta(minutes=11)
        assert initiative.pk in jobs.matching_repair(now=later).missed_initiatives

    def test_its_own_initiatives_leave_the_other_lists(
        self, registry, moderator, tasks_run_at_once, django_capture_on_commit_callbacks
    ):
        initiatives, organisations = registry
        owner = organisations[0]  # owns initiatives[0] and initiatives[3]
        owned = [initiatives[0].pk, initiatives[3].pk]
        jobs.lists_compute(FOR_ORGANISATION, [organisations[5].pk])
        listing = MatchSuggestion.objects.filter(
            direction=FOR_ORGANISATION, organisation=organisations[5]
        )
        before = listing.count()
        assert listing.filter(initiative_id__in=owned).exists()
        with django_capture_on_commit_callbacks(execute=True):
            partner_services.organisation_decide(
                organisation=owner,
                moderator=moderator,
                action="suspend",
                reason=REASONS["suspend"],
            )
        assert not listing.filter(initiative_id__in=owned).exists()
        assert listing.count() == min(before, Initiative.objects.public().count())


class TestStillOnTheHub:
    def test_editing_it_keeps_it_in_the_lists(
        self, listed, tasks_run_at_once, django_capture_on_commit_callbacks
    ):
        initiative, organisation, owner = listed
        with django_capture_on_commit_callbacks(execute=True):
            partner_services.organisation_update(
                organisation=organisation,
                user=owner,
                fields={"description": organisation.description},
            )
        assert organisation.pk in _suggested(initiative)
        assert MatchSuggestion.objects.filter(
            direction=FOR_ORGANISATION, organisation=organisation
        ).exists()

    def test_approving_it_again_gives_it_a_list_again(
        self, listed, moderator, tasks_run_at_once, django_capture_on_commit_callbacks
    ):
        _initiative, organisation, _owner = listed
        with django_capture_on_commit_callbacks(execute=True):
            _suspend(organisation, moderator)
        with django_capture_on_commit_callbacks(execute=True):
            partner_services.organisation_decide(
                organisation=organisation, moderator=moderator, action="approve"
            )
        assert MatchSuggestion.objects.filter(
            direction=FOR_ORGANISATION, organisation=organisation
        ).exists()


class TestRepair:
    def _suspended_without_telling(self, organisation):
        # As if the listeners had never heard of it.
        Organisation.objects.filter(pk=organisation.pk).update(
            status=ModerationStatus.SUSPENDED
        )

    def test_it_refills_a_list_holding_an_organisation_no_longer_approved(
        self, listed, tasks_run_at_once
    ):
        initiative, organisation, _owner = listed
        self._suspended_without_telling(organisation)
        tasks.repair_suggestions()
        suggested = _suggested(initiative)
        assert organisation.pk not in suggested
        assert len(suggested) == 3

    def test_during_a_full_run_it_leaves_such_a_list_for_after_the_run(
        self, listed, django_capture_on_commit_callbacks
    ):
        initiative, organisation, _owner = listed
        with django_capture_on_commit_callbacks():  # the run is not sent
            run, _ = jobs.matching_full_run_request()
        self._suspended_without_telling(organisation)
        assert initiative.pk not in jobs.matching_repair().stale_initiatives
        assert organisation.pk in _suggested(initiative)
        MatchingRun.objects.filter(pk=run.pk).update(status=MatchingRunStatus.SUCCEEDED)
        assert initiative.pk in jobs.matching_repair().stale_initiatives

    def test_a_list_holding_an_initiative_no_longer_public_is_recomputed(
        self, registry
    ):
        _initiatives, organisations = registry
        organisation = organisations[5]
        jobs.lists_compute(FOR_ORGANISATION, [organisation.pk])
        listed_id = MatchSuggestion.objects.filter(
            direction=FOR_ORGANISATION, organisation=organisation
        ).values_list("initiative_id", flat=True)[0]
        Initiative.objects.filter(pk=listed_id).update(paused_at=timezone.now())
        assert organisation.pk in jobs.matching_repair().stale_organisations
