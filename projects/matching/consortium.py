"""A team for an initiative that seeks partners in several helix sectors: one
suggested organisation per sector sought, chosen together rather than one by
one, so that a slightly weaker candidate who worked with another before can
win over a stronger stranger.

Pure: plain values in, plain values out, no Django. The candidate sets are
small (the best few per sector, at most four sectors), so every combination
is tried.
"""

from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from itertools import combinations, product

# Candidates per sector considered: 5 ** 4 = 625 teams at most.
PER_SECTOR = 5
# Added to a team's score for each two members who worked together before;
# scores are in [0, 1], so this weighs like a tenth of a good suggestion.
COLLABORATION_BONUS = 0.1


@dataclass(frozen=True)
class Candidate:
    key: Hashable  # what the caller knows the candidate by (an id)
    sector: str
    score: float


@dataclass(frozen=True)
class Team:
    # One per sector covered, in the order of the sectors sought.
    members: tuple[Candidate, ...]
    # Sectors sought that no candidate is in.
    missing: tuple[str, ...]
    # Keys of members who worked together before, each pair once.
    worked_together: tuple[tuple[Hashable, Hashable], ...]
    total: float

    @property
    def sectors(self) -> tuple[str, ...]:
        return tuple(member.sector for member in self.members)


def _pairs_together(members, together) -> tuple:
    return tuple(
        (first.key, second.key)
        for first, second in combinations(members, 2)
        if frozenset((first.key, second.key)) in together
    )


def best_team(
    candidates: Sequence[Candidate],
    sectors: Sequence[str],
    together: Collection[frozenset] = frozenset(),
    *,
    per_sector: int = PER_SECTOR,
    bonus: float = COLLABORATION_BONUS,
) -> Team | None:
    """The team with one candidate in each of ``sectors`` that has one,
    maximising the sum of their scores plus ``bonus`` for each pair of members
    in ``together`` (a set of ``frozenset({key, key})``). Only the best
    ``per_sector`` candidates of each sector are considered; ties go to the
    team found first, i.e. the better-ranked candidates. None when no
    candidate is in any of the sectors."""
    sectors = list(dict.fromkeys(sectors))
    pools = {}
    for sector in sectors:
        pool = sorted(
            (candidate for candidate in candidates if candidate.sector == sector),
            key=lambda candidate: -candidate.score,
        )[:per_sector]
        if pool:
            pools[sector] = pool
    if not pools:
        return None
    best, best_total = None, -float("inf")
    for members in product(*pools.values()):
        pairs = _pairs_together(members, together)
        total = sum(member.score for member in members) + bonus * len(pairs)
        if total > best_total:
            best, best_total = (members, pairs), total
    members, pairs = best
    return Team(
        members=tuple(members),
        missing=tuple(sector for sector in sectors if sector not in pools),
        worked_together=pairs,
        total=best_total,
    )
