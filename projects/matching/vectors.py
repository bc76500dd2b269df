"""Text and vocabulary to arrays for the engine; no Django here either.

Texts are English or Dutch, often both in one registry. They share one
TF-IDF vocabulary with the stop words of both languages; on a registry large
enough to learn from, a truncated SVD folds that vocabulary into a hundred
or so latent dimensions (SVD_DIMENSIONS), where words that keep company
("warmtenet", "district heating") land close together, and makes the text
part a dense product that is cheap over 100,000 organisations.
"""

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from threadpoolctl import threadpool_limits

# Below this many texts there is too little to learn latent dimensions from:
# the TF-IDF rows themselves are the vectors.
MIN_TEXTS_FOR_SVD = 500
SVD_DIMENSIONS = 128
SVD_SEED = 20261201
SVD_BLAS_THREADS = 1
# The latent dimensions are learnt from at most this many texts, drawn at
# random (SVD_SEED) when the registry has more, then every text is folded in.
# On the synthetic registry of 110,000 texts (scripts/benchmark_matching.py)
# 20,000 of them and two power iterations instead of five kept the explained
# variance (0.486 against 0.488) at a ninth of the fitting time.
SVD_SAMPLE = 20_000
SVD_ITERATIONS = 3

# Only words of three letters or more: shorter ones are never tokens.
DUTCH_STOP_WORDS = frozenset(
    {
        "aan",
        "alle",
        "alles",
        "als",
        "altijd",
        "andere",
        "ben",
        "bij",
        "bijvoorbeeld",
        "binnen",
        "boven",
        "daar",
        "dan",
        "dat",
        "der",
        "deze",
        "die",
        "dit",
        "doch",
        "doen",
        "door",
        "dus",
        "een",
        "eens",
        "gaan",
        "gaat",
        "geen",
        "geweest",
        "haar",
        "had",
        "heb",
        "hebben",
        "heeft",
        "hem",
        "hen",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "iemand",
        "iets",
        "kan",
        "kon",
        "kunnen",
        "maar",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "moet",
        "naar",
        "niet",
        "niets",
        "nieuw",
        "nieuwe",
        "nog",
        "omdat",
        "onder",
        "ons",
        "onze",
        "ook",
        "over",
        "per",
        "reeds",
        "samen",
        "tegen",
        "toch",
        "toen",
        "tot",
        "tussen",
        "uit",
        "van",
        "veel",
        "via",
        "voor",
        "waar",
        "waardoor",
        "waarin",
        "waarmee",
        "want",
        "waren",
        "was",
        "wat",
        "wel",
        "werd",
        "wezen",
        "wie",
        "wij",
        "wil",
        "worden",
        "wordt",
        "zal",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zonder",
        "zou",
        "zullen",
    }
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | DUTCH_STOP_WORDS
TOKEN = re.compile(r"[^\W\d_]{3,}")


# In ASCII text, the letters TOKEN matches are a to z: the same tokens,
# found twice as fast.
ASCII_TOKEN = re.compile(r"[a-z]{3,}")


@cache
def _combining() -> dict[int, None]:
    """Every combining character, for str.translate to drop (once, lazily:
    it takes a look at every code point)."""
    return dict.fromkeys(
        point
        for point in range(sys.maxunicode + 1)
        if unicodedata.combining(chr(point))
    )


def _fold(text: str) -> str:
    """Lower case without accents: "coöperatie" and "cooperatie" agree."""
    lowered = text.lower()
    # Most texts are plain ASCII, which has nothing to decompose; the rest
    # lose their accents in one str.translate, not a Python loop over every
    # character (the vector part of a full recompute tokenises 110,000 texts).
    if lowered.isascii():
        return lowered
    return unicodedata.normalize("NFKD", lowered).translate(_combining())


def tokens(text: str) -> list[str]:
    folded = _fold(text)
    pattern = ASCII_TOKEN if folded.isascii() else TOKEN
    return [word for word in pattern.findall(folded) if word not in STOP_WORDS]


def normalise_tag(name: str) -> str:
    return " ".join(_fold(name).split())


def _unit_rows(matrix):
    if sparse.issparse(matrix):
        matrix = sparse.csr_array(matrix, dtype=np.float32)
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1))).ravel()
        scale = sparse.diags_array(1.0 / np.where(norms == 0, 1.0, norms))
        return sparse.csr_array(scale @ matrix, dtype=np.float32)
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


@dataclass
class TextModel:
    """Fitted on a registry's texts; turns any text into a unit row."""

    tfidf: TfidfVectorizer | None
    svd: TruncatedSVD | None
    # The TF-IDF rows of the texts it was fitted on, by text: the registry
    # transforms those same texts next, and tokenising 110,000 texts twice
    # takes as long as the rest of fitting. Rows are what tfidf.transform
    # gives (fit_transform is fit then transform).
    fitted_rows: object = None
    fitted: dict = field(default_factory=dict, repr=False)

    def _tfidf_rows(self, texts: list[str]):
        known = [self.fitted.get(text) for text in texts]
        if not texts or any(row is None for row in known):
            return self.tfidf.transform(texts)
        return self.fitted_rows[np.array(known, dtype=np.int64)]

    def transform(self, texts: list[str]):
        if self.tfidf is None:
            return sparse.csr_array((len(texts), 1), dtype=np.float32)
        rows = self._tfidf_rows(texts)
        if self.svd is None:
            return _unit_rows(rows)
        return _unit_rows(self.svd.transform(rows))


def fit_text_model(texts: list[str], *, latent: bool = True) -> TextModel:
    """Learns the vocabulary from every text of the registry and, on enough
    texts unless ``latent`` is False, the latent dimensions from a sample of
    at most SVD_SAMPLE of them."""
    large = len(texts) >= MIN_TEXTS_FOR_SVD
    tfidf = TfidfVectorizer(
        analyzer=tokens,
        sublinear_tf=True,
        # A word in a single text cannot relate two; one in most says nothing.
        min_df=2 if large else 1,
        max_df=0.5 if large else 1.0,
        dtype=np.float32,
    )
    try:
        rows = tfidf.fit_transform(texts)
    except ValueError:  # not one word to learn from: no text part at all
        return TextModel(tfidf=None, svd=None)
    fitted = {"fitted_rows": rows, "fitted": _row_numbers(texts)}
    if not (large and latent) or rows.shape[1] <= SVD_DIMENSIONS:
        return TextModel(tfidf=tfidf, svd=None, **fitted)
    svd = TruncatedSVD(
        n_components=SVD_DIMENSIONS,
        algorithm="randomized",
        n_iter=SVD_ITERATIONS,
        random_state=SVD_SEED,
    )
    # Measured on the two shared cores here: its QR, LU and SVD of tall
    # matrices took three times as long with two OpenBLAS threads as with
    # one (the threads wait on each other whenever another process runs).
    with threadpool_limits(limits=SVD_BLAS_THREADS, user_api="blas"):
        svd.fit(_sample_rows(rows, SVD_SAMPLE))
    return TextModel(tfidf=tfidf, svd=svd, **fitted)


def _sample_rows(rows, size: int):
    """At most ``size`` of the rows, the same ones for the same registry."""
    if rows.shape[0] <= size:
        return rows
    chosen = np.random.default_rng(SVD_SEED).choice(rows.shape[0], size, replace=False)
    return rows[np.sort(chosen)]


def _row_numbers(texts: list[str]) -> dict[str, int]:
    return {text: row for row, text in enumerate(texts)}


class Vocabulary:
    """Column numbers for the items of one kind (themes, goals, tags), so that
    both sides' 0/1 matrices line up."""

    def __init__(self, items=()):
        self.columns: dict = {}
        for item in items:
            self.add(item)

    def add(self, item) -> int:
        return self.columns.setdefault(item, len(self.columns))

    def __len__(self) -> int:
        return len(self.columns)

    def matrix(self, rows: int, pairs) -> sparse.csr_array:
        """A (rows, len(self)) 0/1 matrix from (row, item) pairs; items not in
        the vocabulary are left out."""
        coordinates = [
            (row, self.columns[item]) for row, item in pairs if item in self.columns
        ]
        if not coordinates:
            return sparse.csr_array((rows, max(len(self), 1)), dtype=np.float32)
        row_numbers, columns = np.array(coordinates).T
        matrix = sparse.csr_array(
            (np.ones(len(coordinates), dtype=np.float32), (row_numbers, columns)),
            shape=(rows, max(len(self), 1)),
        )
        matrix.sum_duplicates()
        matrix.data[:] = 1.0
        return matrix


def unit_places(latitudes, longitudes) -> np.ndarray:
    """Points on the unit sphere, (N, 3); zero where the place is unknown."""
    latitudes = np.asarray(latitudes, dtype=np.float64)
    longitudes = np.asarray(longitudes, dtype=np.float64)
    known = ~(np.isnan(latitudes) | np.isnan(longitudes))
    lat = np.radians(np.where(known, latitudes, 0.0))
    lon = np.radians(np.where(known, longitudes, 0.0))
    places = np.stack(
        [np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1
    )
    places[~known] = 0.0
    return places.astype(np.float32)


def one_hot(rows: int, columns: int, pairs) -> np.ndarray:
    matrix = np.zeros((rows, columns), dtype=np.float32)
    for row, column in pairs:
        matrix[row, column] = 1.0
    return matrix
