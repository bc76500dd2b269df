"""Scores every initiative against every organisation on whole arrays, in
batches of initiatives, never in a Python loop over pairs.

Each part of a score is in [0, 1] and named (see ``weights``); the score is
their weighted sum. The arrays come from ``projects.matching.vectors``; this
module knows nothing of Django, so that it can be tested and benchmarked on
plain arrays.
"""

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse
from scipy.linalg.blas import sgemm as _sgemm
from threadpoolctl import threadpool_limits

from projects.matching.weights import (
    COLLABORATORS_FOR_FULL_MARKS,
    HALF_DISTANCE_KM,
    PARTS,
    SIMILAR_INITIATIVE_AT_LEAST,
    WEIGHTS,
)

EARTH_RADIUS_KM = 6371.0
# Pairs scored at once: 256 initiatives against 100,000 organisations is
# 100 MB of float32, which keeps the peak well under 2 GB (fewer
# organisations, more initiatives a batch: see _batch_size).
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

    @cached_property
    def prepared(self) -> "_Prepared":
        """This side of every product, made once (see ``_prepare``)."""
        return _prepare(self)


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
    # (Q, M) in [0, 1]: how much of the registry's organisations' past work
    # was on initiatives much like this one (see similar_work); None: none.
    similar_work: sparse.csr_array | None = None

    def __len__(self) -> int:
        return self.sought.shape[0]

    def rows(self, selection) -> "Initiatives":
        return Initiatives(
            **{
                name: _rows(getattr(self, name), selection)
                for name in self.__dataclass_fields__
                if getattr(self, name) is not None
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


def similar_work_part(initiatives: Initiatives, organisations: Organisations):
    """How much of its past work the organisation did on initiatives much
    like this one (the registry adds it up); sparse (Q, O)."""
    similar = initiatives.similar_work
    if similar is None:
        return sparse.csr_array(
            (len(initiatives), len(organisations)), dtype=np.float32
        )
    similar = sparse.csr_array(similar, dtype=np.float32)
    if organisations.index is not None:
        similar = _columns(similar, organisations.index)
    return similar


def _columns(matrix: sparse.csr_array, columns: np.ndarray) -> sparse.csr_array:
    """``matrix[:, columns]`` (distinct columns) in one pass over its entries:
    SciPy's column indexing converts the whole matrix first, which for one
    organisation's update of 10,000 initiatives' similar work (millions of
    entries) took three times as long as the scoring."""
    position = np.full(matrix.shape[1], -1, dtype=np.int64)
    position[columns] = np.arange(len(columns))
    new_columns = position[matrix.indices]
    kept = new_columns >= 0
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))[kept]
    return sparse.csr_array(
        (matrix.data[kept], (rows, new_columns[kept])),
        shape=(matrix.shape[0], len(columns)),
    )


# Similar work: read by the registry, before any scoring ----------------------

# Queries compared with all the registry's at once for similar work.
SIMILAR_WORK_BATCH = 256
# Similar work reads at most this many of the most alike past initiatives of
# each initiative: on the CORDIS data about 100 are alike enough, and the
# bound keeps the (initiatives, organisations) matrix a few entries a pair
# of initiatives however large the registry grows.
SIMILAR_INITIATIVES_AT_MOST = 200


def _cosines(left, right) -> np.ndarray:
    """``left @ right.T`` as a dense float32 array: rows of unit length."""
    product = left @ right.T
    if sparse.issparse(product):
        product = product.toarray()
    return np.asarray(product, dtype=np.float32)


def _keep_most_alike(cosines: np.ndarray) -> None:
    """Zeroes all but each row's SIMILAR_INITIATIVES_AT_MOST highest
    cosines (ties kept), in place."""
    most = SIMILAR_INITIATIVES_AT_MOST
    if cosines.shape[1] <= most:
        return
    nth = np.partition(cosines, -most, axis=1)[:, -most]
    cosines[cosines < nth[:, None]] = 0.0


def similar_work(query_text, past_text, membership, own_rows) -> sparse.csr_array:
    """(Q, O): how much of each organisation's past work was on initiatives
    much like each query: the sum of the cosines (the text part's) of the
    initiatives it took part in that are among the query's
    SIMILAR_INITIATIVES_AT_MOST most alike and at least
    SIMILAR_INITIATIVE_AT_LEAST alike, at most 1. The query itself
    (``own_rows``: its row of ``membership``, -1 if none) is left out. An
    organisation's own text mixes all of its initiatives, so that one on the
    same call as the query weighs little in the text part; here it counts."""
    batches = []
    for start in range(0, query_text.shape[0], SIMILAR_WORK_BATCH):
        rows = slice(start, start + SIMILAR_WORK_BATCH)
        cosines = _cosines(query_text[rows], past_text)
        own = own_rows[rows]
        batch = np.flatnonzero(own >= 0)
        cosines[batch, own[batch]] = 0.0
        _keep_most_alike(cosines)
        cosines[cosines < SIMILAR_INITIATIVE_AT_LEAST] = 0.0
        similar = sparse.csr_array(sparse.csr_array(cosines) @ membership)
        np.minimum(similar.data, 1.0, out=similar.data)
        batches.append(similar)
    if not batches:
        return sparse.csr_array((0, membership.shape[1]), dtype=np.float32)
    return sparse.csr_array(sparse.vstack(batches), dtype=np.float32)


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
    _add_sparse(
        scores,
        similar_work_part(initiatives, organisations),
        weights["similar_work"],
    )
    scores[:, ~organisations.eligible] = -np.inf
    members = _members_of(initiatives, organisations)
    scores[members.row, members.col] = -np.inf
    return scores


# The fast path: what suggest_* run -------------------------------------------
# ``batch_scores`` above is the plain statement of the score, kept as the
# reference that tests compare this path with. Scoring 10,000 initiatives
# against 100,000 organisations is 10^9 pairs, so every pass over the pairs
# counts. This path therefore
# - prepares the organisations' side once (dense, padded, hstacked), not once
#   a batch, and keeps it on the Organisations (``prepared``; their arrays
#   are never changed in place);
# - folds each weight into the initiatives' side, so that no pass over the
#   pairs multiplies by a weight (max(w x, 0) = w max(x, 0) for w >= 0);
# - scores a batch in tiles of TILE_COLUMNS organisations, so that the text
#   product, the clip at 0, the linear parts and the distance all happen
#   while the tile is in the CPU cache rather than in six trips to memory,
#   into buffers allocated once a call; the linear parts are added by the
#   GEMM itself (beta=1);
# - runs the tiles on THREADS threads (BLAS at one thread each): NumPy's
#   element-wise passes use one core, and the tiles are independent;
# - splits tags: those many organisations have go into the dense product with
#   themes, goals, sector and activity (a tag on half the registry would make
#   a sparse product dense); the rarer rest is a sparse product whose cost
#   grows with the pairs that share one;
# - computes the distance part from one 4-column product that gives the
#   scaled square chord, then sqrt and exp, with the weight as an added log
#   (w 2^-x = e^(ln w - x ln 2)): five passes in the cache instead of nine;
# - finds each initiative's best organisations from the maxima of chunks of
#   CHUNK columns (the k best chunks hold the k best scores) instead of
#   partitioning all 100,000, and each organisation's best initiatives by
#   keeping a running k-th best score per organisation, so that only scores
#   above it are merged (few, once some batches have been seen), sorted by
#   one integer key rather than np.lexsort;
# - scores as many more initiatives a batch as the organisations are fewer
#   (one organisation's update: one batch of all initiatives, not 40).
# Pairs are ranked on float32 scores, as batch_scores ranks them; the parts
# and scores shown are then computed pair by pair (pair_parts).

TILE_COLUMNS = 2048
# A chunk's maximum stands for its CHUNK columns in the forward selection.
CHUNK = 32
# Tags that more than this share of organisations have are scored densely,
# at most DENSE_TAGS_AT_MOST of them (each adds a column to the product).
DENSE_TAG_SHARE = 0.04
DENSE_TAGS_AT_MOST = 64
THREADS = max(1, min(2, os.cpu_count() or 1))


def _round_up(value: int, multiple: int) -> int:
    return -(-value // multiple) * multiple


def _padded_rows(matrix: np.ndarray, rows: int) -> np.ndarray:
    padded = np.zeros((rows, matrix.shape[1]), dtype=np.float32)
    padded[: matrix.shape[0]] = matrix
    return padded


@dataclass(frozen=True)
class _Prepared:
    """The organisations' side of every product, in tiles of ``tile`` rows,
    padded with ineligible rows to ``padded``; no weights in it."""

    tile: int
    padded: int
    text: np.ndarray  # (P, d)
    linear: np.ndarray  # (P, L): themes | goals | sectors | activity | tags
    places: np.ndarray  # (P, 4): unit vector | 1
    dense_tags: np.ndarray  # the tag columns in ``linear``
    sparse_tags: np.ndarray  # the others
    rare: sparse.csr_array  # (O, len(sparse_tags)): the other tags
    ineligible: list  # per tile, its columns never to suggest


def _prepare(organisations: Organisations) -> _Prepared:
    count = len(organisations)
    tile = min(TILE_COLUMNS, _round_up(max(count, 1), CHUNK))
    padded = _round_up(max(count, 1), tile)
    tags = sparse.csc_array(organisations.tags, dtype=np.float32)
    having = np.diff(tags.indptr)
    common = np.argsort(-having, kind="stable")[:DENSE_TAGS_AT_MOST]
    dense_tags = np.sort(common[having[common] > DENSE_TAG_SHARE * count])
    sparse_tags = np.setdiff1d(np.arange(tags.shape[1]), dense_tags)
    linear = np.hstack(
        [
            _dense(organisations.themes),
            _dense(organisations.sdgs),
            _dense(organisations.sectors),
            _dense(organisations.activity)[:, None],
            _dense(tags[:, dense_tags]),
        ]
    )
    places = np.hstack(
        [_dense(organisations.places), np.ones((count, 1), dtype=np.float32)]
    )
    eligible = np.zeros(padded, dtype=bool)
    eligible[:count] = organisations.eligible
    return _Prepared(
        tile=tile,
        padded=padded,
        text=_padded_rows(_dense(organisations.text), padded),
        linear=_padded_rows(linear, padded),
        places=_padded_rows(places, padded),
        dense_tags=dense_tags,
        sparse_tags=sparse_tags,
        rare=sparse.csr_array(tags[:, sparse_tags]),
        ineligible=[
            np.flatnonzero(~eligible[start : start + tile])
            for start in range(0, padded, tile)
        ],
    )


@contextmanager
def _blas_threads(threads: int):
    """One BLAS thread for each of our own threads: two of each on two
    cores would only take turns."""
    if threads <= 1:
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


@dataclass(frozen=True)
class _Left:
    """A batch of initiatives' side of every product, weights folded in."""

    text: np.ndarray
    linear: np.ndarray
    places: np.ndarray | None  # None when distance does not count
    log_distance_weight: np.float32
    rare: sparse.csr_array  # (tags, B): the other tags, weighted shares
    collaboration_weight: float


# exp(-ln 2 * R / HALF * chord) = 2 ** (-chord * R / HALF).
_DISTANCE_SCALE = np.log(2.0) * EARTH_RADIUS_KM / HALF_DISTANCE_KM


def _left(batch: Initiatives, prepared: _Prepared, weights) -> _Left:
    if any(weights[name] < 0 for name in PARTS):
        raise ValueError("Weights must not be negative.")
    rows = len(batch)
    # Shares of the batch's tags stay sparse: thousands of columns, few set.
    tags = sparse.csr_array(batch.tags, dtype=np.float32)
    tags = sparse.csr_array(
        sparse.diags_array(1.0 / np.maximum(_counts(tags), 1.0)) @ tags
    )

    def weight(name):
        return np.float32(weights[name])

    linear = np.hstack(
        [
            weight("themes") * _share(batch.themes),
            weight("sdgs") * _share(batch.sdgs),
            weight("sector") * _dense(batch.sought),
            np.full((rows, 1), weight("activity"), dtype=np.float32),
            weight("tags") * _dense(tags[:, prepared.dense_tags]),
        ]
    )
    places = None
    if weights["distance"] > 0:
        # (scale * chord) ** 2 = scale ** 2 * (2 - 2 cos) in one product.
        places = np.float32(_DISTANCE_SCALE**2) * np.hstack(
            [-2.0 * _dense(batch.places), np.full((rows, 1), 2.0, dtype=np.float32)]
        )
    return _Left(
        text=np.ascontiguousarray(weight("text") * _dense(batch.text)),
        linear=np.ascontiguousarray(linear, dtype=np.float32),
        places=None if places is None else places.astype(np.float32),
        log_distance_weight=np.float32(np.log(max(weights["distance"], 1e-30))),
        rare=sparse.csr_array(weight("tags") * tags[:, prepared.sparse_tags].T),
        collaboration_weight=weights["collaboration"],
    )


def _by_tile(rows, columns, values, tile: int, tiles: int):
    """Flat positions within their tile of (row, column) pairs, grouped by
    tile: (positions, values, bounds) with tile t's at bounds[t]:bounds[t+1]."""
    which, offsets = np.divmod(columns, tile)
    order = np.argsort(which, kind="stable")
    positions = rows[order].astype(np.int64) * tile + offsets[order]
    bounds = np.searchsorted(which[order], np.arange(tiles + 1))
    return positions, None if values is None else values[order], bounds


def _descending(scores: np.ndarray) -> np.ndarray:
    """uint64 keys that sort as the float32 ``scores`` do in reverse: sorting
    one integer key is several times quicker than np.lexsort."""
    bits = (-scores).astype(np.float32).view(np.int32).astype(np.int64)
    return (np.where(bits < 0, bits ^ 0x7FFFFFFF, bits) + 2**31).astype(np.uint64)


class _BestInitiatives:
    """For each organisation, the best ``k`` initiatives of the batches seen
    so far, (O, k) best first, with each one's k-th best score so far as the
    bar a new score must clear."""

    def __init__(self, organisations: int, k: int):
        self.k = k
        self.rows = np.full((organisations, k), -1, dtype=np.int64)
        self.scores = np.full((organisations, k), -np.inf, dtype=np.float32)
        self.bar = np.full(organisations, -np.inf, dtype=np.float32)

    def add(self, scores: np.ndarray, first: int, start: int) -> None:
        """Merges ``scores`` (B initiatives from ``start``, the organisations
        from column ``first``)."""
        above = scores > self.bar[first : first + scores.shape[1]]
        count = np.count_nonzero(above)
        # Measured: partitioning every score beats sorting those above the
        # bar once more than about one in sixteen is.
        if count * 16 > above.size:
            self._merge_all(scores, first, start)
        elif count:
            self._merge_above(scores, above, first, start)

    def _store(self, columns, scores, rows) -> None:
        self.scores[columns] = scores
        self.rows[columns] = rows
        self.bar[columns] = scores[:, -1]

    def _merge_all(self, scores, first, start) -> None:
        # Early on most scores clear the bar: partition them all at once.
        k = self.k
        columns = slice(first, first + scores.shape[1])
        kept = np.hstack([self.scores[columns], scores.T])
        rows = np.hstack(
            [
                self.rows[columns],
                np.broadcast_to(
                    np.arange(start, start + scores.shape[0]), scores.T.shape
                ),
            ]
        )
        top = np.argpartition(kept, -k, axis=1)[:, -k:]
        kept = np.take_along_axis(kept, top, axis=1)
        rows = np.take_along_axis(rows, top, axis=1)
        # Best first; equal scores by initiative (rows are unique in a row).
        order = np.argsort(
            (_descending(kept) << np.uint64(32)) | (rows + 1).astype(np.uint64),
            axis=1,
        )
        self._store(
            columns,
            np.take_along_axis(kept, order, axis=1),
            np.take_along_axis(rows, order, axis=1),
        )

    def _merge_above(self, scores, above, first, start) -> None:
        # Later few do: sort just those with their organisations' k best.
        k = self.k
        rows, columns = np.nonzero(above)
        values = scores[rows, columns]
        touched = np.bincount(columns, minlength=scores.shape[1]) > 0
        group = np.cumsum(touched) - 1
        merged = np.flatnonzero(touched) + first
        groups = np.concatenate([np.repeat(np.arange(len(merged)), k), group[columns]])
        all_scores = np.concatenate([self.scores[merged].ravel(), values])
        all_rows = np.concatenate([self.rows[merged].ravel(), rows + start])
        # Stable: equal scores keep the order of the initiatives, the kept
        # ones (earlier) first and the new ones as np.nonzero gives them.
        order = np.argsort(
            (groups.astype(np.uint64) << np.uint64(32)) | _descending(all_scores),
            kind="stable",
        )
        counts = np.bincount(groups, minlength=len(merged))
        starts = np.cumsum(counts) - counts
        position = np.arange(len(order)) - starts[groups[order]]
        best = order[position < k]  # k a group, each group's best first
        self._store(
            merged,
            all_scores[best].reshape(-1, k),
            all_rows[best].reshape(-1, k),
        )


class _Scorer:
    """Scores batches of initiatives against all organisations, tile by
    tile, keeping only what the rankings need."""

    def __init__(
        self, organisations: Organisations, *, k: int, batch_size: int, similar_work
    ):
        self.organisations = organisations
        # Every initiative's similar work with these organisations (Q, O).
        self.similar_work = similar_work
        self.prepared = prepared = organisations.prepared
        self.k = min(k, len(organisations))
        self.padded, self.tile = prepared.padded, prepared.tile
        self.tiles = prepared.padded // prepared.tile
        self.threads = min(THREADS, self.tiles)
        rows = max(1, batch_size)
        self.buffer = np.empty((self.tiles, rows, self.tile), dtype=np.float32)
        self.chunk_max = np.empty((rows, self.padded // CHUNK), dtype=np.float32)
        self.local = threading.local()

    def _scratch(self, rows: int) -> np.ndarray:
        scratch = getattr(self.local, "scratch", None)
        if scratch is None:
            scratch = self.local.scratch = np.empty_like(self.buffer[0])
        return scratch[:rows]

    def _sparse_parts(self, batch: Initiatives, start: int, left: _Left):
        """Rarer tags, collaboration and similar work, to add, as (O, B)
        CSR: organisations are its rows, so a tile's entries are one slice of
        it, with no sort; and members (never to suggest), grouped by tile."""
        organisations = self.organisations
        worked_with = sparse.csr_array(
            sparse.csr_array(organisations.collaborators, dtype=np.float32)
            @ sparse.csr_array(sparse.csr_array(batch.members, dtype=np.float32).T)
        )
        worked_with.data = np.minimum(
            worked_with.data / COLLABORATORS_FOR_FULL_MARKS, 1.0
        ).astype(np.float32)
        similar_work = self.similar_work[start : start + len(batch)].T
        added = sparse.csr_array(
            self.prepared.rare @ left.rare
            + np.float32(left.collaboration_weight) * worked_with
            + np.float32(WEIGHTS["similar_work"]) * similar_work
        )
        added.sum_duplicates()
        members = _members_of(batch, organisations)
        return added, _by_tile(members.row, members.col, None, self.tile, self.tiles)

    def score(self, batch, start, *, forward, reverse):
        """Scores ``batch`` (initiatives from ``start``); merges them into
        ``reverse`` and returns each one's best organisations if ``forward``."""
        rows = len(batch)
        left = _left(batch, self.prepared, WEIGHTS)
        added, members = self._sparse_parts(batch, start, left)

        def tile(number):
            self._tile(number, rows, left, added, members, start, forward, reverse)

        if self.threads > 1:
            with ThreadPoolExecutor(self.threads) as pool:
                list(pool.map(tile, range(self.tiles)))
        else:
            for number in range(self.tiles):
                tile(number)
        return self._forward(rows) if forward else None

    def _tile(self, number, rows, left, added, members, start, forward, reverse):
        prepared = self.prepared
        first = number * self.tile
        part = slice(first, first + self.tile)
        scores = self.buffer[number, :rows]
        np.matmul(left.text, prepared.text[part].T, out=scores)
        np.maximum(scores, 0.0, out=scores)
        scratch = self._scratch(rows)
        # scores += linear parts inside the GEMM (beta=1), no pass of its own.
        # In BLAS's column-major terms scores.T (tile, B) is the output.
        _sgemm(
            1.0,
            prepared.linear[part].T,
            left.linear.T,
            beta=1.0,
            c=scores.T,
            trans_a=1,
            overwrite_c=1,
        )
        if left.places is not None:
            np.matmul(left.places, prepared.places[part].T, out=scratch)
            np.maximum(scratch, 0.0, out=scratch)
            np.sqrt(scratch, out=scratch)
            np.subtract(left.log_distance_weight, scratch, out=scratch)
            np.exp(scratch, out=scratch)
            scores += scratch
        flat = scores.reshape(-1)
        # The tile's organisations that are real (not padding) and their
        # entries in the (O, B) CSR of added parts.
        low, high = (min(first + at, len(self.organisations)) for at in (0, self.tile))
        entries = slice(added.indptr[low], added.indptr[high])
        organisation = np.repeat(
            np.arange(high - low), np.diff(added.indptr[low : high + 1])
        )
        # Unique positions (summed above), so plain fancy indexing adds once.
        flat[added.indices[entries] * self.tile + organisation] += added.data[entries]
        positions, _values, bounds = members
        flat[positions[bounds[number] : bounds[number + 1]]] = -np.inf
        ineligible = prepared.ineligible[number]
        if len(ineligible):
            scores[:, ineligible] = -np.inf
        if forward:
            width = self.tile // CHUNK
            np.max(
                scores.reshape(rows, CHUNK, width),
                axis=1,
                out=self.chunk_max[:rows, number * width : (number + 1) * width],
            )
        if reverse is not None:
            reverse.add(scores, first, start)

    def _forward(self, rows: int) -> np.ndarray:
        """Each initiative's best ``k`` organisations, best first."""
        k = self.k
        if k == 0:
            return np.empty((rows, 0), dtype=np.int64)
        chunks = self.chunk_max[:rows]
        width = self.tile // CHUNK
        if chunks.shape[1] <= k:
            values = self.buffer[:, :rows].transpose(1, 0, 2).reshape(rows, -1)
            columns = np.broadcast_to(np.arange(self.padded), values.shape)
        else:
            top = np.argpartition(-chunks, k - 1, axis=1)[:, :k]
            which, at = np.divmod(top, width)
            offsets = at[:, :, None] + np.arange(CHUNK) * width
            columns = (which * self.tile)[:, :, None] + offsets
            flat = (
                which[:, :, None] * self.buffer.shape[1]
                + np.arange(rows)[:, None, None]
            ) * self.tile + offsets
            values = self.buffer.reshape(-1)[flat].reshape(rows, -1)
            columns = columns.reshape(rows, -1)
        best = np.argpartition(-values, k - 1, axis=1)[:, :k]
        values = np.take_along_axis(values, best, axis=1)
        columns = np.take_along_axis(columns, best, axis=1)
        order = np.lexsort((columns, -values), axis=1)
        values = np.take_along_axis(values, order, axis=1)
        columns = np.take_along_axis(columns, order, axis=1).astype(np.int64)
        columns[~np.isfinite(values)] = -1
        return columns


# Parts of chosen pairs: exact, for the reasons shown beside a suggestion ----


# Pairs whose rows are gathered at once, a few MB that stay in the cache:
# 2,000,000 pairs (20 for each of 100,000 organisations) of 128 text
# dimensions would gather 2 GB at once.
PAIRS_AT_ONCE = 4096
# Narrower sparse matrices (themes, goals) are cheaper dense.
DENSE_BELOW_COLUMNS = 64


def _pair_dot(left, right, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    if sparse.issparse(left) and left.shape[1] <= DENSE_BELOW_COLUMNS:
        left = _dense(left)
    if sparse.issparse(right) and right.shape[1] <= DENSE_BELOW_COLUMNS:
        right = _dense(right)
    sparse_pairs = sparse.issparse(left) or sparse.issparse(right)
    if sparse_pairs:
        left, right = sparse.csr_array(left), sparse.csr_array(right)
    else:
        left, right = np.asarray(left), np.asarray(right)
    dots = np.empty(len(rows), dtype=np.float32)
    for start in range(0, len(rows), PAIRS_AT_ONCE):
        chosen = slice(start, start + PAIRS_AT_ONCE)
        these, those = left[rows[chosen]], right[columns[chosen]]
        if sparse_pairs:
            dots[chosen] = np.asarray(these.multiply(those).sum(axis=1)).ravel()
        else:
            dots[chosen] = np.einsum("ij,ij->i", these, those)
    return dots


def pair_parts(
    initiatives: Initiatives,
    organisations: Organisations,
    rows: np.ndarray,
    columns: np.ndarray,
    *,
    text: np.ndarray | None = None,
    similar_work=None,
) -> dict:
    """Each named part for the pairs (initiative ``rows[i]``, organisation
    ``columns[i]``): the same values ``batch_scores`` weighs. ``text``: their
    text dot products where already known; ``similar_work``: the
    initiatives' similar_work_part with the organisations, if already made."""

    def overlap(wanted, offered):
        counts = np.maximum(_counts(sparse.csr_array(wanted)[rows]), 1.0)
        return _pair_dot(wanted, offered, rows, columns) / counts

    cosine = _pair_dot(initiatives.places, organisations.places, rows, columns)
    chord = np.sqrt(np.maximum(2.0 - 2.0 * cosine, 0.0))
    worked_with = _pair_dot(
        initiatives.members, organisations.collaborators, rows, columns
    )
    if similar_work is None:
        similar_work = similar_work_part(initiatives, organisations)
    similar_work = _pair_values(similar_work, rows, columns)
    return {
        "text": np.clip(
            _pair_dot(initiatives.text, organisations.text, rows, columns)
            if text is None
            else text,
            0,
            1,
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
        "similar_work": similar_work,
    }


def _pair_values(matrix, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """The sparse ``matrix``'s entries at (``rows[i]``, ``columns[i]``)."""
    if len(rows) == 0:
        return np.zeros(0, dtype=np.float32)
    values = sparse.csr_array(matrix, dtype=np.float32)[rows, columns]
    if sparse.issparse(values):
        values = values.toarray()
    return np.asarray(values, dtype=np.float32).ravel()


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


def _grid_text(initiatives, organisations, rows, columns, *, per_row: str):
    """The text dot products of a (N, k) grid of pairs whose ``per_row``
    side ("rows" or "columns") is the same across each grid row: a batched
    matrix product gathering only the other side, about twice as quick as
    one dot product a pair for the 2,000,000 pairs of 100,000 organisations'
    lists. None where the text is sparse."""
    if sparse.issparse(initiatives.text) or sparse.issparse(organisations.text):
        return None
    if rows.size == 0:
        return np.zeros(rows.shape, dtype=np.float32)
    if per_row == "rows":
        same, varying = np.asarray(initiatives.text), np.asarray(organisations.text)
        first, others = rows[:, 0], np.maximum(columns, 0)
    else:
        same, varying = np.asarray(organisations.text), np.asarray(initiatives.text)
        first, others = np.max(columns, axis=1), np.maximum(rows, 0)
    dots = np.zeros(rows.shape, dtype=np.float32)
    step = max(1, PAIRS_AT_ONCE // max(1, rows.shape[1]))
    for start in range(0, rows.shape[0], step):
        chosen = slice(start, start + step)
        dots[chosen] = np.matmul(
            varying[others[chosen]], same[np.maximum(first[chosen], 0)][:, :, None]
        )[:, :, 0]
    return dots


def _ranking(
    initiatives, organisations, rows, columns, k, *, per_row="rows", similar_work
) -> Ranking:
    """Parts and scores of the chosen pairs, laid out (N, k)."""
    shape = columns.shape
    chosen = columns >= 0
    text = _grid_text(initiatives, organisations, rows, columns, per_row=per_row)
    parts = pair_parts(
        initiatives,
        organisations,
        rows[chosen],
        columns[chosen],
        text=None if text is None else text[chosen],
        similar_work=similar_work,
    )
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
    batch_size: int | None = None,
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


def _reverse_ranking(
    initiatives, organisations, best, scores, *, similar_work
) -> Ranking:
    """For each organisation (row), the initiatives ``best`` it scored
    ``scores`` with: sorted, and with the parts of each pair."""
    order = np.lexsort((best, -scores), axis=1)
    best = np.take_along_axis(best, order, axis=1)
    scores = np.take_along_axis(scores, order, axis=1)
    best = np.where(np.isfinite(scores), best, -1)
    organisation_rows = np.repeat(np.arange(len(organisations)), best.shape[1]).reshape(
        best.shape
    )
    reverse = _ranking(
        initiatives,
        organisations,
        np.maximum(best, 0),
        np.where(best >= 0, organisation_rows, -1),
        best.shape[1],
        per_row="columns",
        similar_work=similar_work,
    )
    return Ranking(indices=best, scores=reverse.scores, parts=reverse.parts)


def _batch_size(batch_size, organisations: Organisations) -> int:
    """As asked; by default BATCH_SIZE initiatives, or as many more as fit in
    as many pairs when the organisations are few (one organisation's update
    then scores all initiatives in one batch, not in 40)."""
    if batch_size is not None:
        return max(1, batch_size)
    pairs = BATCH_SIZE * _round_up(100_000, TILE_COLUMNS)
    return max(BATCH_SIZE, pairs // organisations.prepared.padded)


def _suggest(initiatives, organisations, *, k, batch_size, one_way, other_way):
    batch_size = min(_batch_size(batch_size, organisations), max(1, len(initiatives)))
    # Made once: picking the organisations' columns reads all its entries.
    similar_work = similar_work_part(initiatives, organisations)
    scorer = _Scorer(
        organisations, k=k, batch_size=batch_size, similar_work=similar_work
    )
    reverse = _BestInitiatives(scorer.padded, min(k, len(initiatives)))
    chosen = []
    with _blas_threads(scorer.threads):
        for start in range(0, len(initiatives), batch_size):
            batch = initiatives.rows(slice(start, start + batch_size))
            columns = scorer.score(
                batch,
                start,
                forward=one_way,
                reverse=reverse if other_way and reverse.k else None,
            )
            if one_way:
                chosen.append(columns)
    for_initiatives = for_organisations = None
    if one_way:
        width = min(k, len(organisations))
        columns = np.vstack(chosen) if chosen else np.empty((0, width), dtype=np.int64)
        rows = np.repeat(np.arange(len(initiatives)), columns.shape[1]).reshape(
            columns.shape
        )
        for_initiatives = _ranking(
            initiatives, organisations, rows, columns, k, similar_work=similar_work
        )
    if other_way:
        count = len(organisations)
        for_organisations = _reverse_ranking(
            initiatives,
            organisations,
            reverse.rows[:count],
            reverse.scores[:count],
            similar_work=similar_work,
        )
    return for_initiatives, for_organisations


def suggest_initiatives(
    initiatives: Initiatives,
    organisations: Organisations,
    *,
    k: int = 20,
    batch_size: int | None = None,
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
    batch_size: int | None = None,
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
