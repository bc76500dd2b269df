"""The matching jobs' work, which the tasks in ``projects.tasks`` run.

Asking: a change to an initiative or an organisation marks its state
``requested_at`` in the change's own transaction and enqueues its job once
that commits; if the broker is down the change still stands, and the repair
finds the request that was never answered.

Computing: every job may run twice, or be killed half-way and run again.
Each subject's list is replaced whole (``store``), stamped with the time its
computation started so that a slower, older job never overwrites a newer
one. A full run is split into chunks of ids, each its own task: a killed
chunk is redelivered and redoes only the subjects the run has not stored.
The chunks a worker process computes for one run share one reading of the
registry (``_run_reading``), stamped with when it was read.
"""

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from hub.queue import enqueue, enqueue_on_commit
from partners.models import Organisation
from projects.matching import compute, store
from projects.matching.registry import Registry, registry_load
from projects.matching.weights import ALGORITHM_VERSION
from projects.models import (
    Initiative,
    MatchingRun,
    MatchingRunKind,
    MatchingRunStatus,
    MatchSuggestion,
    SuggestionDirection,
)

FOR_INITIATIVE = SuggestionDirection.FOR_INITIATIVE
FOR_ORGANISATION = SuggestionDirection.FOR_ORGANISATION
SUGGESTIONS_PER_LIST = compute.SUGGESTIONS_PER_LIST
# A request not computed after this long is taken to be lost.
MISSED_AFTER = timedelta(minutes=10)
# A run still "running" after this long was interrupted for good.
STUCK_AFTER = timedelta(hours=6)
# Runs are the operators' recent history, not an archive.
RUNS_KEPT = timedelta(days=90)
QUEUE_UNREACHABLE = "The job queue could not be reached."


# Each chunk reads the whole registry once (``compute``), then scores its
# rows against one whole side: an initiative against every organisation, an
# organisation against every initiative. Organisations outnumber initiatives
# and cost less each, so their chunks are larger.
ORGANISATIONS_PER_INITIATIVE_CHUNK = 10


def chunk_size(direction=None) -> int:
    size = settings.MATCHING_CHUNK_SIZE
    if direction == SuggestionDirection.FOR_ORGANISATION:
        return size * ORGANISATIONS_PER_INITIATIVE_CHUNK
    return size


def chunked(ids: Iterable[int], direction=None) -> Iterator[list[int]]:
    """``ids`` in lists of the chunk size for ``direction``."""
    ids, size = list(ids), chunk_size(direction)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _state_of(direction):
    return store.SUBJECTS[direction]


# Asking ------------------------------------------------------------------


def _mark_requested(direction, ids: list[int], now: datetime) -> None:
    model, key = _state_of(direction)
    model.objects.filter(**{f"{key}__in": ids}).update(requested_at=now)
    model.objects.bulk_create(
        [model(**{key: subject_id, "requested_at": now}) for subject_id in ids],
        ignore_conflicts=True,
    )


def initiative_matching_request(*, initiative_id: int) -> None:
    """Ask for an initiative's suggestions, and those of the organisations
    they touch, to be computed once the current transaction commits. Called
    for any change to what it says or to whether it is public."""
    from projects import tasks

    _mark_requested(FOR_INITIATIVE, [initiative_id], timezone.now())
    enqueue_on_commit(tasks.compute_initiative_suggestions, initiative_id)


def organisation_matching_request(*, organisation_id: int) -> None:
    """Ask for an organisation's suggestions, and the initiatives' lists it
    may belong to, to be computed once the current transaction commits."""
    from projects import tasks

    _mark_requested(FOR_ORGANISATION, [organisation_id], timezone.now())
    enqueue_on_commit(tasks.compute_organisation_suggestions, organisation_id)


def organisation_changed(*, organisation, change, actor=None) -> None:
    """Listener for the registry's ``partners.events``. An approval may also
    make the organisation's own initiatives public; a withdrawal takes it,
    and them, out of every list."""
    from partners.events import OrganisationChange

    if change == OrganisationChange.WITHDRAWN:
        organisation_withdrawn(organisation_id=organisation.pk)
        return
    organisation_matching_request(organisation_id=organisation.pk)
    if change == OrganisationChange.APPROVED:
        for initiative_id in Initiative.objects.filter(
            owner_id=organisation.pk
        ).values_list("pk", flat=True):
            initiative_matching_request(initiative_id=initiative_id)


def organisation_withdrawn(*, organisation_id: int) -> None:
    """An organisation left the hub (or is about to be deleted): its own
    list goes now; the lists it or its initiatives were in are computed again
    once the transaction commits, so that they are full without it."""
    store.suggestions_replace(
        direction=FOR_ORGANISATION, subject_id=organisation_id, suggested=()
    )
    initiatives_lists_request(
        initiative_ids=initiatives_listing(organisation_id=organisation_id)
    )
    organisations_lists_request(
        organisation_ids=_organisations_listing_initiatives_of(organisation_id)
    )


def organisations_listing(*, initiative_id: int) -> list[int]:
    """The organisations an initiative is suggested to."""
    return sorted(
        MatchSuggestion.objects.filter(
            direction=FOR_ORGANISATION, initiative_id=initiative_id
        ).values_list("organisation_id", flat=True)
    )


def initiatives_listing(*, organisation_id: int) -> list[int]:
    """The initiatives an organisation is suggested for."""
    return sorted(
        MatchSuggestion.objects.filter(
            direction=FOR_INITIATIVE, organisation_id=organisation_id
        ).values_list("initiative_id", flat=True)
    )


def _organisations_listing_initiatives_of(owner_id: int) -> list[int]:
    """The organisations that the initiatives of ``owner_id`` are suggested to."""
    return sorted(
        set(
            MatchSuggestion.objects.filter(
                direction=FOR_ORGANISATION, initiative__owner_id=owner_id
            ).values_list("organisation_id", flat=True)
        )
    )


def _lists_request(direction, ids: list[int]) -> None:
    from projects import tasks

    _mark_requested(direction, ids, timezone.now())
    for chunk in chunked(ids, direction):
        enqueue_on_commit(tasks.compute_suggestions_chunk, direction, chunk)


def organisations_lists_request(*, organisation_ids: list[int]) -> None:
    """Ask for these organisations' own lists to be computed again (say, an
    initiative in them was withdrawn), once the transaction commits."""
    _lists_request(FOR_ORGANISATION, organisation_ids)


def initiatives_lists_request(*, initiative_ids: list[int]) -> None:
    """Ask for these initiatives' lists to be computed again (say, an
    organisation in them left the hub), once the transaction commits."""
    _lists_request(FOR_INITIATIVE, initiative_ids)


def _full_run_running() -> MatchingRun | None:
    return (
        MatchingRun.objects.filter(
            kind=MatchingRunKind.FULL,
            status=MatchingRunStatus.RUNNING,
            started_at__gte=timezone.now() - STUCK_AFTER,
        )
        .order_by("-started_at")
        .first()
    )


def matching_full_run_request(*, started_by=None) -> tuple[MatchingRun, bool]:
    """Recompute every suggestion: a new full run, or the one running already
    (enqueued again, which does no harm: it only picks up what is left).
    Returns the run and whether it is new. If the queue cannot be reached the
    run is marked failed at once, so that the panel says so."""
    from projects import tasks

    run = _full_run_running()
    created = run is None
    if created:
        run = MatchingRun.objects.create(
            kind=MatchingRunKind.FULL,
            algorithm_version=ALGORITHM_VERSION,
            started_by=started_by,
        )

    def send():
        if not enqueue(tasks.recompute_all_suggestions, run.pk):
            run_fail(run_id=run.pk, error=QUEUE_UNREACHABLE)

    transaction.on_commit(send)
    return run, created


# Runs --------------------------------------------------------------------


def _error_text(error) -> str:
    if isinstance(error, BaseException):
        return f"{type(error).__name__}: {error}"[:5000]
    return str(error)


def run_fail(*, run_id: int, error) -> None:
    MatchingRun.objects.filter(pk=run_id, status=MatchingRunStatus.RUNNING).update(
        status=MatchingRunStatus.FAILED,
        finished_at=timezone.now(),
        error=_error_text(error),
    )


@dataclass
class Counts:
    initiatives: int = 0
    organisations: int = 0


@contextmanager
def recorded(kind: MatchingRunKind) -> Iterator[Counts]:
    """Record the job in the block as a MatchingRun of ``kind``: succeeded
    with the counts the block sets, or failed with the error it raised."""
    counts = Counts()
    run = MatchingRun.objects.create(kind=kind, algorithm_version=ALGORITHM_VERSION)
    try:
        yield counts
    except Exception as error:
        run_fail(run_id=run.pk, error=error)
        raise
    MatchingRun.objects.filter(pk=run.pk).update(
        status=MatchingRunStatus.SUCCEEDED,
        finished_at=timezone.now(),
        initiatives_count=counts.initiatives,
        organisations_count=counts.organisations,
    )


# Computing ---------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """The registry read once for several lists, and when: reading it (and
    fitting the text model) costs far more than scoring a few lists. Lists
    computed from it are stamped ``taken_at``, so a job that stored a later
    list keeps it (``store``), and the repair recomputes a subject changed
    since."""

    taken_at: datetime
    registry: Registry
    run: tuple[int, datetime] | None = None  # a full run's id and start


def reading_now(run: tuple[int, datetime] | None = None) -> Reading:
    taken_at = timezone.now()
    return Reading(taken_at, registry_load(), run)


def _compute(direction, ids: list[int], registry=None) -> dict:
    if direction == FOR_INITIATIVE:
        return compute.suggestions_for_initiatives(
            ids, k=SUGGESTIONS_PER_LIST, registry=registry
        )
    return compute.suggestions_for_organisations(
        ids, k=SUGGESTIONS_PER_LIST, registry=registry
    )


def _existing(direction, ids: list[int]) -> list[int]:
    """Those of ``ids`` still in the database (one may be withdrawn while
    its job waits)."""
    model = Initiative if direction == FOR_INITIATIVE else Organisation
    found = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    return [subject_id for subject_id in ids if subject_id in found]


def lists_compute(direction, ids: Iterable[int], reading=None) -> int:
    """Compute and store the lists of ``ids`` (initiatives for
    ``FOR_INITIATIVE``, organisations for ``FOR_ORGANISATION``); a subject
    that is not public gets an empty list. From ``reading`` when given, else
    from the registry as it is now. Returns how many were stored."""
    ids = _existing(direction, sorted(set(ids)))
    if not ids:
        return 0
    if reading is None:
        _run_reading_forget(unless_running=True)
        started = timezone.now()
        lists = _compute(direction, ids)
    else:
        started = reading.taken_at
        lists = _without_what_left(
            direction, _compute(direction, ids, reading.registry)
        )
    return store.lists_replace(
        direction=direction,
        lists={subject_id: lists.get(subject_id, ()) for subject_id in ids},
        computed_at=started,
    )


def _without_what_left(direction, lists: dict) -> dict:
    """Lists computed from a reading of the registry, without what has left
    the hub since it was read: a deleted organisation's row would be refused,
    a suspended one hidden by the pages. The rest move up."""
    if direction == FOR_INITIATIVE:
        side, public = "organisation_id", Organisation.objects.approved()
    else:
        side, public = "initiative_id", Initiative.objects.public()
    named = {getattr(pair, side) for pairs in lists.values() for pair in pairs}
    gone = named - set(public.filter(pk__in=named).values_list("pk", flat=True))
    if not gone:
        return lists
    return {
        subject_id: [
            replace(pair, rank=rank)
            for rank, pair in enumerate(
                (pair for pair in pairs if getattr(pair, side) not in gone), start=1
            )
        ]
        for subject_id, pairs in lists.items()
    }


def lists_recompute(*, direction: str, ids: list[int]) -> int:
    """Recompute the lists of ``ids`` alone (not as part of a full run), as
    a run of their kind, so that a failure shows on the operators' panel."""
    direction = SuggestionDirection(direction)
    kind = (
        MatchingRunKind.INITIATIVES
        if direction == FOR_INITIATIVE
        else MatchingRunKind.ORGANISATIONS
    )
    with recorded(kind) as counts:
        stored = lists_compute(direction, ids)
        if direction == FOR_INITIATIVE:
            counts.initiatives = stored
        else:
            counts.organisations = stored
    return stored


def initiative_suggestions_compute(*, initiative_id: int) -> Counts:
    """Compute an initiative's suggestions, then the lists of the
    organisations it touches: those it now suggests and those whose lists
    had it (it may have to leave them). An organisation whose best
    initiatives it would join without it suggesting that organisation waits
    for the nightly full run. Both directions from one reading."""
    with recorded(MatchingRunKind.INITIATIVES) as counts:
        had_it = set(organisations_listing(initiative_id=initiative_id))
        reading = reading_now()
        counts.initiatives = lists_compute(FOR_INITIATIVE, [initiative_id], reading)
        now_suggested = set(
            MatchSuggestion.objects.filter(
                direction=FOR_INITIATIVE, initiative_id=initiative_id
            ).values_list("organisation_id", flat=True)
        )
        counts.organisations = lists_compute(
            FOR_ORGANISATION, had_it | now_suggested, reading
        )
    return counts


def _initiatives_touched(organisation_id: int) -> list[int]:
    """The initiatives whose lists an organisation may be in: those that
    have it now, and the public ones of others that share a theme with it,
    seek its sector, or are in its own new list. Others could in principle
    rank it by text or place alone; the nightly full run catches those,
    which keeps an organisation's edit from recomputing every initiative."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    touched = set(
        MatchSuggestion.objects.filter(organisation_id=organisation_id).values_list(
            "initiative_id", flat=True
        )
    )
    if organisation is not None and organisation.is_public:
        close = Q(themes__in=organisation.themes.all())
        if organisation.sector:
            close |= Q(sought_sectors__sector=organisation.sector)
        touched |= set(
            Initiative.objects.public()
            .filter(close)
            .exclude(owner_id=organisation_id)
            .values_list("pk", flat=True)
            .distinct()
        )
    return sorted(touched)


def organisation_suggestions_compute(*, organisation_id: int) -> list[int]:
    """Compute an organisation's own list; returns the initiatives whose
    lists it may have entered or left, for the task to recompute in chunks."""
    with recorded(MatchingRunKind.ORGANISATIONS) as counts:
        counts.organisations = lists_compute(FOR_ORGANISATION, [organisation_id])
        touched = _initiatives_touched(organisation_id)
        counts.initiatives = len(touched)
    return touched


# Full runs ---------------------------------------------------------------


# Each worker process runs one task at a time; threads keep their own.
_run_reading = threading.local()


def run_reading(run: MatchingRun) -> Reading:
    """This process's reading of the registry for a full ``run``, which its
    chunks share (a run has dozens), read now if it has none for that run.
    Keyed by the run's id and start: ids may come again."""
    key = (run.pk, run.started_at)
    held = getattr(_run_reading, "value", None)
    if held is None or held.run != key:
        # The last run's arrays go before the new ones are read.
        _run_reading.value = None
        _run_reading.value = reading_now(key)
    return _run_reading.value


def _run_reading_forget(*, unless_running: bool = False) -> None:
    """Free this process's reading of a run's registry; ``unless_running``:
    only once that run is over (another process may have finished it)."""
    held = getattr(_run_reading, "value", None)
    if held is None:
        return
    run_id, started_at = held.run
    still_running = MatchingRun.objects.filter(
        pk=run_id, started_at=started_at, status=MatchingRunStatus.RUNNING
    )
    if unless_running and still_running.exists():
        return
    _run_reading.value = None


def _done_since(direction, since: datetime) -> QuerySet:
    """The ids of the subjects whose list was stored since ``since``."""
    model, key = _state_of(direction)
    return model.objects.filter(
        computed_at__gte=since, algorithm_version=ALGORITHM_VERSION
    ).values_list(key, flat=True)


def _public(direction) -> QuerySet:
    if direction == FOR_INITIATIVE:
        return Initiative.objects.public()
    return Organisation.objects.approved()


def _left_in_run(direction, since: datetime) -> QuerySet:
    """Public subjects whose list was not stored since ``since``."""
    return _public(direction).exclude(pk__in=_done_since(direction, since))


def full_run_chunks(*, run_id: int) -> list[tuple[str, list[int]]]:
    """Begin (or, redelivered, resume) a full run: remove the suggestions of
    what is no longer public and return the chunks still to compute, as
    (direction, ids). A run with nothing left is finished here."""
    run = MatchingRun.objects.filter(pk=run_id).first()
    if run is None or run.status != MatchingRunStatus.RUNNING:
        return []
    store.suggestions_remove_hidden()
    chunks = [
        (direction, ids)
        for direction in (FOR_INITIATIVE, FOR_ORGANISATION)
        for ids in chunked(
            _left_in_run(direction, run.started_at)
            .order_by("pk")
            .values_list("pk", flat=True),
            direction,
        )
    ]
    if not chunks:
        full_run_finish_if_complete(run_id=run_id)
    return chunks


def full_run_chunk_compute(*, run_id: int, direction: str, ids: list[int]) -> int:
    """One chunk of a full run: the subjects among ``ids`` that the run has
    not stored yet (all of them, unless the chunk was redelivered after a
    worker died). Finishes the run when it was the last."""
    direction = SuggestionDirection(direction)
    run = MatchingRun.objects.filter(pk=run_id).first()
    if run is None or run.status != MatchingRunStatus.RUNNING:
        _run_reading_forget()
        return 0
    done = set(
        _done_since(direction, run.started_at).filter(
            **{f"{_state_of(direction)[1]}__in": ids}
        )
    )
    left = [i for i in ids if i not in done]
    stored = lists_compute(direction, left, run_reading(run)) if left else 0
    if full_run_finish_if_complete(run_id=run_id):
        _run_reading_forget()
    return stored


@transaction.atomic
def full_run_finish_if_complete(*, run_id: int) -> bool:
    """Mark the run succeeded, with its counts, once every public
    initiative's and organisation's list has been stored since it began."""
    run = MatchingRun.objects.select_for_update().get(pk=run_id)
    if run.status != MatchingRunStatus.RUNNING:
        return run.status == MatchingRunStatus.SUCCEEDED
    since = run.started_at
    if any(
        _left_in_run(direction, since).exists()
        for direction in (FOR_INITIATIVE, FOR_ORGANISATION)
    ):
        return False
    run.status = MatchingRunStatus.SUCCEEDED
    run.finished_at = timezone.now()
    run.initiatives_count = _public(FOR_INITIATIVE).count()
    run.organisations_count = _public(FOR_ORGANISATION).count()
    run.save(
        update_fields=[
            "status",
            "finished_at",
            "initiatives_count",
            "organisations_count",
        ]
    )
    return True


# Repair ------------------------------------------------------------------


def _missed(direction, now: datetime) -> QuerySet:
    """Public subjects asked for over MISSED_AFTER ago and not computed
    since: their job was lost (the broker was down, a worker died)."""
    return _public(direction).filter(
        Q(matching_state__computed_at__isnull=True)
        | Q(matching_state__computed_at__lt=F("matching_state__requested_at")),
        matching_state__requested_at__lte=now - MISSED_AFTER,
    )


def _in_flight(direction, now: datetime) -> QuerySet:
    """The ids of subjects asked for recently and not computed since."""
    model, key = _state_of(direction)
    return model.objects.filter(
        Q(computed_at__isnull=True) | Q(computed_at__lt=F("requested_at")),
        requested_at__gt=now - MISSED_AFTER,
    ).values_list(key, flat=True)


def _holding_hidden(direction) -> QuerySet:
    """The ids of subjects whose list holds what is no longer public (an
    organisation suspended, an initiative paused): pages hide it, so the
    list is one short until computed again."""
    _model, key = _state_of(direction)
    if direction == FOR_INITIATIVE:
        hidden = ~Q(organisation__in=Organisation.objects.approved())
    else:
        hidden = ~Q(initiative__in=Initiative.objects.public())
    return MatchSuggestion.objects.filter(hidden, direction=direction).values_list(
        key, flat=True
    )


def _stale(direction, now: datetime) -> QuerySet:
    """Public subjects with no list, one from an older version of the
    algorithm, one computed before the subject was last changed, or one
    holding what is no longer public (and no job on its way)."""
    return (
        _public(direction)
        .filter(
            Q(matching_state__isnull=True)
            | Q(matching_state__computed_at__isnull=True)
            | Q(matching_state__algorithm_version__isnull=True)
            | Q(matching_state__algorithm_version__lt=ALGORITHM_VERSION)
            | Q(matching_state__computed_at__lt=F("updated_at"))
            | Q(pk__in=_holding_hidden(direction))
        )
        .exclude(pk__in=_in_flight(direction, now))
    )


def lists_stale(direction, *, now: datetime | None = None) -> list[int]:
    """The ids of the public subjects whose list is missing or out of date,
    and no job on its way: those the repair sends to be recomputed."""
    return _ids(_stale(direction, now or timezone.now()))


@dataclass
class Repair:
    """What the repair found: subjects whose job was lost (run again in
    full) and subjects whose list is missing or out of date (recomputed in
    chunks)."""

    missed_initiatives: list[int] = field(default_factory=list)
    missed_organisations: list[int] = field(default_factory=list)
    stale_initiatives: list[int] = field(default_factory=list)
    stale_organisations: list[int] = field(default_factory=list)


def _ids(queryset: QuerySet) -> list[int]:
    return list(queryset.order_by("pk").values_list("pk", flat=True).distinct())


def runs_close_interrupted(*, now: datetime | None = None) -> int:
    """Mark runs still running long after they began as failed (their worker
    died and nothing redelivered the job), and forget old runs."""
    now = now or timezone.now()
    MatchingRun.objects.filter(started_at__lt=now - RUNS_KEPT).delete()
    return MatchingRun.objects.filter(
        status=MatchingRunStatus.RUNNING, started_at__lt=now - STUCK_AFTER
    ).update(
        status=MatchingRunStatus.FAILED,
        finished_at=now,
        error="Interrupted: the job did not finish.",
    )


def matching_repair(*, now: datetime | None = None) -> Repair:
    """Find what the jobs missed, mark it requested (so that the next repair
    waits for it and pages say it is being computed), remove the suggestions
    of what is no longer public. While a full run is on, only lost jobs are
    redone: the run sees to the rest, and what is no longer public stays in
    the lists (pages hide it) until the first repair after the run finds the
    lists that hold it."""
    now = now or timezone.now()
    with recorded(MatchingRunKind.REPAIR) as counts:
        runs_close_interrupted(now=now)
        repair = Repair(
            missed_initiatives=_ids(_missed(FOR_INITIATIVE, now)),
            missed_organisations=_ids(_missed(FOR_ORGANISATION, now)),
        )
        if _full_run_running() is None:
            repair.stale_initiatives = lists_stale(FOR_INITIATIVE, now=now)
            repair.stale_organisations = lists_stale(FOR_ORGANISATION, now=now)
            # Only once the lists that hold it are known.
            store.suggestions_remove_hidden()
        initiatives = repair.missed_initiatives + repair.stale_initiatives
        organisations = repair.missed_organisations + repair.stale_organisations
        _mark_requested(FOR_INITIATIVE, initiatives, now)
        _mark_requested(FOR_ORGANISATION, organisations, now)
        counts.initiatives, counts.organisations = len(initiatives), len(organisations)
    return repair
