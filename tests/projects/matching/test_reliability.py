"""The matching jobs against real failures: a worker killed in the middle of
a full recompute, and the broker down when an initiative is approved."""

import os
import signal
from datetime import timedelta

import psycopg2
import pytest
import redis
from django.conf import settings
from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus, Organisation
from projects import services, tasks
from projects.factories import InitiativeFactory
from projects.matching import jobs
from projects.matching.weights import ALGORITHM_VERSION
from projects.models import (
    Initiative,
    InitiativeMatchingState,
    MatchingRun,
    MatchingRunStatus,
    MatchSuggestion,
    OrganisationMatchingState,
    SuggestionDirection,
)
from tests.projects.matching.workers import eventually, start_worker, stop

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
CHUNK = 5
# Workers that give a dead worker's task to another after five seconds.
WORKER = {"MATCHING_CHUNK_SIZE": CHUNK, "CELERY_VISIBILITY_TIMEOUT": 5}


@pytest.fixture
def broker():
    """The test broker, emptied of queues and of tasks a dead worker held."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def workers(broker):
    started = []

    def start():
        started.append(start_worker(**WORKER))
        return started[-1]

    yield start
    for worker in started:
        stop(worker)


def _registry(initiatives=30, organisations=200):
    """The ids of ``initiatives`` public initiatives, in order, each owned
    by one of ``organisations``."""
    created = OrganisationFactory.create_batch(organisations)
    return sorted(
        InitiativeFactory(owner=created[index]).pk for index in range(initiatives)
    )


def _lock_state_of(initiative_id: int):
    """Another connection holding the initiative's state row: the job that
    stores its suggestions waits on it until the lock is released."""
    InitiativeMatchingState.objects.get_or_create(initiative_id=initiative_id)
    database = connection.settings_dict
    holder = psycopg2.connect(
        dbname=database["NAME"],
        user=database["USER"],
        host=database["HOST"],
        port=database["PORT"],
    )
    holder.cursor().execute(
        "SELECT id FROM projects_initiativematchingstate "
        "WHERE initiative_id = %s FOR UPDATE",
        [initiative_id],
    )
    return holder


def _someone_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


def _stored_since(moment) -> set[int]:
    return set(
        InitiativeMatchingState.objects.filter(computed_at__gte=moment).values_list(
            "initiative_id", flat=True
        )
    )


def _assert_complete_lists(run, ids):
    """Every public initiative and organisation has one current, ranked list
    without duplicates, stored by ``run``."""
    organisations = OrganisationMatchingState.objects.filter(
        computed_at__gte=run.started_at, algorithm_version=ALGORITHM_VERSION
    )
    approved = Organisation.objects.approved().count()
    assert organisations.count() == run.organisations_count == approved
    lists = (
        MatchSuggestion.objects.filter(
            direction=SuggestionDirection.FOR_INITIATIVE, initiative_id__in=ids
        )
        .values("initiative")
        .annotate(
            rows=Count("pk"),
            partners=Count("organisation", distinct=True),
            last_rank=Max("rank"),
        )
    )
    assert len(lists) == len(ids)
    for suggested in lists:
        expected = jobs.SUGGESTIONS_PER_LIST
        assert suggested["rows"] == suggested["partners"] == expected
        assert suggested["last_rank"] == expected
    assert not MatchSuggestion.objects.exclude(algorithm_version=ALGORITHM_VERSION)


def test_a_full_run_finishes_after_its_worker_is_killed_half_way(workers):
    ids = _registry()
    first = workers()
    # The third chunk's third initiative: two chunks are stored when the
    # worker is killed, waiting to store the third, which is stored whole
    # or not at all.
    waited_for = ids[2 * CHUNK + 2]
    holder = _lock_state_of(waited_for)
    try:
        run, _ = jobs.matching_full_run_request()
        assert eventually(_someone_waits_for_a_lock, seconds=60)
        run.refresh_from_db()
        assert run.status == MatchingRunStatus.RUNNING
        stored_before = _stored_since(run.started_at)
        assert set(ids[: 2 * CHUNK]) <= stored_before
        assert not set(ids[2 * CHUNK : 3 * CHUNK]) & stored_before
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        killed_at = timezone.now()
    finally:
        # Whatever failed, the lock goes, or the worker and the test
        # database's teardown would wait for it for ever.
        holder.rollback()
        holder.close()
    workers()
    assert eventually(
        lambda: MatchingRun.objects.get(pk=run.pk).status != MatchingRunStatus.RUNNING
    )
    run.refresh_from_db()
    assert run.status == MatchingRunStatus.SUCCEEDED, run.error
    assert run.initiatives_count == Initiative.objects.public().count()
    assert set(ids) <= _stored_since(run.started_at)
    # What the killed worker had not stored was stored after it died.
    assert set(ids) - stored_before <= _stored_since(killed_at)
    _assert_complete_lists(run, ids)


def test_an_approval_with_the_broker_down_is_matched_by_the_repair(
    workers, unreachable_broker_switch
):
    _registry(initiatives=0, organisations=25)
    initiative = InitiativeFactory(
        status=ModerationStatus.PENDING, owner=OrganisationFactory()
    )
    moderator = UserFactory(is_superuser=True, verified=True)
    with unreachable_broker_switch():
        services.initiative_decide(
            initiative=initiative, moderator=moderator, action="approve"
        )
    initiative.refresh_from_db()
    assert initiative.status == ModerationStatus.APPROVED
    assert initiative.matching_state.is_computing
    assert not MatchSuggestion.objects.filter(initiative=initiative).exists()

    # Ten minutes on, the repair finds the request nobody answered.
    InitiativeMatchingState.objects.filter(initiative=initiative).update(
        requested_at=timezone.now() - timedelta(minutes=11)
    )
    workers()
    tasks.repair_suggestions.delay()
    assert eventually(
        lambda: (
            MatchSuggestion.objects.filter(
                initiative=initiative, direction=SuggestionDirection.FOR_INITIATIVE
            ).count()
            == jobs.SUGGESTIONS_PER_LIST
        )
    )
    state = InitiativeMatchingState.objects.get(initiative=initiative)
    assert eventually(
        lambda: (
            not InitiativeMatchingState.objects.get(initiative=initiative).is_computing
        )
    )
    assert state.algorithm_version == ALGORITHM_VERSION
