"""Time the matching engine on a synthetic registry of 100,000 organisations
and 10,000 initiatives. Writes the figures to benchmarks/matching.json.

    .venv/bin/python scripts/benchmark_matching.py [--rounds N] [--quick]

No database: the registry is made up here, at the sizes the engine must
handle, with text in English and Dutch (sentences from CORDIS project titles
and the seed texts, and smart-city words of twelve themes), tags drawn from
a Zipf distribution over a few thousand, themes, goals, sectors, places
clustered around European cities and sparse past collaborations.

Three figures, each beside a reference measured in the same round: a plain
NumPy float32 matrix product over as many pairs with as many dimensions as
the text has. This machine's speed swings (other work shares its two cores),
so rounds interleave each figure with its reference and report medians; the
ratio to the reference says how the engine does whatever the machine's mood.

1. Full recompute: fit the text model and transform every text, then
   ``suggest_both_ways`` over all pairs. Each round runs in a child process so
   that its peak memory (VmHWM) is its own.
2. One initiative: transform its text, then ``suggest_organisations`` on its
   one row against all organisations, whose arrays are ready beforehand.
3. One organisation: ``suggest_initiatives`` for ``organisation_rows`` of it.
"""

import argparse
import csv
import json
import os
import pickle
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from projects.matching import engine, vectors  # noqa: E402

RESULT = ROOT / "benchmarks" / "matching.json"
CORDIS = Path("/work/shared/data/cordis/projects.csv")
SEEDS = Path("/work/shared/seeds")
ORGANISATIONS = 100_000
INITIATIVES = 10_000
SEED = 20261201
TARGET_FULL_S = 60.0
TARGET_FULL_PEAK_GB = 2.0
TARGET_ONE_INITIATIVE_MS = 200.0
K = 20
THEMES = 12
GOALS = 17
SECTORS = 4
TAG_VOCABULARY = 3_000
ZIPF_EXPONENT = 1.1

# (latitude, longitude) of European cities organisations cluster around.
CITIES = [
    (52.37, 4.90), (51.92, 4.48), (52.08, 4.30), (52.09, 5.12), (51.44, 5.48),
    (53.22, 6.57), (51.81, 5.87), (52.22, 6.89), (51.59, 4.78), (50.85, 5.69),
    (50.85, 4.35), (51.22, 4.40), (51.05, 3.72), (50.63, 5.57), (49.61, 6.13),
    (52.52, 13.40), (48.14, 11.58), (53.55, 9.99), (50.94, 6.96), (50.11, 8.68),
    (48.78, 9.18), (51.34, 12.37), (51.05, 13.74), (48.86, 2.35), (45.76, 4.84),
    (43.30, 5.37), (43.60, 1.44), (47.22, -1.55), (50.63, 3.06), (51.51, -0.13),
    (53.48, -2.24), (55.95, -3.19), (53.35, -6.26), (40.42, -3.70), (41.39, 2.17),
    (39.47, -0.38), (37.39, -5.98), (43.26, -2.93), (38.72, -9.14), (41.15, -8.61),
    (45.46, 9.19), (41.90, 12.50), (45.07, 7.69), (44.49, 11.34), (40.85, 14.27),
    (48.21, 16.37), (47.37, 8.54), (46.20, 6.14), (55.68, 12.57), (59.33, 18.07),
    (59.91, 10.75), (60.17, 24.94), (52.23, 21.01), (50.06, 19.94), (50.08, 14.44),
    (47.50, 19.04), (44.43, 26.10), (37.98, 23.73), (42.70, 23.32), (54.69, 25.28),
]
# Smart-city words per theme, English then Dutch: texts on a theme use them.
THEME_WORDS = [
    (
        "energy transition heat network renewable solar wind district heating "
        "grid storage retrofit insulation heat pump efficiency",
        "energietransitie warmtenet zonnepanelen windenergie restwarmte "
        "netcongestie opslag isolatie warmtepomp aardgasvrij wijkaanpak",
    ),
    (
        "mobility transport cycling public transit shared mobility parking "
        "electric vehicles charging logistics traffic",
        "mobiliteit vervoer fietsen openbaar deelmobiliteit parkeren "
        "elektrisch laadpalen laadinfrastructuur logistiek verkeer",
    ),
    (
        "climate adaptation flooding heat stress drought green roofs water "
        "retention rainfall resilience sewer",
        "klimaatadaptatie wateroverlast hittestress droogte groene daken "
        "waterberging regenwater weerbaarheid riolering",
    ),
    (
        "digital transformation data platform sensors internet things "
        "digital twin open data artificial intelligence cloud",
        "digitale transformatie dataplatform sensoren digitale tweeling "
        "open data kunstmatige intelligentie algoritmes",
    ),
    (
        "circular economy recycling waste materials reuse construction "
        "demolition repair resources biobased",
        "circulaire economie recycling afval materialen hergebruik bouw "
        "sloop reparatie grondstoffen biobased",
    ),
    (
        "healthy urban living health air quality noise wellbeing ageing "
        "care physical activity food",
        "gezonde verstedelijking gezondheid luchtkwaliteit geluid welzijn "
        "vergrijzing zorg bewegen voedsel",
    ),
    (
        "public lighting street lights smart lighting design light pollution "
        "safety nightlife",
        "openbare verlichting lantaarnpalen slimme verlichting lichtontwerp "
        "lichtvervuiling veiligheid",
    ),
    (
        "citizen participation cocreation neighbourhood community inclusion "
        "social cohesion living lab",
        "burgerparticipatie cocreatie buurt gemeenschap inclusie sociale "
        "samenhang proeftuin bewoners",
    ),
    (
        "housing built environment urban planning densification buildings "
        "spatial design real estate",
        "woningbouw gebouwde omgeving stedenbouw verdichting gebouwen "
        "ruimtelijke ordening vastgoed",
    ),
    (
        "biodiversity nature green infrastructure trees parks ecology urban "
        "greening pollinators",
        "biodiversiteit natuur groene infrastructuur bomen parken ecologie "
        "vergroening bestuivers",
    ),
    (
        "governance procurement policy regulation municipality strategy "
        "finance investment business model",
        "bestuur aanbesteding beleid regelgeving gemeente strategie "
        "financiering investering verdienmodel",
    ),
    (
        "education skills innovation entrepreneurship startups research "
        "knowledge transfer talent",
        "onderwijs vaardigheden innovatie ondernemerschap startups onderzoek "
        "kennisdeling talent",
    ),
]
ENGLISH_FRAMES = [
    "We work on {a} and {b} with partners in the city.",
    "Our team develops {a} for {b} in several European cities.",
    "The project pilots {a}, {b} and {c} in real neighbourhoods.",
    "We offer expertise in {a} and {b}.",
    "We are looking for partners who know {a} or {b}.",
    "Together with residents we test {a} to improve {b}.",
    "The consortium shares results on {a} and {c} openly.",
]
DUTCH_FRAMES = [
    "Wij werken aan {a} en {b} met partners in de stad.",
    "Ons team ontwikkelt {a} voor {b} in verschillende steden.",
    "Het project test {a}, {b} en {c} in echte wijken.",
    "Wij bieden kennis van {a} en {b}.",
    "Wij zoeken partners met ervaring in {a} of {b}.",
    "Samen met bewoners onderzoeken we {a} om {b} te verbeteren.",
    "De gemeente deelt de resultaten over {a} en {c}.",
]


# The synthetic registry ------------------------------------------------------


def _sentences() -> tuple[list[str], list[str]]:
    """Real sentences: CORDIS titles and topics (English), the Dutch seed."""
    with CORDIS.open(newline="", encoding="utf-8") as file:
        english = [
            f"{row['title']}. {row['topic_description']}."
            for row in csv.DictReader(file)
        ]
    dutch = []
    for path in sorted(SEEDS.glob("0*.txt")):
        text = path.read_text(encoding="utf-8")
        found = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
        (dutch if " de " in text and " het " in text else english).extend(found)
    return english, dutch


def _texts(random, count: int, themes: np.ndarray, tags: list[list[str]]):
    """``count`` texts of 40 to 120 words, 70 % English, on each row's main
    theme, with its tags at the end as the registry appends them."""
    english, dutch = _sentences()
    words = [(en.split(), nl.split()) for en, nl in THEME_WORDS]
    lengths = random.integers(40, 121, size=count)
    dutch_rows = random.random(count) < 0.3
    texts = []
    for row in range(count):
        language = 1 if dutch_rows[row] else 0
        real, frames = (dutch, DUTCH_FRAMES) if language else (english, ENGLISH_FRAMES)
        main = words[themes[row]][language]
        other = words[random.integers(THEMES)][language]
        parts, total = [], 0
        while total < lengths[row]:
            if random.random() < 0.35:
                sentence = real[random.integers(len(real))]
            else:
                pool = main if random.random() < 0.75 else other
                a, b, c = (pool[i] for i in random.integers(len(pool), size=3))
                sentence = frames[random.integers(len(frames))].format(a=a, b=b, c=c)
            parts.append(sentence)
            total += sentence.count(" ") + 1
        text = " ".join(" ".join(parts).split()[: lengths[row]])
        texts.append(f"{text} {' '.join(tags[row])}")
    return texts


def _zipf_items(random, rows: int, low: int, high: int, vocabulary: int):
    """(row, item) pairs: ``low`` to ``high`` distinct items a row, drawn with
    Zipf frequencies over ``vocabulary`` items."""
    ranks = np.arange(1, vocabulary + 1)
    probabilities = ranks**-ZIPF_EXPONENT
    probabilities /= probabilities.sum()
    counts = random.integers(low, high + 1, size=rows)
    drawn = random.choice(vocabulary, size=counts.sum(), p=probabilities)
    return np.repeat(np.arange(rows), counts), drawn


def _matrix(rows, columns, row_numbers, items):
    matrix = sparse.csr_array(
        (np.ones(len(items), dtype=np.float32), (row_numbers, items)),
        shape=(rows, columns),
    )
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


def _few(random, rows, columns, low, high, main=None):
    """A 0/1 matrix with ``low`` to ``high`` items a row (its ``main`` one
    among them)."""
    counts = random.integers(low, high + 1, size=rows)
    row_numbers = np.repeat(np.arange(rows), counts)
    items = random.integers(columns, size=counts.sum())
    if main is not None:
        row_numbers = np.concatenate([row_numbers, np.arange(rows)])
        items = np.concatenate([items, main])
    return _matrix(rows, columns, row_numbers, items)


def _places(random, rows: int) -> np.ndarray:
    """Half at a city's coordinates (as geocoding by city gives), a third
    within ~20 km of one, the rest unknown."""
    cities = np.array(CITIES)[random.integers(len(CITIES), size=rows)]
    jitter = random.normal(scale=0.15, size=(rows, 2))
    kind = random.random(rows)
    latitudes = cities[:, 0] + np.where(kind > 0.5, jitter[:, 0], 0.0)
    longitudes = cities[:, 1] + np.where(kind > 0.5, jitter[:, 1], 0.0)
    latitudes[kind > 0.85] = np.nan
    longitudes[kind > 0.85] = np.nan
    return vectors.unit_places(latitudes, longitudes)


def _sectors(random, rows: int, known: float) -> np.ndarray:
    sectors = np.zeros((rows, SECTORS), dtype=np.float32)
    chosen = random.integers(SECTORS, size=rows)
    sectors[np.arange(rows), chosen] = 1.0
    sectors[random.random(rows) > known] = 0.0
    return sectors


def _collaborators(random, rows: int) -> sparse.csr_array:
    """Symmetric, sparse: about three past partners an organisation."""
    pairs = random.integers(rows, size=(rows * 3 // 2, 2))
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    both = np.vstack([pairs, pairs[:, ::-1]])
    return _matrix(rows, rows, both[:, 0], both[:, 1])


def _members(random, rows: int, organisations: int) -> sparse.csr_array:
    """Each initiative's owner and zero to four partners."""
    counts = random.integers(1, 6, size=rows)
    return _matrix(
        rows,
        organisations,
        np.repeat(np.arange(rows), counts),
        random.integers(organisations, size=counts.sum()),
    )


def synthetic_registry(organisations=ORGANISATIONS, initiatives=INITIATIVES):
    """The registry's arrays (text left out) and its texts."""
    random = np.random.default_rng(SEED)
    tag_names = [f"tag{rank}" for rank in range(TAG_VOCABULARY)]
    words = [w for en, nl in THEME_WORDS for w in (en + " " + nl).split()]
    for rank in range(TAG_VOCABULARY):
        a, b = random.integers(len(words), size=2)
        tag_names[rank] = f"{words[a]}-{words[b]}"
    side_tags = {}
    for side, rows, low, high in (
        ("organisations", organisations, 2, 10),
        ("initiatives", initiatives, 2, 8),
    ):
        row_numbers, items = _zipf_items(random, rows, low, high, TAG_VOCABULARY)
        side_tags[side] = (_matrix(rows, TAG_VOCABULARY, row_numbers, items), items)
    main_themes = {
        "organisations": random.integers(THEMES, size=organisations),
        "initiatives": random.integers(THEMES, size=initiatives),
    }
    texts = {}
    for side, rows in (
        ("organisations", organisations),
        ("initiatives", initiatives),
    ):
        matrix = side_tags[side][0]
        names = [
            [tag_names[i] for i in matrix.indices[matrix.indptr[r] : matrix.indptr[r + 1]]]
            for r in range(rows)
        ]
        texts[side] = _texts(random, rows, main_themes[side], names)
    organisation_arrays = engine.Organisations(
        text=None,
        themes=_few(random, organisations, THEMES, 0, 2, main_themes["organisations"]),
        sdgs=_few(random, organisations, GOALS, 0, 4),
        tags=side_tags["organisations"][0],
        sectors=_sectors(random, organisations, known=0.95),
        places=_places(random, organisations),
        activity=np.exp2(-random.exponential(2.0, size=organisations)).astype(
            np.float32
        ),
        collaborators=_collaborators(random, organisations),
        eligible=np.ones(organisations, dtype=bool),
    )
    initiative_arrays = engine.Initiatives(
        text=None,
        themes=_few(random, initiatives, THEMES, 0, 1, main_themes["initiatives"]),
        sdgs=_few(random, initiatives, GOALS, 1, 3),
        tags=side_tags["initiatives"][0],
        sought=np.maximum(
            _sectors(random, initiatives, known=1.0),
            _sectors(random, initiatives, known=0.4),
        ),
        places=_places(random, initiatives),
        members=_members(random, initiatives, organisations),
    )
    return organisation_arrays, initiative_arrays, texts
