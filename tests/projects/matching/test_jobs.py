"""The matching jobs' work, run in the test process: what each job stores,
that running it again changes nothing, that changes ask for it once
committed, and that the repair finds what was missed."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hub.factories import UserFactory
from partners import services as partner_services
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus, Organisation
from projects import services, tasks
from projects.factories import InitiativeFactory
from projects.matching import compute, jobs
from projects.matching.registry import registry_load
from projects.matching.weights import ALGORITHM_VERSION
from projects.models import (
    InitiativeMatchingState,
    MatchingRun,
    MatchingRunKind,
    MatchingRunStatus,
    MatchSuggestion,
    OrganisationMatchingState,
    SuggestionDirection,
)

FOR_INITIATIVE = SuggestionDirection.FOR_INITIATIVE
FOR_ORGANISATION = SuggestionDirection.FOR_ORGANISATION
COMPUTE_INITIATIVE = "projects.tasks.compute_initiative_suggestions"
COMPUTE_ORGANISATION = "projects.tasks.compute_organisation_suggestions"


def _list(direction, **subject):
    return list(
        MatchSuggestion.objects.filter(direction=direction, **subject)
        .order_by("rank")
        .values_list("initiative_id", "organisation_id", "rank", "score")
    )


@pytest.fixture
def moderator(db):
    return UserFactory(is_superuser=True, verified=True)


class TestInitiativeJob:
    def test_it_stores_a_ranked_list_without_the_initiatives_own_members(
        self, registry
    ):
        initiative = registry[0][0]
        jobs.initiative_suggestions_compute(initiative_id=initiative.pk)
        stored = _list(FOR_INITIATIVE, initiative=initiative)
        assert 0 < len(stored) <= jobs.SUGGESTIONS_PER_LIST
        assert [rank for *_, rank, _score in stored] == list(range(1, len(stored) + 1))
        assert initiative.owner_id not in {row[1] for row in stored}

    def test_it_reads_the_registry_once_for_both_directions(self, registry):
        initiative = registry[0][0]
        with CaptureQueriesContext(connection) as queries:
            counts = jobs.initiative_suggestions_compute(initiative_id=initiative.pk)
        assert counts.organisations  # the organisations' lists were computed too
        # The registry's organisations, with the columns only its reading asks.
        readings = [
            query["sql"]
            for query in queries
            if '"partners_organisation"."reconfirmed_at"' in query["sql"]
            and query["sql"].lstrip().startswith("SELECT")
        ]
        assert len(readings) == 1

    def test_running_it_twice_stores_the_same_rows(self, registry):
        initiative = registry[0][0]
        jobs.initiative_suggestions_compute(initiative_id=initiative.pk)
        first = _list(FOR_INITIATIVE, initiative=initiative)
        others = MatchSuggestion.objects.filter(direction=FOR_ORGANISATION).count()
        tasks.compute_initiative_suggestions(initiative.pk)
        assert _list(FOR_INITIATIVE, initiative=initiative) == first
        assert (
            MatchSuggestion.objects.filter(direction=FOR_ORGANISATION).count() == others
        )

    def test_the_organisations_it_is_suggested_to_get_it_in_their_lists(self, registry):
        initiative = registry[0][0]
        jobs.initiative_suggestions_compute(initiative_id=initiative.pk)
        suggested = {row[1] for row in _list(FOR_INITIATIVE, initiative=initiative)}
        states = OrganisationMatchingState.objects.filter(organisation_id__in=suggested)
        assert states.count() == len(suggested)
        assert all(state.algorithm_version == ALGORITHM_VERSION for state in states)

    def test_a_paused_initiative_loses_its_suggestions_both_ways(self, registry):
        initiative = registry[0][0]
        jobs.initiative_suggestions_compute(initiative_id=initiative.pk)
        assert MatchSuggestion.objects.filter(initiative=initiative).exists()
        initiative.paused_at = timezone.now()
        initiative.save()
        jobs.initiative_suggestions_compute(initiative_id=initiative.pk)
        assert not MatchSuggestion.objects.filter(initiative=initiative).exists()

    def test_a_withdrawn_initiatives_job_does_nothing(self, registry):
        initiative = registry[0][0]
        initiative_id = initiative.pk
        initiative.delete()
        counts = jobs.initiative_suggestions_compute(initiative_id=initiative_id)
        assert counts.initiatives == 0
        assert not InitiativeMatchingState.objects.filter(
            initiative_id=initiative_id
        ).exists()

    def test_it_is_recorded_as_a_run(self, registry):
        jobs.initiative_suggestions_compute(initiative_id=registry[0][0].pk)
        run = MatchingRun.objects.latest()
        assert (run.kind, run.status, run.initiatives_count) == (
            MatchingRunKind.INITIATIVES,
            MatchingRunStatus.SUCCEEDED,
            1,
        )
        assert run.duration is not None


class TestOrganisationJob:
    def test_it_stores_its_list_and_names_the_initiatives_to_recompute(self, registry):
        _initiatives, organisations = registry
        organisation = organisations[5]  # owns none of them
        touched = jobs.organisation_suggestions_compute(organisation_id=organisation.pk)
        stored = _list(FOR_ORGANISATION, organisation=organisation)
        assert 0 < len(stored) <= jobs.SUGGESTIONS_PER_LIST
        # The registry's organisations seek no sector and share no theme: the
        # initiatives to recompute are those in its own new list.
        assert {row[0] for row in stored} <= set(touched)

    def test_initiatives_seeking_its_sector_are_recomputed(self, registry):
        initiatives, organisations = registry
        services.sectors_set(
            initiative=initiatives[1], sectors=[organisations[5].sector]
        )
        touched = jobs.organisation_suggestions_compute(
            organisation_id=organisations[5].pk
        )
        assert initiatives[1].pk in touched

    def test_chunks_store_each_list_once_however_often_they_run(self, registry):
        initiatives, _ = registry
        ids = [initiative.pk for initiative in initiatives]
        jobs.lists_recompute(direction=FOR_INITIATIVE, ids=ids)
        first = _list(FOR_INITIATIVE, initiative_id__in=ids)
        tasks.compute_suggestions_chunk(FOR_INITIATIVE, ids)
        assert _list(FOR_INITIATIVE, initiative_id__in=ids) == first


class TestFullRun:
    def _run_in_process(self, run):
        for direction, ids in jobs.full_run_chunks(run_id=run.pk):
            jobs.full_run_chunk_compute(run_id=run.pk, direction=direction, ids=ids)
        run.refresh_from_db()
        return run

    def test_every_public_list_is_stored_and_the_run_counts_them(
        self, registry, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks():  # not sent to the queue
            run, created = jobs.matching_full_run_request()
        assert created
        run = self._run_in_process(run)
        assert run.status == MatchingRunStatus.SUCCEEDED
        public = jobs._public(FOR_INITIATIVE)
        assert run.initiatives_count == public.count()
        assert not public.exclude(matching_state__computed_at__gte=run.started_at)
        for initiative in public:
            assert _list(FOR_INITIATIVE, initiative=initiative)

    def test_a_chunk_run_again_computes_nothing_more(
        self, registry, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks():
            run, _ = jobs.matching_full_run_request()
        (direction, ids), *_ = jobs.full_run_chunks(run_id=run.pk)
        assert jobs.full_run_chunk_compute(run_id=run.pk, direction=direction, ids=ids)
        assert not jobs.full_run_chunk_compute(
            run_id=run.pk, direction=direction, ids=ids
        )

    def test_a_second_request_while_one_runs_gives_the_same_run(
        self, registry, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks():
            first, _ = jobs.matching_full_run_request()
            second, created = jobs.matching_full_run_request()
        assert (second, created) == (first, False)

    def test_a_failing_chunk_fails_its_run_with_the_error(
        self, registry, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks():
            run, _ = jobs.matching_full_run_request()
        with pytest.raises(ValueError):
            tasks.compute_suggestions_chunk("sideways", [1], run.pk)
        run.refresh_from_db()
        assert run.status == MatchingRunStatus.FAILED
        assert "sideways" in run.error


class TestRunReading:
    """A full run's chunks in one process share one reading of the registry."""

    @pytest.fixture
    def run(self, registry, settings, django_capture_on_commit_callbacks):
        settings.MATCHING_CHUNK_SIZE = 1  # one initiative a chunk
        with django_capture_on_commit_callbacks():
            run, _ = jobs.matching_full_run_request()
        return run

    @staticmethod
    def _initiative_chunks(run):
        return [
            ids
            for direction, ids in jobs.full_run_chunks(run_id=run.pk)
            if direction == FOR_INITIATIVE
        ]

    @staticmethod
    def _listed(ids) -> list[int]:
        """The organisations in the lists of the initiatives ``ids``."""
        rows = _list(FOR_INITIATIVE, initiative_id__in=ids)
        return [organisation for _i, organisation, *_ in rows]

    @staticmethod
    def _chunk(run, ids):
        return jobs.full_run_chunk_compute(
            run_id=run.pk, direction=FOR_INITIATIVE, ids=ids
        )

    def test_only_the_first_chunk_reads_the_registry(self, run):
        first, second, *_ = self._initiative_chunks(run)
        with CaptureQueriesContext(connection) as reading:
            self._chunk(run, first)
        with CaptureQueriesContext(connection) as sharing:
            self._chunk(run, second)
        # Reading the registry takes over a dozen queries.
        assert len(sharing) <= len(reading) - 10

    def test_a_chunk_lists_what_a_job_of_its_own_would(self, registry):
        ids = [initiative.pk for initiative in registry[0][:2]]
        own = compute.suggestions_for_initiatives(ids)
        shared = compute.suggestions_for_initiatives(ids, registry=registry_load())
        assert set(shared) == set(ids)
        for pk in ids:
            assert [(s.organisation_id, s.score) for s in shared[pk]] == [
                (s.organisation_id, pytest.approx(s.score, abs=1e-5)) for s in own[pk]
            ]

    def test_a_list_a_later_job_stored_is_kept(self, run):
        first, second, *_ = self._initiative_chunks(run)
        self._chunk(run, first)
        newcomer = OrganisationFactory()
        jobs.lists_compute(FOR_INITIATIVE, second)
        later = _list(FOR_INITIATIVE, initiative_id__in=second)
        assert newcomer.pk in self._listed(second)
        self._chunk(run, second)
        assert _list(FOR_INITIATIVE, initiative_id__in=second) == later

    def test_what_left_the_hub_after_the_reading_is_not_listed(self, run):
        first, second, *_ = self._initiative_chunks(run)
        self._chunk(run, first)
        _i, deleted, *_ = _list(FOR_INITIATIVE, initiative_id__in=first)[0]
        _i, suspended, *_ = _list(FOR_INITIATIVE, initiative_id__in=first)[1]
        Organisation.objects.filter(pk=deleted).delete()
        Organisation.objects.filter(pk=suspended).update(
            status=ModerationStatus.SUSPENDED
        )
        self._chunk(run, second)
        listed = _list(FOR_INITIATIVE, initiative_id__in=second)
        assert deleted not in self._listed(second)
        assert suspended not in self._listed(second)
        assert [rank for *_o, rank, _score in listed] == list(range(1, len(listed) + 1))

    def test_an_organisation_approved_during_the_run_comes_with_its_own_job(self, run):
        first, second, *_ = self._initiative_chunks(run)
        self._chunk(run, first)
        newcomer = OrganisationFactory()
        self._chunk(run, second)
        assert newcomer.pk not in self._listed(second)
        touched = jobs.organisation_suggestions_compute(organisation_id=newcomer.pk)
        jobs.lists_compute(FOR_INITIATIVE, touched)
        assert newcomer.pk in self._listed(second)

    def test_the_next_run_reads_the_registry_again(
        self, run, django_capture_on_commit_callbacks
    ):
        for direction, ids in jobs.full_run_chunks(run_id=run.pk):
            jobs.full_run_chunk_compute(run_id=run.pk, direction=direction, ids=ids)
        run.refresh_from_db()
        assert run.status == MatchingRunStatus.SUCCEEDED
        newcomer = OrganisationFactory()
        with django_capture_on_commit_callbacks():
            next_run, created = jobs.matching_full_run_request()
        assert created
        first, *_ = self._initiative_chunks(next_run)
        self._chunk(next_run, first)
        assert newcomer.pk in self._listed(first)


class TestEnqueuedOnCommit:
    def test_approving_an_initiative_asks_for_its_suggestions(
        self, moderator, queue, django_capture_on_commit_callbacks
    ):
        initiative = InitiativeFactory(status=ModerationStatus.PENDING)
        with django_capture_on_commit_callbacks(execute=True):
            services.initiative_decide(
                initiative=initiative, moderator=moderator, action="approve"
            )
            assert queue() == []  # nothing before the commit
        initiative.matching_state.refresh_from_db()
        assert initiative.matching_state.is_computing
        assert (COMPUTE_INITIATIVE, [initiative.pk]) in queue()

    def test_rejecting_one_never_approved_asks_for_nothing(
        self, moderator, queue, django_capture_on_commit_callbacks
    ):
        initiative = InitiativeFactory(status=ModerationStatus.PENDING)
        with django_capture_on_commit_callbacks(execute=True):
            services.initiative_decide(
                initiative=initiative,
                moderator=moderator,
                action="reject",
                reason="Not an initiative.",
            )
        assert COMPUTE_INITIATIVE not in {name for name, _ in queue()}

    def test_pausing_a_public_initiative_asks_for_its_suggestions_to_go(
        self, member, member_organisation, queue, django_capture_on_commit_callbacks
    ):
        initiative = InitiativeFactory(owner=member_organisation)
        with django_capture_on_commit_callbacks(execute=True):
            services.initiative_pause(initiative=initiative, user=member)
        assert (COMPUTE_INITIATIVE, [initiative.pk]) in queue()

    def test_approving_an_organisation_asks_for_it_and_its_initiatives(
        self, moderator, queue, django_capture_on_commit_callbacks
    ):
        organisation = OrganisationFactory(status=ModerationStatus.PENDING)
        initiative = InitiativeFactory(owner=organisation)
        with django_capture_on_commit_callbacks(execute=True):
            partner_services.organisation_decide(
                organisation=organisation, moderator=moderator, action="approve"
            )
        waiting = queue()
        assert (COMPUTE_ORGANISATION, [organisation.pk]) in waiting
        assert (COMPUTE_INITIATIVE, [initiative.pk]) in waiting

    def test_editing_an_organisation_asks_for_its_suggestions(
        self, member, member_organisation, queue, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            partner_services.organisation_update(
                organisation=member_organisation,
                user=member,
                fields={"description": "We light streets with sensors."},
            )
        assert (COMPUTE_ORGANISATION, [member_organisation.pk]) in queue()


class TestRepair:
    def _computed(self, initiative, **state):
        jobs.initiative_suggestions_compute(initiative_id=initiative.pk)
        InitiativeMatchingState.objects.filter(initiative=initiative).update(**state)

    def test_lists_from_an_older_algorithm_version_are_recomputed(self, registry):
        initiative = registry[0][0]
        self._computed(initiative, algorithm_version=ALGORITHM_VERSION - 1)
        assert initiative.pk in jobs.matching_repair().stale_initiatives

    def test_a_list_computed_before_the_last_edit_is_recomputed(self, registry):
        initiative = registry[0][0]
        self._computed(initiative, computed_at=timezone.now() - timedelta(hours=1))
        assert initiative.pk in jobs.matching_repair().stale_initiatives

    def test_an_initiative_never_computed_is_recomputed(self, registry):
        initiative = registry[0][0]
        assert initiative.pk in jobs.matching_repair().stale_initiatives

    def test_a_request_lost_ten_minutes_ago_is_run_again(self, registry):
        initiative = registry[0][0]
        self._computed(initiative)
        InitiativeMatchingState.objects.filter(initiative=initiative).update(
            requested_at=timezone.now() + timedelta(seconds=1)
        )
        later = timezone.now() + timedelta(minutes=11)
        assert jobs.matching_repair().missed_initiatives == []  # on its way
        assert initiative.pk in jobs.matching_repair(now=later).missed_initiatives

    def test_current_lists_are_left_alone(self, registry):
        initiative = registry[0][0]
        self._computed(initiative)
        repair = jobs.matching_repair()
        assert initiative.pk not in repair.stale_initiatives
        assert initiative.pk not in repair.missed_initiatives

    def test_the_repair_marks_what_it_sends_so_the_next_one_waits(self, registry):
        initiative = registry[0][0]
        assert initiative.pk in jobs.matching_repair().stale_initiatives
        assert initiative.pk not in jobs.matching_repair().stale_initiatives

    def test_the_repair_task_sends_lost_jobs_again(self, registry, queue):
        initiative = registry[0][0]
        jobs.matching_repair()  # asks for every list
        InitiativeMatchingState.objects.filter(initiative=initiative).update(
            requested_at=timezone.now() - timedelta(minutes=11)
        )
        tasks.repair_suggestions()
        assert (COMPUTE_INITIATIVE, [initiative.pk]) in queue()

    def test_runs_left_running_for_hours_are_marked_failed(self, db):
        run = MatchingRun.objects.create(
            kind=MatchingRunKind.FULL,
            algorithm_version=ALGORITHM_VERSION,
            started_at=timezone.now() - timedelta(hours=7),
        )
        jobs.matching_repair()
        run.refresh_from_db()
        assert run.status == MatchingRunStatus.FAILED
        assert run.error
