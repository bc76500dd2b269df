"""Writes the suggestions the engine computed: one subject's list (an
initiative's organisations, or an organisation's initiatives) replaced at a
time, in one transaction, so that a reader sees the old list or the new one,
never half of each, and a job run twice leaves the same rows."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
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

# The state row that stands for each direction's subject, and its key.
SUBJECTS = {
    SuggestionDirection.FOR_INITIATIVE: (InitiativeMatchingState, "initiative_id"),
    SuggestionDirection.FOR_ORGANISATION: (
        OrganisationMatchingState,
        "organisation_id",
    ),
}


def state_locked(*, direction: SuggestionDirection, subject_id: int):
    """The subject's state row, created if need be and locked until the
    transaction ends: two jobs for one subject store one after the other."""
    model, key = SUBJECTS[direction]
    model.objects.get_or_create(**{key: subject_id})
    return model.objects.select_for_update().get(**{key: subject_id})


def _is_newer(state, computed_at: datetime) -> bool:
    """Whether what is stored was computed from later data than ``computed_at``
    (a slower job that started earlier must not overwrite it)."""
    return (
        state.algorithm_version == ALGORITHM_VERSION
        and state.computed_at is not None
        and state.computed_at > computed_at
    )


@transaction.atomic
def suggestions_replace(
    *,
    direction: SuggestionDirection,
    subject_id: int,
    suggested: Iterable,
    computed_at: datetime | None = None,
) -> bool:
    """Replace the suggestions of one initiative (``FOR_INITIATIVE``) or one
    organisation (``FOR_ORGANISATION``) with ``suggested`` (``Suggested``
    pairs, ranked), computed from the data as it was at ``computed_at`` (when
    the computation started). Dismissed pairs are kept: pages hide them.
    Returns False, storing nothing, if a later computation is stored already."""
    computed_at = computed_at or timezone.now()
    state = state_locked(direction=direction, subject_id=subject_id)
    if _is_newer(state, computed_at):
        return False
    _model, key = SUBJECTS[direction]
    MatchSuggestion.objects.filter(direction=direction, **{key: subject_id}).delete()
    MatchSuggestion.objects.bulk_create(
        MatchSuggestion(
            initiative_id=pair.initiative_id,
            organisation_id=pair.organisation_id,
            direction=direction,
            rank=pair.rank,
            score=float(pair.score),
            parts={name: float(value) for name, value in pair.parts.items()},
            algorithm_version=ALGORITHM_VERSION,
            computed_at=computed_at,
        )
        for pair in suggested
    )
    state.computed_at, state.algorithm_version = computed_at, ALGORITHM_VERSION
    state.save(update_fields=["computed_at", "algorithm_version"])
    return True


def suggestions_remove_hidden() -> int:
    """Delete the suggestions of initiatives and organisations that are no
    longer public (rejected, suspended, paused, or with a suspended owner)."""
    deleted, _ = MatchSuggestion.objects.filter(
        ~Q(initiative__in=Initiative.objects.public())
        | ~Q(organisation__in=Organisation.objects.approved())
    ).delete()
    return deleted
