"""Time the matching engine on a synthetic registry of 100,000 organisations
and 10,000 initiatives. Writes the figures to benchmarks/matching.json.

    .venv/bin/python scripts/benchmark_matching.py [--rounds N] [--small-rounds N]

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
import dataclasses
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
from threadpoolctl import threadpool_limits

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
    (52.37, 4.90),
    (51.92, 4.48),
    (52.08, 4.30),
    (52.09, 5.12),
    (51.44, 5.48),
    (53.22, 6.57),
    (51.81, 5.87),
    (52.22, 6.89),
    (51.59, 4.78),
    (50.85, 5.69),
    (50.85, 4.35),
    (51.22, 4.40),
    (51.05, 3.72),
    (50.63, 5.57),
    (49.61, 6.13),
    (52.52, 13.40),
    (48.14, 11.58),
    (53.55, 9.99),
    (50.94, 6.96),
    (50.11, 8.68),
    (48.78, 9.18),
    (51.34, 12.37),
    (51.05, 13.74),
    (48.86, 2.35),
    (45.76, 4.84),
    (43.30, 5.37),
    (43.60, 1.44),
    (47.22, -1.55),
    (50.63, 3.06),
    (51.51, -0.13),
    (53.48, -2.24),
    (55.95, -3.19),
    (53.35, -6.26),
    (40.42, -3.70),
    (41.39, 2.17),
    (39.47, -0.38),
    (37.39, -5.98),
    (43.26, -2.93),
    (38.72, -9.14),
    (41.15, -8.61),
    (45.46, 9.19),
    (41.90, 12.50),
    (45.07, 7.69),
    (44.49, 11.34),
    (40.85, 14.27),
    (48.21, 16.37),
    (47.37, 8.54),
    (46.20, 6.14),
    (55.68, 12.57),
    (59.33, 18.07),
    (59.91, 10.75),
    (60.17, 24.94),
    (52.23, 21.01),
    (50.06, 19.94),
    (50.08, 14.44),
    (47.50, 19.04),
    (44.43, 26.10),
    (37.98, 23.73),
    (42.70, 23.32),
    (54.69, 25.28),
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
            [
                tag_names[i]
                for i in matrix.indices[matrix.indptr[r] : matrix.indptr[r + 1]]
            ]
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


def save_registry(directory: Path) -> None:
    organisations, initiatives, texts = synthetic_registry()
    with (directory / "registry.pickle").open("wb") as file:
        pickle.dump((organisations, initiatives, texts), file, protocol=5)


def load(directory: Path, name: str):
    with (directory / name).open("rb") as file:
        return pickle.load(file)  # noqa: S301 - written by this script


def with_text(arrays, text):
    return dataclasses.replace(arrays, text=text)


def with_similar_work(initiatives):
    """As the registry does: each initiative against all the others (its
    past initiatives here being the other public ones), through their
    members; its own row left out."""
    similar = engine.similar_work(
        initiatives.text,
        initiatives.text,
        sparse.csr_array(initiatives.members, dtype=np.float32),
        np.arange(len(initiatives)),
    )
    return dataclasses.replace(initiatives, similar_work=similar)


# The reference: a plain float32 product over as many pairs -------------------


def reference_product_s(rows: int, columns: int, dimensions: int) -> float:
    """A (rows, d) @ (d, columns) float32 product, 256 rows at a time into
    one buffer (the whole would not fit in memory at 10,000 x 100,000)."""
    random = np.random.default_rng(0)
    left = random.random((min(rows, 256), dimensions), dtype=np.float32)
    right = random.random((columns, dimensions), dtype=np.float32)
    out = np.empty((left.shape[0], columns), dtype=np.float32)
    started = time.perf_counter()
    for start in range(0, rows, left.shape[0]):
        count = min(left.shape[0], rows - start)
        np.matmul(left[:count], right.T, out=out[:count])
    return time.perf_counter() - started


def peak_memory_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


# 1. Full recompute, in a child process -----------------------------------------


def child_full(directory: Path) -> dict:
    organisations, initiatives, texts = load(directory, "registry.pickle")
    started = time.perf_counter()
    model = vectors.fit_text_model(texts["organisations"] + texts["initiatives"])
    organisation_text = model.transform(texts["organisations"])
    initiative_text = model.transform(texts["initiatives"])
    vectors_s = time.perf_counter() - started
    organisations = with_text(organisations, organisation_text)
    started = time.perf_counter()
    initiatives = with_similar_work(with_text(initiatives, initiative_text))
    similar_work_s = time.perf_counter() - started
    started = time.perf_counter()
    for_initiatives, for_organisations = engine.suggest_both_ways(
        initiatives, organisations, k=K
    )
    scoring_s = time.perf_counter() - started
    peak = peak_memory_bytes()
    dimensions = organisation_text.shape[1]
    reference_s = reference_product_s(len(initiatives), len(organisations), dimensions)
    # The same with one BLAS thread: on a busy machine two often take longer.
    with threadpool_limits(limits=1, user_api="blas"):
        reference_one_thread_s = reference_product_s(
            len(initiatives), len(organisations), dimensions
        )
    model_file = directory / "model.pickle"
    if not model_file.exists():
        with model_file.open("wb") as file:
            pickle.dump((model, organisation_text, initiative_text), file, protocol=5)
    return {
        "total_s": vectors_s + similar_work_s + scoring_s,
        "vectors_s": vectors_s,
        "similar_work_s": similar_work_s,
        "similar_work_entries": int(initiatives.similar_work.nnz),
        "scoring_s": scoring_s,
        "peak_memory_bytes": peak,
        "reference_s": reference_s,
        "reference_one_blas_thread_s": reference_one_thread_s,
        "text_dimensions": dimensions,
        "suggested_for_initiatives": int((for_initiatives.indices >= 0).sum()),
        "suggested_for_organisations": int((for_organisations.indices >= 0).sum()),
    }


def full_recompute(directory: Path, rounds: int) -> dict:
    samples = []
    for round_number in range(rounds):
        started = time.perf_counter()
        output = subprocess.run(
            [sys.executable, __file__, "--child-full", str(directory)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        sample = json.loads(output.strip().splitlines()[-1])
        samples.append(sample)
        print(
            f"full recompute round {round_number + 1}: {sample['total_s']:.1f} s "
            f"(vectors {sample['vectors_s']:.1f}, "
            f"similar work {sample['similar_work_s']:.1f}, "
            f"scoring {sample['scoring_s']:.1f}, "
            f"reference {sample['reference_s']:.2f}) "
            f"peak {sample['peak_memory_bytes'] / 2**30:.2f} GB, "
            f"child wall {time.perf_counter() - started:.0f} s",
            flush=True,
        )

    def median(name):
        return statistics.median(sample[name] for sample in samples)

    peak_gb = max(sample["peak_memory_bytes"] for sample in samples) / 2**30
    return {
        "what": "fit_text_model on all texts + transform of every text + "
        "similar work of every initiative + suggest_both_ways (k=20) over all "
        "pairs, in a child process",
        "rounds": rounds,
        "median_s": round(median("total_s"), 2),
        "vectors_median_s": round(median("vectors_s"), 2),
        "similar_work_median_s": round(median("similar_work_s"), 2),
        "similar_work_entries": samples[0]["similar_work_entries"],
        "scoring_median_s": round(median("scoring_s"), 2),
        "reference_median_s": round(median("reference_s"), 3),
        "reference_one_blas_thread_median_s": round(
            median("reference_one_blas_thread_s"), 3
        ),
        "ratio_scoring_to_reference": round(
            statistics.median(s["scoring_s"] / s["reference_s"] for s in samples), 2
        ),
        "ratio_total_to_reference": round(
            statistics.median(s["total_s"] / s["reference_s"] for s in samples), 2
        ),
        "reference": "float32 (10,000 x d) @ (d x 100,000), 256 rows at a time, "
        "d = text dimensions, right after each round in the same process",
        "peak_memory_gb": round(peak_gb, 3),
        "target_s": TARGET_FULL_S,
        "target_peak_memory_gb": TARGET_FULL_PEAK_GB,
        "within_target": median("total_s") <= TARGET_FULL_S
        and peak_gb <= TARGET_FULL_PEAK_GB,
        "text_dimensions": samples[0]["text_dimensions"],
        "suggested_for_initiatives": samples[0]["suggested_for_initiatives"],
        "suggested_for_organisations": samples[0]["suggested_for_organisations"],
        "samples": samples,
    }


# 2 and 3. One initiative, one organisation ------------------------------------


def interleaved(measure, reference, rounds: int) -> tuple[list, list]:
    """Alternates which goes first, so that neither always meets the
    machine's mood after the other."""
    measured, referenced = [], []
    for round_number in range(rounds):
        pair = [(measure, measured), (reference, referenced)]
        for function, samples in pair if round_number % 2 else pair[::-1]:
            samples.append(function(round_number))
    return measured, referenced


def figures_ms(measured, referenced, target_ms=None) -> dict:
    median_ms = statistics.median(measured) * 1000
    reference_ms = statistics.median(referenced) * 1000
    result = {
        "median_ms": round(median_ms, 2),
        "min_ms": round(min(measured) * 1000, 2),
        "max_ms": round(max(measured) * 1000, 2),
        "reference_median_ms": round(reference_ms, 3),
        "ratio_to_reference": round(
            statistics.median(m / r for m, r in zip(measured, referenced, strict=True)),
            1,
        ),
    }
    if target_ms is not None:
        result["target_ms"] = target_ms
        result["within_target"] = median_ms <= target_ms
    return result


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def one_initiative(organisations, initiatives, texts, model, rounds) -> dict:
    right = np.ascontiguousarray(organisations.text)
    members = sparse.csr_array(initiatives.members, dtype=np.float32)
    random = np.random.default_rng(1)
    chosen = random.integers(len(initiatives), size=rounds)

    def measure(round_number):
        row = int(chosen[round_number])

        def suggest():
            text = model.transform([texts["initiatives"][row]])
            one = dataclasses.replace(
                initiatives.rows(slice(row, row + 1)),
                text=text,
                similar_work=engine.similar_work(
                    text, initiatives.text, members, np.array([row])
                ),
            )
            engine.suggest_organisations(one, organisations, k=K)

        return timed(suggest)

    def reference(round_number):
        left = initiatives.text[chosen[round_number]][None, :]
        return timed(lambda: left @ right.T)

    started = time.perf_counter()
    _ = organisations.prepared
    prepare_s = time.perf_counter() - started
    measure(0)  # warm-up
    measured, referenced = interleaved(measure, reference, rounds)
    return {
        "what": "transform one initiative's text + its similar work against "
        "all initiatives + suggest_organisations on its row against all "
        "organisations (their arrays prepared beforehand)",
        "reference": "float32 (1 x d) @ (d x 100,000)",
        "rounds": rounds,
        **figures_ms(measured, referenced, TARGET_ONE_INITIATIVE_MS),
        "preparing_organisations_once_ms": round(prepare_s * 1000, 1),
    }


def one_organisation(organisations, initiatives, rounds) -> dict:
    left = np.ascontiguousarray(initiatives.text)
    random = np.random.default_rng(2)
    chosen = random.integers(len(organisations), size=rounds)

    def measure(round_number):
        rows = chosen[round_number : round_number + 1]
        return timed(
            lambda: engine.suggest_initiatives(
                initiatives, engine.organisation_rows(organisations, rows), k=K
            )
        )

    def reference(round_number):
        right = organisations.text[chosen[round_number]][:, None]
        return timed(lambda: left @ right)

    measure(0)
    measured, referenced = interleaved(measure, reference, rounds)
    return {
        "what": "suggest_initiatives for organisation_rows of one organisation "
        "against all initiatives",
        "reference": "float32 (10,000 x d) @ (d x 1)",
        "rounds": rounds,
        **figures_ms(measured, referenced),
        "the_job_also": (
            "compute.suggestions_for_organisations first runs registry_load: "
            "it reads the whole registry from the database, fits the text "
            "model on every text again (about the full recompute's vector "
            "part, see full_recompute.vectors_median_s) and works out every "
            "initiative's similar work (full_recompute.similar_work_median_s), "
            "and afterwards turns the ranking into Suggested rows; storing "
            "them is the caller's. One initiative's job reads and fits the "
            "same, but works out the similar work of that initiative only."
        ),
    }


def machine() -> dict:
    import scipy
    import sklearn
    from threadpoolctl import threadpool_info

    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": model,
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_count": os.cpu_count(),
        "memory_gb": round(
            os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1
        ),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit_learn": sklearn.__version__,
        "blas": [
            {key: info.get(key) for key in ("internal_api", "version", "num_threads")}
            for info in threadpool_info()
            if info.get("user_api") == "blas"
        ],
        "engine_threads": engine.THREADS,
        "batch_size": engine.BATCH_SIZE,
        "tile_columns": engine.TILE_COLUMNS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="full recomputes")
    parser.add_argument("--small-rounds", type=int, default=21)
    parser.add_argument("--child-full", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child_full:
        print(json.dumps(child_full(arguments.child_full)))
        return
    load_at_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="benchmark-matching-") as name:
        directory = Path(name)
        started = time.perf_counter()
        save_registry(directory)
        print(
            f"synthetic registry in {time.perf_counter() - started:.0f} s", flush=True
        )
        full = full_recompute(directory, arguments.rounds)
        organisations, initiatives, texts = load(directory, "registry.pickle")
        model, organisation_text, initiative_text = load(directory, "model.pickle")
    organisations = with_text(organisations, organisation_text)
    initiatives = with_similar_work(with_text(initiatives, initiative_text))
    rounds = arguments.small_rounds
    initiative = one_initiative(organisations, initiatives, texts, model, rounds)
    print(f"one initiative: {initiative['median_ms']} ms", flush=True)
    organisation = one_organisation(organisations, initiatives, rounds)
    print(f"one organisation: {organisation['median_ms']} ms", flush=True)
    result = {
        "command": ".venv/bin/python scripts/benchmark_matching.py "
        f"--rounds {arguments.rounds} --small-rounds {rounds}",
        "sizes": {
            "organisations": len(organisations),
            "initiatives": len(initiatives),
            "pairs": len(organisations) * len(initiatives),
            "text_dimensions": int(organisation_text.shape[1]),
            "themes": THEMES,
            "goals": GOALS,
            "sectors": SECTORS,
            "tag_vocabulary": TAG_VOCABULARY,
            "tags_zipf_exponent": ZIPF_EXPONENT,
            "tags_per_organisation": "2-10",
            "tags_per_initiative": "2-8",
            "text_words": "40-120, 30 % Dutch",
            "k": K,
        },
        "full_recompute": full,
        "one_initiative": initiative,
        "one_organisation": organisation,
        "machine": {
            **machine(),
            # Other work on the machine slows everything down; the ratios to
            # the reference hold better than the seconds.
            "load_average_at_start": [round(x, 2) for x in load_at_start],
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2) + "\n")
    print(
        json.dumps({k: v for k, v in result.items() if k != "full_recompute"}, indent=2)
    )
    print(json.dumps({k: v for k, v in full.items() if k != "samples"}, indent=2))


if __name__ == "__main__":
    main()
