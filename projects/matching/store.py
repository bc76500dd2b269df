"""Writes the suggestions the engine computed: each subject's list (an
initiative's organisations, or an organisation's initiatives) replaced whole,
a job's lists in one transaction, so that a reader sees the old list or the
new one, never half of each, and a job run twice leaves the same rows."""

import csv
import io
import json
from collections.abc import Iterable
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from partners.models import Organisation
from projects.matching.weights import ALGORITHM_VERSION
from projects.models import (
    Initiative,
    InitiativeMatchingState,
    MatchSuggestion,
    OrganisationMatchingState,
    SuggestionDirection,
)

# Rows inserted a statement at a time where there is no COPY (SQLite).
BATCH_SIZE = 2000
# The columns COPY fills, in the order _copied writes them.
COPIED = (
    "initiative",
    "organisation",
    "direction",
    "rank",
    "score",
    "parts",
    "algorithm_version",
    "computed_at",
)
# The state row that stands for each direction's subject, and its key.
SUBJECTS = {
    SuggestionDirection.FOR_INITIATIVE: (InitiativeMatchingState, "initiative_id"),
    SuggestionDirection.FOR_ORGANISATION: (
        OrganisationMatchingState,
        "organisation_id",
    ),
}


def _is_newer(state, computed_at: datetime) -> bool:
    """Whether what is stored was computed from later data than ``computed_at``
    (a slower job that started earlier must not overwrite it)."""
    return (
        state.algorithm_version == ALGORITHM_VERSION
        and state.computed_at is not None
        and state.computed_at > computed_at
    )


def _rows(direction, suggested: Iterable, computed_at: datetime):
    for pair in suggested:
        yield MatchSuggestion(
            initiative_id=pair.initiative_id,
            organisation_id=pair.organisation_id,
            direction=direction,
            rank=pair.rank,
            score=float(pair.score),
            parts={name: float(value) for name, value in pair.parts.items()},
            algorithm_version=ALGORITHM_VERSION,
            computed_at=computed_at,
        )


def _copied(direction, pairs: Iterable, computed_at: datetime) -> None:
    """Insert with PostgreSQL's COPY: a full run stores millions of rows,
    and building a model instance and an INSERT for each costs ten times
    more than the rows themselves."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    value, moment = SuggestionDirection(direction).value, computed_at.isoformat()
    for pair in pairs:
        parts = {name: float(part) for name, part in pair.parts.items()}
        writer.writerow(
            (
                pair.initiative_id,
                pair.organisation_id,
                value,
                pair.rank,
                float(pair.score),
                json.dumps(parts),
                ALGORITHM_VERSION,
                moment,
            )
        )
    buffer.seek(0)
    meta = MatchSuggestion._meta
    columns = ", ".join(
        connection.ops.quote_name(meta.get_field(name).column) for name in COPIED
    )
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) "
            "FROM STDIN WITH (FORMAT csv)",
            buffer,
        )


def _insert(direction, pairs: Iterable, computed_at: datetime) -> None:
    if connection.vendor == "postgresql":
        _copied(direction, pairs, computed_at)
    else:
        MatchSuggestion.objects.bulk_create(
            _rows(direction, pairs, computed_at), batch_size=BATCH_SIZE
        )


@transaction.atomic
def lists_replace(
    *,
    direction: SuggestionDirection,
    lists: dict,
    computed_at: datetime | None = None,
) -> int:
    """Replace the lists of initiatives (``FOR_INITIATIVE``) or organisations
    (``FOR_ORGANISATION``): ``lists`` maps each subject's id to its
    ``Suggested`` pairs, ranked, computed from the data as it was at
    ``computed_at`` (when the computation started). One transaction and a
    few queries however many subjects: a chunk of a full run is stored at
    once. A subject whose stored list was computed later is left as it is.
    Dismissed pairs are kept: pages hide them. Returns how many were stored."""
    computed_at = computed_at or timezone.now()
    model, key = SUBJECTS[direction]
    ids = sorted(lists)
    model.objects.bulk_create(
        [model(**{key: subject_id}) for subject_id in ids], ignore_conflicts=True
    )
    # Locked in one order, so that two jobs sharing subjects wait for each
    # other instead of deadlocking.
    states = model.objects.select_for_update().filter(**{f"{key}__in": ids})
    replaced = [
        getattr(state, key)
        for state in states.order_by("pk")
        if not _is_newer(state, computed_at)
    ]
    if not replaced:
        return 0
    MatchSuggestion.objects.filter(
        direction=direction, **{f"{key}__in": replaced}
    ).delete()
    _insert(
        direction,
        (pair for subject_id in replaced for pair in lists[subject_id]),
        computed_at,
    )
    model.objects.filter(**{f"{key}__in": replaced}).update(
        computed_at=computed_at, algorithm_version=ALGORITHM_VERSION
    )
    return len(replaced)


def suggestions_replace(
    *,
    direction: SuggestionDirection,
    subject_id: int,
    suggested: Iterable,
    computed_at: datetime | None = None,
) -> bool:
    """Replace one subject's list (see ``lists_replace``). Returns False,
    storing nothing, if a later computation is stored already."""
    return bool(
        lists_replace(
            direction=direction,
            lists={subject_id: suggested},
            computed_at=computed_at,
        )
    )


def suggestions_remove_hidden() -> int:
    """Delete the suggestions of initiatives and organisations that are no
    longer public (rejected, suspended, paused, or with a suspended owner)."""
    deleted, _ = MatchSuggestion.objects.filter(
        ~Q(initiative__in=Initiative.objects.public())
        | ~Q(organisation__in=Organisation.objects.approved())
    ).delete()
    return deleted
