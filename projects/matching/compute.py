"""TEMPORARY stand-in for the lead's compute module (same interface); deleted
before merging main."""

from dataclasses import dataclass

from partners.models import Organisation
from projects.matching.weights import PARTS
from projects.models import Initiative


@dataclass(frozen=True)
class Suggested:
    initiative_id: int
    organisation_id: int
    rank: int
    score: float
    parts: dict


def _score(initiative_id: int, organisation_id: int) -> float:
    return ((initiative_id * 7919 + organisation_id * 104729) % 1000) / 1000


def _ranked(pairs, k):
    pairs = sorted(pairs, key=lambda pair: (-_score(*pair), pair))[:k]
    return [
        Suggested(
            initiative_id=i,
            organisation_id=o,
            rank=rank,
            score=_score(i, o),
            parts=dict.fromkeys(PARTS, _score(i, o)),
        )
        for rank, (i, o) in enumerate(pairs, start=1)
    ]


def _public():
    initiatives = dict(Initiative.objects.public().values_list("pk", "owner_id"))
    organisations = list(Organisation.objects.approved().values_list("pk", flat=True))
    return initiatives, organisations


def suggestions_for_initiatives(initiative_ids=None, *, k=20):
    initiatives, organisations = _public()
    ids = initiatives if initiative_ids is None else initiative_ids
    return {
        i: _ranked([(i, o) for o in organisations if o != initiatives[i]], k)
        if i in initiatives
        else []
        for i in ids
    }


def suggestions_for_organisations(organisation_ids=None, *, k=20):
    initiatives, organisations = _public()
    ids = organisations if organisation_ids is None else organisation_ids
    return {
        o: _ranked([(i, o) for i, owner in initiatives.items() if owner != o], k)
        if o in organisations
        else []
        for o in ids
    }


def suggestions_all(*, k=20):
    return suggestions_for_initiatives(k=k), suggestions_for_organisations(k=k)
