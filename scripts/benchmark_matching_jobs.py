"""Time the matching jobs themselves, database and all, on the CORDIS registry
(about 5,900 organisations and 3,500 initiatives): a full run as the worker
computes it, chunk by chunk, and one initiative's and one organisation's job.
Writes the figures to benchmarks/matching_jobs.json.

    createdb -h 127.0.0.1 -U postgres hub_matching_jobs_bench
    DJANGO_SETTINGS_MODULE=hub.settings.test \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_matching_jobs_bench \\
    .venv/bin/python scripts/benchmark_matching_jobs.py [DIR] [--rounds N]

The database is migrated and, if it holds no CORDIS organisation yet, the
folder (default: the shared data) is imported with ``import_cordis``. The
suggestions it stores are the jobs' own, so use a scratch database.

scripts/benchmark_matching.py measures the engine on 100,000 organisations
without a database; this adds what the jobs add to it: reading the registry
(and fitting the text model) for each chunk, and storing every list. Each
round, in turns, runs the full run's chunks sharing one reading of the
registry (what ``full_run_chunk_compute`` does) and the same chunks each
reading the registry for itself (what they did before, and what a job
outside a full run does). The reference, measured in the same round, is a
plain NumPy product over the same number of pairs. Figures are medians.
"""

import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULT = ROOT / "benchmarks" / "matching_jobs.json"
ROUNDS = 3
SMALL_ROUNDS = 7
TEXT_DIMENSIONS = 128


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
    import django

    django.setup()


def _arguments() -> tuple[Path | None, int]:
    folder, rounds = None, ROUNDS
    arguments = iter(sys.argv[1:])
    for argument in arguments:
        if argument == "--rounds":
            rounds = int(next(arguments))
        else:
            folder = Path(argument)
    return folder, rounds


def _registry(folder: Path | None) -> None:
    from django.core.management import call_command
    from django.db import connection

    from partners.models import DataSource, Organisation
    from projects.matching.evaluation import shared_data_directory

    call_command("migrate", verbosity=0)
    if not Organisation.objects.filter(source=DataSource.CORDIS).exists():
        call_command("import_cordis", str(folder or shared_data_directory()))
    with connection.cursor() as cursor:
        # Fresh imports leave the planner guessing, and the jobs' joins with it.
        cursor.execute("ANALYZE")


def _new_run():
    from projects.matching import jobs
    from projects.matching.weights import ALGORITHM_VERSION
    from projects.models import MatchingRun, MatchingRunKind, MatchingRunStatus

    MatchingRun.objects.filter(status=MatchingRunStatus.RUNNING).update(
        status=MatchingRunStatus.FAILED, error="Left over by the benchmark."
    )
    run = MatchingRun.objects.create(
        kind=MatchingRunKind.FULL, algorithm_version=ALGORITHM_VERSION
    )
    return run, jobs.full_run_chunks(run_id=run.pk)


def full_run_sharing() -> float:
    """Every chunk of a full run as the worker computes it."""
    from projects.matching import jobs

    run, chunks = _new_run()
    started = time.perf_counter()
    for direction, ids in chunks:
        jobs.full_run_chunk_compute(run_id=run.pk, direction=direction, ids=ids)
    return time.perf_counter() - started


def full_run_each_reading() -> float:
    """The same chunks, each reading the registry for itself."""
    from projects.matching import jobs
    from projects.models import MatchingRun, MatchingRunStatus

    run, chunks = _new_run()
    started = time.perf_counter()
    for direction, ids in chunks:
        jobs.lists_compute(direction, ids)
    seconds = time.perf_counter() - started
    MatchingRun.objects.filter(pk=run.pk).update(status=MatchingRunStatus.SUCCEEDED)
    return seconds


def reading() -> float:
    from projects.matching.registry import registry_load

    started = time.perf_counter()
    registry_load()
    return time.perf_counter() - started


def reference(organisations: int, initiatives: int, rng) -> float:
    """A float32 product over every pair, at the text part's dimensions."""
    import numpy as np

    left = rng.standard_normal((initiatives, TEXT_DIMENSIONS), dtype=np.float32)
    right = rng.standard_normal((TEXT_DIMENSIONS, organisations), dtype=np.float32)
    started = time.perf_counter()
    left @ right
    return time.perf_counter() - started


def _median(values) -> float:
    return round(statistics.median(values), 3)


def _subjects():
    from partners.models import Organisation
    from projects.models import Initiative

    initiative = Initiative.objects.public().order_by("pk").first()
    organisation = (
        Organisation.objects.approved().filter(initiatives__isnull=False).first()
    )
    return initiative, organisation


def main() -> None:
    folder, rounds = _arguments()
    _django()
    import numpy as np

    from partners.models import Organisation
    from projects.matching import jobs
    from projects.models import Initiative

    _registry(folder)
    organisations = Organisation.objects.approved().count()
    initiatives = Initiative.objects.public().count()
    rng = np.random.default_rng(0)
    samples = {"sharing": [], "each_reading": [], "reference": []}
    for number in range(rounds):
        variants = [
            ("sharing", full_run_sharing),
            ("each_reading", full_run_each_reading),
        ]
        for name, measure in variants if number % 2 == 0 else reversed(variants):
            samples[name].append(measure())
            samples["reference"].append(reference(organisations, initiatives, rng))
        print(
            f"round {number + 1}: "
            + ", ".join(
                f"{name} {values[-1]:.2f} s" for name, values in samples.items()
            )
        )
    initiative, organisation = _subjects()
    small = {
        "reading": [],
        "initiative_job": [],
        "organisation_job": [],
        "reference_one": [],
    }
    for _round in range(SMALL_ROUNDS):
        small["reading"].append(reading())
        started = time.perf_counter()
        jobs.initiative_suggestions_compute(initiative_id=initiative.pk)
        small["initiative_job"].append(time.perf_counter() - started)
        started = time.perf_counter()
        jobs.organisation_suggestions_compute(organisation_id=organisation.pk)
        small["organisation_job"].append(time.perf_counter() - started)
        small["reference_one"].append(reference(organisations, 1, rng))
    sharing, each = _median(samples["sharing"]), _median(samples["each_reading"])
    result = {
        "command": "DJANGO_SETTINGS_MODULE=hub.settings.test DATABASE_URL=… "
        ".venv/bin/python scripts/benchmark_matching_jobs.py",
        "taken_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average": [round(value, 2) for value in os.getloadavg()],
        },
        "registry": {"organisations": organisations, "initiatives": initiatives},
        "chunks": {
            "initiatives_per_chunk": jobs.chunk_size(jobs.FOR_INITIATIVE),
            "organisations_per_chunk": jobs.chunk_size(jobs.FOR_ORGANISATION),
        },
        "full_run": {
            "rounds": rounds,
            "chunks_sharing_one_reading_median_s": sharing,
            "chunks_each_reading_median_s": each,
            "sharing_over_each_reading": round(sharing / each, 3),
            "reference_median_s": _median(samples["reference"]),
            "reference": "float32 (initiatives x 128) @ (128 x organisations)",
            "samples": samples,
        },
        "jobs": {
            "rounds": SMALL_ROUNDS,
            "reading_the_registry_median_s": _median(small["reading"]),
            "one_initiative_median_s": _median(small["initiative_job"]),
            "one_organisation_median_s": _median(small["organisation_job"]),
            "reference_one_initiative_median_s": round(
                statistics.median(small["reference_one"]), 6
            ),
            "what": "initiative_suggestions_compute (its list and those of the "
            "organisations it touches) and organisation_suggestions_compute (its "
            "own list; the initiatives it touches are separate chunks)",
            "samples": small,
        },
    }
    RESULT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({key: result[key] for key in ("registry", "chunks")}))
    print(json.dumps({k: v for k, v in result["full_run"].items() if k != "samples"}))
    print(json.dumps({k: v for k, v in result["jobs"].items() if k != "samples"}))
    print(f"Written to {RESULT}")


if __name__ == "__main__":
    main()
