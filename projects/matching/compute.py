"""Suggestions from the registry as it is now: the one entry point that the
Celery jobs, the evaluation command and the benchmark share."""

from dataclasses import dataclass, replace

import numpy as np

from projects.matching import engine
from projects.matching.registry import Registry, registry_load
from projects.matching.weights import PARTS

SUGGESTIONS_PER_LIST = 20


@dataclass(frozen=True)
class Suggested:
    """One ranked pair; ``parts`` are the named parts of its score."""

    initiative_id: int
    organisation_id: int
    rank: int  # 1 is the best
    score: float
    parts: dict


def _lists(ranking: engine.Ranking, row_ids, column_ids, *, rows_are_initiatives):
    """Each row's suggestions as ``Suggested``, best first, keyed by the
    row's pk."""
    lists = {}
    for row, row_id in enumerate(row_ids):
        suggested = []
        for position, column in enumerate(ranking.indices[row]):
            if column < 0:
                break
            column_id = int(column_ids[column])
            initiative_id, organisation_id = (
                (int(row_id), column_id)
                if rows_are_initiatives
                else (column_id, int(row_id))
            )
            suggested.append(
                Suggested(
                    initiative_id=initiative_id,
                    organisation_id=organisation_id,
                    rank=position + 1,
                    score=round(float(ranking.scores[row, position]), 6),
                    parts={
                        name: round(float(ranking.parts[name][row, position]), 6)
                        for name in PARTS
                    },
                )
            )
        lists[int(row_id)] = suggested
    return lists


def _for_initiatives(registry: Registry, ranking: engine.Ranking):
    return _lists(
        ranking,
        registry.initiative_ids,
        registry.organisation_ids,
        rows_are_initiatives=True,
    )


def _for_organisations(registry: Registry, ranking: engine.Ranking, organisation_ids):
    return _lists(
        ranking,
        organisation_ids,
        registry.initiative_ids,
        rows_are_initiatives=False,
    )


def _initiative_rows(registry: Registry, initiative_ids) -> Registry:
    """``registry`` with only the initiatives among ``initiative_ids`` asked
    about; the rest of it (the text model, who worked with whom) unchanged."""
    rows = np.flatnonzero(np.isin(registry.initiative_ids, list(initiative_ids)))
    return replace(
        registry,
        initiatives=registry.initiatives.rows(rows),
        initiative_ids=registry.initiative_ids[rows],
    )


def suggestions_for_initiatives(
    initiative_ids=None, *, k: int = SUGGESTIONS_PER_LIST, registry=None
) -> dict[int, list[Suggested]]:
    """The best organisations for each initiative asked about (every public
    one when None); an initiative that is not public gets an empty list.
    From ``registry`` (the whole of it, as ``registry_load()`` reads it)
    when given, else read now."""
    if registry is None:
        registry = registry_load(initiative_ids)
    elif initiative_ids is not None:
        registry = _initiative_rows(registry, initiative_ids)
    ranking = engine.suggest_organisations(
        registry.initiatives, registry.organisations, k=k
    )
    lists = _for_initiatives(registry, ranking)
    for pk in initiative_ids or ():
        lists.setdefault(int(pk), [])
    return lists


def suggestions_for_organisations(
    organisation_ids=None, *, k: int = SUGGESTIONS_PER_LIST, registry=None
) -> dict[int, list[Suggested]]:
    """The public initiatives each organisation asked about could help most
    (every approved organisation when None); an organisation that is not
    approved gets an empty list. From ``registry`` when given, else read now."""
    registry = registry or registry_load()
    if organisation_ids is None:
        rows = np.arange(len(registry.organisation_ids))
    else:
        rows = np.flatnonzero(
            np.isin(registry.organisation_ids, list(organisation_ids))
        )
    chosen = registry.organisation_ids[rows]
    ranking = engine.suggest_initiatives(
        registry.initiatives,
        engine.organisation_rows(registry.organisations, rows),
        k=k,
    )
    lists = _for_organisations(registry, ranking, chosen)
    for pk in organisation_ids or ():
        lists.setdefault(int(pk), [])
    return lists


def suggestions_all(
    *, k: int = SUGGESTIONS_PER_LIST
) -> tuple[dict[int, list[Suggested]], dict[int, list[Suggested]]]:
    """Both directions for the whole registry, in one pass over the pairs."""
    registry = registry_load()
    for_initiatives, for_organisations = engine.suggest_both_ways(
        registry.initiatives, registry.organisations, k=k
    )
    return (
        _for_initiatives(registry, for_initiatives),
        _for_organisations(registry, for_organisations, registry.organisation_ids),
    )
