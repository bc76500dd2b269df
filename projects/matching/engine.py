"""Scores every initiative against every organisation on whole arrays, in
batches of initiatives, never in a Python loop over pairs.

Each part of a score is in [0, 1] and named (see ``weights``); the score is
their weighted sum. The arrays come from ``projects.matching.vectors``; this
module knows nothing of Django, so that it can be tested and benchmarked on
plain arrays.
"""

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from projects.matching.weights import (
    COLLABORATORS_FOR_FULL_MARKS,
    HALF_DISTANCE_KM,
    PARTS,
    WEIGHTS,
)

EARTH_RADIUS_KM = 6371.0
# Pairs scored at once: 256 initiatives against 100,000 organisations is
# 100 MB of float32 per array, which keeps the peak well under 2 GB.
BATCH_SIZE = 256


@dataclass(frozen=True)
class Organisations:
    """One row per organisation; matrices may be SciPy sparse or dense."""

    text: object  # (O, V) rows of unit length
    themes: object  # (O, T) 0/1
    sdgs: object  # (O, 17) 0/1
    tags: object  # (O, G) 0/1: expertise and what it offers
    sectors: np.ndarray  # (O, S) one-hot; all zero where unknown
    places: np.ndarray  # (O, 3) unit vectors; zero where unknown
    activity: np.ndarray  # (O,) in [0, 1]
    # (O, M) 1 where an organisation worked with one of the registry's M
    # organisations, the columns of Initiatives.members.
    collaborators: sparse.csr_array
    eligible: np.ndarray  # (O,) bool: approved and public
    # Each row's column in Initiatives.members; None when the rows are all M.
    index: np.ndarray | None = None

    def __len__(self) -> int:
        return self.eligible.shape[0]


@dataclass(frozen=True)
class Initiatives:
    """One row per initiative, with columns that line up with Organisations'."""

    text: object  # (Q, V) rows of unit length
    themes: object  # (Q, T)
    sdgs: object  # (Q, 17)
    tags: object  # (Q, G): its tags and the expertise it seeks
    sought: np.ndarray  # (Q, S) 0/1: the sectors it seeks partners in
    places: np.ndarray  # (Q, 3) unit vectors; zero where unknown
    members: sparse.csr_array  # (Q, M) 1 for its owner and partners

    def __len__(self) -> int:
        return self.sought.shape[0]

    def rows(self, selection) -> "Initiatives":
        return Initiatives(
            **{
                name: _rows(getattr(self, name), selection)
                for name in self.__dataclass_fields__
            }
        )


@dataclass(frozen=True)
class Ranking:
    """The best ``k`` of one side for each row of the other: ``indices`` into
    the other side (-1 where there were fewer), their ``scores`` and each
    named part of those scores."""

    indices: np.ndarray  # (N, k) int
    scores: np.ndarray  # (N, k) float32
    parts: dict  # name -> (N, k) float32


def _rows(matrix, selection):
    return matrix[selection]


def organisation_rows(organisations: Organisations, selection) -> Organisations:
    """Some of the organisations (an index array), still scored against the
    whole registry's collaborations."""
    columns = organisations.index
    if columns is None:
        columns = np.arange(len(organisations))
    index = columns[selection]
    fields = {
        name: _rows(getattr(organisations, name), selection)
        for name in organisations.__dataclass_fields__
        if name != "index"
    }
    return Organisations(**fields, index=index)


def _members_of(initiatives: Initiatives, organisations: Organisations):
    """(Q, O): 1 where the organisation is already one of the initiative's."""
    members = sparse.csc_array(initiatives.members)
    if organisations.index is not None:
        members = members[:, organisations.index]
    return sparse.coo_array(members)


def _dense(matrix) -> np.ndarray:
    if sparse.issparse(matrix):
        return matrix.toarray().astype(np.float32, copy=False)
    return np.asarray(matrix, dtype=np.float32)


def _product(left, right) -> np.ndarray:
    """``left @ right.T`` as a dense float32 array, whatever their kinds."""
    if sparse.issparse(left) or sparse.issparse(right):
        return _dense(left @ right.T)
    return np.asarray(left, dtype=np.float32) @ np.asarray(right, dtype=np.float32).T


def _counts(matrix) -> np.ndarray:
    return np.asarray(matrix.sum(axis=1), dtype=np.float32).ravel()


# Parts over a batch: (B initiatives, all O organisations) ------------------
# Themes, goals, sector and activity are each a dot product of a row of one
# side with a row of the other, so they are weighed into one matrix product;
# text (clipped at 0), distance (not linear) and the sparse parts come apart.


def _share(wanted) -> np.ndarray:
    """Rows scaled so that a dot product gives the share of the initiative's
    items that an organisation has too (0 where it has none)."""
    wanted = _dense(wanted)
    return wanted / np.maximum(wanted.sum(axis=1, keepdims=True), 1.0)


def _linear_sides(initiatives, organisations, weights):
    ones = np.ones((len(initiatives), 1), dtype=np.float32)
    left = np.hstack(
        [
            np.float32(weights["themes"]) * _share(initiatives.themes),
            np.float32(weights["sdgs"]) * _share(initiatives.sdgs),
            np.float32(weights["sector"]) * _dense(initiatives.sought),
            np.float32(weights["activity"]) * ones,
        ]
    )
    right = np.hstack(
        [
            _dense(organisations.themes),
            _dense(organisations.sdgs),
            _dense(organisations.sectors),
            _dense(organisations.activity)[:, None],
        ]
    )
    return left, right


def _add_distance(scores, initiatives, organisations, weight) -> None:
    """Adds ``weight`` times the distance part, halving every
    ``HALF_DISTANCE_KM``. The chord through the earth stands in for the
    distance along it: within 1,000 km they differ by under 0.1 %, and beyond
    that the part is ~0. An unknown place is a zero vector: its chord to
    anywhere is over 9,000 km, so its part is 0 with no mask needed."""
    part = _product(initiatives.places, organisations.places)
    np.multiply(part, -2.0, out=part)
    part += 2.0
    np.maximum(part, 0.0, out=part)
    np.sqrt(part, out=part)
    part *= np.float32(-EARTH_RADIUS_KM / HALF_DISTANCE_KM)
    np.exp2(part, out=part)
    part *= np.float32(weight)
    scores += part


def _add_sparse(scores, part, weight) -> None:
    # A product's entries are unique, so plain fancy indexing adds each once.
    part = sparse.coo_array(part)
    scores[part.row, part.col] += np.float32(weight) * part.data


def _add_tags(scores, initiatives, organisations, weight) -> None:
    """Adds ``weight`` times the share of the initiative's tags and sought
    expertise that the organisation has among its expertise and offers.
    Sparse organisations' tags times a dense batch: its cost grows with the
    organisations' tags, not with how many pairs share one."""
    wanted = np.float32(weight) * _share(initiatives.tags)
    scores += (sparse.csr_array(organisations.tags, dtype=np.float32) @ wanted.T).T


def collaboration_part(initiatives: Initiatives, organisations: Organisations):
    """How many of the initiative's members the organisation worked with
    before (partners of my partners), full marks from a few; sparse."""
    worked_with = sparse.csr_array(
        sparse.csr_array(initiatives.members, dtype=np.float32)
        @ sparse.csr_array(organisations.collaborators, dtype=np.float32).T
    )
    worked_with.data = np.minimum(
        worked_with.data / COLLABORATORS_FOR_FULL_MARKS, 1.0
    ).astype(np.float32)
    return worked_with


def batch_scores(
    initiatives: Initiatives, organisations: Organisations, weights=WEIGHTS
) -> np.ndarray:
    """The weighted score of every pair in the batch, float32 (B, O); pairs
    never to suggest (members, organisations not public) score -inf."""
    scores = _product(initiatives.text, organisations.text)
    np.maximum(scores, 0.0, out=scores)
    scores *= np.float32(weights["text"])
    left, right = _linear_sides(initiatives, organisations, weights)
    scores += left @ right.T
    _add_distance(scores, initiatives, organisations, weights["distance"])
    _add_tags(scores, initiatives, organisations, weights["tags"])
    _add_sparse(
        scores,
        collaboration_part(initiatives, organisations),
        weights["collaboration"],
    )
    scores[:, ~organisations.eligible] = -np.inf
    members = _members_of(initiatives, organisations)
    scores[members.row, members.col] = -np.inf
    return scores


# Parts of chosen pairs: exact, for the reasons shown beside a suggestion ----


def _pair_dot(left, right, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    if sparse.issparse(left) or sparse.issparse(right):
        left = sparse.csr_array(left)[rows]
        right = sparse.csr_array(right)[columns]
        return np.asarray(left.multiply(right).sum(axis=1), dtype=np.float32).ravel()
    left, right = np.asarray(left)[rows], np.asarray(right)[columns]
    return np.einsum("ij,ij->i", left, right).astype(np.float32)


def pair_parts(
    initiatives: Initiatives,
    organisations: Organisations,
    rows: np.ndarray,
    columns: np.ndarray,
) -> dict:
    """Each named part for the pairs (initiative ``rows[i]``, organisation
    ``columns[i]``): the same values ``batch_scores`` weighs."""

    def overlap(wanted, offered):
        counts = np.maximum(_counts(sparse.csr_array(wanted)[rows]), 1.0)
        return _pair_dot(wanted, offered, rows, columns) / counts

    cosine = _pair_dot(initiatives.places, organisations.places, rows, columns)
    chord = np.sqrt(np.maximum(2.0 - 2.0 * cosine, 0.0))
    worked_with = _pair_dot(
        initiatives.members, organisations.collaborators, rows, columns
    )
    return {
        "text": np.clip(
            _pair_dot(initiatives.text, organisations.text, rows, columns), 0, 1
        ).astype(np.float32),
        "themes": overlap(initiatives.themes, organisations.themes),
        "sdgs": overlap(initiatives.sdgs, organisations.sdgs),
        "tags": overlap(initiatives.tags, organisations.tags),
        "sector": _pair_dot(initiatives.sought, organisations.sectors, rows, columns),
        "distance": np.exp2(chord * -EARTH_RADIUS_KM / HALF_DISTANCE_KM).astype(
            np.float32
        ),
        "collaboration": np.minimum(
            worked_with / COLLABORATORS_FOR_FULL_MARKS, 1.0
        ).astype(np.float32),
        "activity": organisations.activity[columns].astype(np.float32),
    }


def weighted(parts: dict, weights=WEIGHTS) -> np.ndarray:
    return sum(np.float32(weights[name]) * parts[name] for name in PARTS)


# Rankings ---------------------------------------------------------------------


def _best(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The columns of each row's ``k`` highest finite scores, best first."""
    k = min(k, scores.shape[1])
    best = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    best_scores = np.take_along_axis(scores, best, axis=1)
    order = np.argsort(-best_scores, axis=1, kind="stable")
    best = np.take_along_axis(best, order, axis=1)
    best_scores = np.take_along_axis(best_scores, order, axis=1)
    best[~np.isfinite(best_scores)] = -1
    return best, best_scores


def _best_rows(scores: np.ndarray, k: int) -> np.ndarray:
    """For each column, the rows of its ``k`` highest scores, in no order."""
    if scores.shape[0] <= k:
        return np.broadcast_to(np.arange(scores.shape[0])[:, None], scores.shape).copy()
    return np.argpartition(-scores, k - 1, axis=0)[:k]


def _ranking(initiatives, organisations, rows, columns, k) -> Ranking:
    """Parts and scores of the chosen pairs, laid out (N, k)."""
    shape = columns.shape
    chosen = columns >= 0
    parts = pair_parts(initiatives, organisations, rows[chosen], columns[chosen])
    laid_out = {}
    for name, values in parts.items():
        grid = np.zeros(shape, dtype=np.float32)
        grid[chosen] = values
        laid_out[name] = grid
    scores = np.where(chosen, weighted(laid_out), -np.inf).astype(np.float32)
    return Ranking(indices=columns, scores=scores, parts=laid_out)


def suggest_organisations(
    initiatives: Initiatives,
    organisations: Organisations,
    *,
    k: int = 20,
    batch_size: int = BATCH_SIZE,
) -> Ranking:
    """For each initiative, the ``k`` organisations that suit it best."""
    return _suggest(
        initiatives,
        organisations,
        k=k,
        batch_size=batch_size,
        one_way=True,
        other_way=False,
    )[0]


class _BestInitiatives:
    """For each organisation, the best ``k`` initiatives of the batches seen
    so far: (k, O) rows and scores, merged batch by batch."""

    def __init__(self, organisations: int, k: int):
        self.k = k
        self.rows = np.full((0, organisations), -1, dtype=np.int64)
        self.scores = np.full((0, organisations), -np.inf, dtype=np.float32)

    def add(self, scores: np.ndarray, start: int) -> None:
        top = _best_rows(scores, self.k)
        rows = np.vstack([self.rows, top + start])
        kept = np.vstack([self.scores, np.take_along_axis(scores, top, 0)])
        top = _best_rows(kept, self.k)
        self.rows = np.take_along_axis(rows, top, axis=0)
        self.scores = np.take_along_axis(kept, top, axis=0)

    def ranking(self, initiatives, organisations) -> Ranking:
        order = np.argsort(-self.scores, axis=0, kind="stable")
        best = np.take_along_axis(self.rows, order, axis=0).T
        scores = np.take_along_axis(self.scores, order, axis=0).T
        best = np.where(np.isfinite(scores), best, -1)
        organisation_rows = np.repeat(
            np.arange(len(organisations)), best.shape[1]
        ).reshape(best.shape)
        reverse = _ranking(
            initiatives,
            organisations,
            np.maximum(best, 0),
            np.where(best >= 0, organisation_rows, -1),
            self.k,
        )
        return Ranking(indices=best, scores=reverse.scores, parts=reverse.parts)


def _suggest(initiatives, organisations, *, k, batch_size, one_way, other_way):
    chosen = []
    best_initiatives = _BestInitiatives(len(organisations), k)
    for start in range(0, len(initiatives), batch_size):
        batch = initiatives.rows(slice(start, start + batch_size))
        scores = batch_scores(batch, organisations)
        if one_way:
            chosen.append(_best(scores, k)[0])
        if other_way:
            best_initiatives.add(scores, start)
    for_initiatives = for_organisations = None
    if one_way:
        columns = np.vstack(chosen) if chosen else np.empty((0, k), dtype=np.int64)
        rows = np.repeat(np.arange(len(initiatives)), columns.shape[1]).reshape(
            columns.shape
        )
        for_initiatives = _ranking(initiatives, organisations, rows, columns, k)
    if other_way:
        for_organisations = best_initiatives.ranking(initiatives, organisations)
    return for_initiatives, for_organisations


def suggest_initiatives(
    initiatives: Initiatives,
    organisations: Organisations,
    *,
    k: int = 20,
    batch_size: int = BATCH_SIZE,
) -> Ranking:
    """For each organisation, the ``k`` initiatives it could help most
    (``indices`` are initiatives)."""
    return _suggest(
        initiatives,
        organisations,
        k=k,
        batch_size=batch_size,
        one_way=False,
        other_way=True,
    )[1]


def suggest_both_ways(
    initiatives: Initiatives,
    organisations: Organisations,
    *,
    k: int = 20,
    batch_size: int = BATCH_SIZE,
) -> tuple[Ranking, Ranking]:
    """In one pass over the pairs: the best organisations for each initiative
    and the best initiatives for each organisation (``indices`` of the second
    ranking are initiatives)."""
    return _suggest(
        initiatives,
        organisations,
        k=k,
        batch_size=batch_size,
        one_way=True,
        other_way=True,
    )
