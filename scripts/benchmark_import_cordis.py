"""Time `manage.py import_cordis` on the real CORDIS folder: a first run into a
registry without CORDIS organisations, and a second run that finds them all
unchanged. Writes the figures to benchmarks/import_cordis.json.

Run it on a scratch database: it is migrated, and its CORDIS organisations
are deleted before every round.

    createdb -h 127.0.0.1 -U postgres hub_cordis_bench
    DJANGO_SETTINGS_MODULE=hub.settings.test \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_cordis_bench \\
    .venv/bin/python scripts/benchmark_import_cordis.py [DIR]

Each figure is the median of three rounds, first and second runs interleaved
so that a busy moment of the machine does not fall on one kind only. A run is
the command as a user runs it, in its own process, so the figures include
Django's start-up; that is timed on its own too (`import_cordis --help`).
"""

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data/cordis")
RESULT = ROOT / "benchmarks" / "import_cordis.json"
ROUNDS = 3
SUMMARY = re.compile(r"(\d+) created, (\d+) updated, (\d+) unchanged, (\d+) rejected")


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def delete_imported() -> None:
    from partners.models import DataSource, Organisation

    Organisation.objects.filter(source=DataSource.CORDIS).delete()


def timed(*arguments: str) -> tuple[float, str]:
    command = [sys.executable, "manage.py", "import_cordis", *arguments]
    started = time.perf_counter()
    finished = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return time.perf_counter() - started, finished.stdout


def counts(output: str) -> dict[str, int]:
    names = ("created", "updated", "unchanged", "rejected")
    return dict(zip(names, map(int, SUMMARY.search(output).groups()), strict=True))


def figures(samples: list[float]) -> dict:
    return {
        "median": round(statistics.median(samples), 2),
        "samples": [round(sample, 2) for sample in samples],
    }


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA
    setup_django()
    load = os.getloadavg()[0]
    first, second, startup = [], [], []
    for _ in range(ROUNDS):
        delete_imported()
        seconds, output = timed(str(data), "--no-progress")
        first.append(seconds)
        first_counts = counts(output)
        seconds, output = timed(str(data), "--no-progress")
        second.append(seconds)
        second_counts = counts(output)
        startup.append(timed("--help")[0])
        print(f"first {first[-1]:.2f} s, second {second[-1]:.2f} s", flush=True)
    result = {
        "command": "python manage.py import_cordis DIR --no-progress",
        "data": str(data),
        "rounds": ROUNDS,
        "first_run_seconds": figures(first),
        "second_run_seconds": figures(second),
        "django_startup_seconds": figures(startup),
        "first_run": first_counts,
        "second_run": second_counts,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            # Other work on the machine slows the runs down.
            "load_average_at_start": round(load, 2),
        },
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
