"""Time the filtered initiatives list with all 3,490 CORDIS projects public as
initiatives, on PostgreSQL. Writes the figures to benchmarks/initiative_list.json.

Run it on a scratch database: it is migrated, the demo site is loaded, and
the initiatives (and owners) it made last time are deleted and made again.

    createdb -h 127.0.0.1 -U postgres hub_initiatives_bench
    DJANGO_SETTINGS_MODULE=hub.settings.test \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_initiatives_bench \\
    .venv/bin/python scripts/benchmark_initiative_list.py [DIR]

Each CORDIS project becomes a public initiative with its title, call topic as
summary, dates, stage, its coordinator as owner (with the coordinator's city,
country and coordinates) and themes and goals from its thematic priority; a
minimal loader of its own, so the figures do not wait for the importer
(it stores their search documents as the importer does).

The list page is requested in-process with Django's test client, as a visitor
would (the site's header, footer and filters included), for several filter
combinations. Rounds interleave them with a reference: the same page for a
city without initiatives, so that what the results cost shows apart from what
the page around them costs. Each request is made twice in a row, once with
random_page_cost as docker-compose.yml sets it for SSD storage and once (under
``with_postgresql_default_random_page_cost``) with PostgreSQL's default, the
two taking turns to go first. Each figure is the median of the rounds.
"""

import csv
import json
import os
import platform
import re
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data/cordis")
RESULT = ROOT / "benchmarks" / "initiative_list.json"
ROUNDS = 31
TARGET_MS = 100
SLUG_PREFIX = "bench-"
LIST = "/en/initiatives/"
REFERENCE = ("no results (reference)", {"city": "Atlantis"})
# What docker-compose.yml starts PostgreSQL with (SSD storage); the figures
# are taken with it and, for comparison, with PostgreSQL's default (4).
RANDOM_PAGE_COST = "1.1"
CASES = [
    ("all, newest first", {}),
    ("theme", {"theme": "climate-mitigation-energy"}),
    ("stage and country", {"stage": "completed", "country": "DE"}),
    ("sector sought and goal", {"sector": "business", "sdg": "9"}),
    ("search, best match", {"q": "energy"}),
    (
        "search and theme, by title",
        {"q": "cities", "theme": "mobility", "sort": "title"},
    ),
    ("city, by start date", {"city": "Barcelona", "sort": "start"}),
    ("all, page 50", {"page": "50"}),
    (
        "Dutch, theme and stage",
        {"theme": "digital-transformation", "stage": "completed"},
    ),
]
# Thematic priority words → theme slug and SDG numbers, first match wins.
THEMES = [
    (("energy", "climate", "environment"), "climate-mitigation-energy", (7, 13)),
    (("transport", "aeronautics", "mobility"), "mobility", (9, 11)),
    (
        ("information", "ict", "digital", "future and emerging"),
        "digital-transformation",
        (9,),
    ),
    (("health", "food", "bio"), "healthy-urban-living", (3,)),
    (("nmp", "materials", "production", "raw"), "circular-economy", (12,)),
    (("security", "socio", "society", "humanities"), "climate-adaptation", (11, 16)),
]
HELIX = {"knowledge", "business", "government", "civil_society"}
# The results count the page shows, in English or Dutch.
COUNT = re.compile(r'id="initiative-count"[^>]*>\s*(\d+) initiati')
# For the one project without participants.
NOBODY = {
    "pic": "0",
    "legal_name": "Unknown coordinator",
    "helix": "",
    "city": "",
    "country_code": "",
}


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    # As in production (base.py): one connection serves many requests. The
    # test settings close it after each, which would time connecting too.
    connection.settings_dict["CONN_MAX_AGE"] = 60
    call_command("migrate", verbosity=0)
    from hub.demo import demo_content_load

    demo_content_load()


def read(data: Path, name: str) -> list[dict]:
    with (data / name).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def coordinators(data: Path) -> dict[str, dict]:
    """Each project's coordinator (else its first participant), by project id."""
    organisations = {row["pic"]: row for row in read(data, "organisations.csv")}
    chosen = {}
    for row in read(data, "participations.csv"):
        organisation = organisations.get(row["pic"])
        if organisation and (
            row["project_id"] not in chosen or row["role"] == "coordinator"
        ):
            chosen[row["project_id"]] = organisation
    return chosen


def owners(coordinating: dict[str, dict]) -> dict[str, object]:
    from partners import geography
    from partners.models import ModerationStatus, Organisation

    rows = {row["pic"]: row for row in coordinating.values()}
    built = []
    for pic, row in rows.items():
        country = geography.country_code(row["country_code"])[:2]
        place = geography.city_coordinates(city=row["city"], country=country)
        built.append(
            Organisation(
                name=row["legal_name"][:200] or pic,
                slug=f"{SLUG_PREFIX}{pic}",
                sector=row["helix"] if row["helix"] in HELIX else "knowledge",
                city=row["city"].title()[:100],
                country=country,
                latitude=place[0] if place else None,
                longitude=place[1] if place else None,
                status=ModerationStatus.APPROVED,
            )
        )
    Organisation.objects.bulk_create(built, batch_size=1000)
    return {
        organisation.slug.removeprefix(SLUG_PREFIX): organisation
        for organisation in Organisation.objects.filter(slug__startswith=SLUG_PREFIX)
    }


def classification(project: dict) -> tuple[str, tuple[int, ...]]:
    words = f"{project['thematic_priority']} {project['title']}".lower()
    for keys, theme, goals in THEMES:
        if any(key in words for key in keys):
            return theme, goals
    # ERC and Marie Curie grants span every field: spread them.
    theme, goals = THEMES[int(project["project_id"]) % len(THEMES)][1:]
    return theme, goals


def stage(project: dict) -> str:
    end = project["end_date"]
    return "completed" if end and date.fromisoformat(end) < date.today() else "running"


def build_initiatives(data: Path) -> int:
    from hub.models import SustainableDevelopmentGoal, Theme
    from partners.models import ModerationStatus, Organisation
    from projects.models import Initiative, InitiativeSource, SoughtSector

    Organisation.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    coordinating = coordinators(data)
    themes = {
        theme.slug: theme for theme in Theme.objects.filter(locale__language_code="en")
    }
    goals = {goal.number: goal for goal in SustainableDevelopmentGoal.objects.all()}
    projects = read(data, "projects.csv")
    for project in projects:
        coordinating.setdefault(project["project_id"], NOBODY)
    owner_by_pic = owners(coordinating)
    initiatives = []
    for project in projects:
        owner = owner_by_pic[coordinating[project["project_id"]]["pic"]]
        initiatives.append(
            Initiative(
                title=project["title"][:200],
                slug=f"{SLUG_PREFIX}{project['project_id']}",
                summary=(project["topic_description"] or project["title"])[:300],
                description=project["topic_description"],
                stage=stage(project),
                owner=owner,
                city=owner.city,
                country=owner.country,
                latitude=owner.latitude,
                longitude=owner.longitude,
                start_date=project["start_date"] or None,
                end_date=project["end_date"] or None,
                source=InitiativeSource.CORDIS,
                external_id=project["project_id"],
                status=ModerationStatus.APPROVED,
            )
        )
    Initiative.objects.bulk_create(initiatives, batch_size=1000)
    saved = {
        i.external_id: i
        for i in Initiative.objects.filter(slug__startswith=SLUG_PREFIX)
    }
    # What search matches, as the importer stores it.
    from projects.services import search_vector_refresh

    search_vector_refresh(initiative.pk for initiative in saved.values())
    theme_links, goal_links, sectors = [], [], []
    for project in projects:
        initiative = saved[project["project_id"]]
        theme, numbers = classification(project)
        theme_links.append(
            Initiative.themes.through(initiative=initiative, theme=themes[theme])
        )
        goal_links += [
            Initiative.sustainable_development_goals.through(
                initiative=initiative, sustainabledevelopmentgoal=goals[number]
            )
            for number in numbers
        ]
        sought = (
            ("business", "government")
            if int(project["project_id"]) % 2
            else ("knowledge",)
        )
        sectors += [SoughtSector(initiative=initiative, sector=s) for s in sought]
    Initiative.themes.through.objects.bulk_create(theme_links, batch_size=2000)
    Initiative.sustainable_development_goals.through.objects.bulk_create(
        goal_links, batch_size=2000
    )
    SoughtSector.objects.bulk_create(sectors, batch_size=2000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return len(saved)


def request_ms(client, path: str, query: dict) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(path, query)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path} {query} answered {response.status_code}")
    return elapsed, int(COUNT.search(response.text).group(1))


def figures(samples: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(samples), 1),
        "min_ms": round(min(samples), 1),
        "max_ms": round(max(samples), 1),
    }


def planner_setting(random_page_cost: str | None) -> None:
    """Set (or reset to the server's default) random_page_cost for the
    connection the in-process requests share."""
    from django.db import connection

    with connection.cursor() as cursor:
        if random_page_cost is None:
            cursor.execute("RESET random_page_cost")
        else:
            cursor.execute("SET random_page_cost = %s", [random_page_cost])


def measure(settings: tuple[str | None, ...]) -> dict:
    """Time every case under every planner setting. Each round visits the
    cases in another order, and within a case the settings alternate which
    goes first, so that drift in the machine's speed (it swings by nearly twofold)
    falls on all of them alike rather than on whichever pass ran later."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    cases = [REFERENCE, *CASES]
    samples = {(setting, name): [] for setting in settings for name, _q in cases}
    found, queries = {}, {}
    for setting in settings:  # warm-up: caches, connection, templates
        planner_setting(setting)
        for name, query in cases:
            with CaptureQueriesContext(connection) as captured:
                _elapsed, found[name] = request_ms(client, path_for(name), query)
            queries[name] = len(captured)
    for round_number in range(ROUNDS):
        shift = round_number % len(cases)
        order = settings if round_number % 2 == 0 else settings[::-1]
        for name, query in cases[shift:] + cases[:shift]:
            for setting in order:
                planner_setting(setting)
                elapsed = request_ms(client, path_for(name), query)[0]
                samples[setting, name].append(elapsed)
    planner_setting(None)
    return {
        setting: {
            name: {
                "query": query,
                "results": found[name],
                "queries": queries[name],
                **figures(samples[setting, name]),
            }
            for name, query in cases
        }
        for setting in settings
    }


def path_for(case_name: str) -> str:
    return "/nl/initiatives/" if case_name.startswith("Dutch") else LIST


def map_data_ms(rounds: int) -> dict:
    from django.test import Client

    client = Client()
    client.get("/en/initiatives/map.geojson")
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get("/en/initiatives/map.geojson")
        samples.append((time.perf_counter() - started) * 1000)
    features = len(json.loads(response.content)["features"])
    return {"features": features, **figures(samples)}


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA
    setup_django()
    started = time.perf_counter()
    count = build_initiatives(data)
    print(f"{count} public initiatives in {time.perf_counter() - started:.1f} s")
    load = os.getloadavg()[0]
    measured = measure((RANDOM_PAGE_COST, None))
    cases, default = measured[RANDOM_PAGE_COST], measured[None]
    slowest = max(
        case["median_ms"] for name, case in cases.items() if name != REFERENCE[0]
    )
    result = {
        "command": "DJANGO_SETTINGS_MODULE=hub.settings.test DATABASE_URL=... "
        "python scripts/benchmark_initiative_list.py",
        "what": "GET /en/initiatives/ with Django's test client, whole page",
        "initiatives": count,
        "rounds": ROUNDS,
        "target_ms": TARGET_MS,
        "slowest_median_ms": slowest,
        "within_target": slowest < TARGET_MS,
        "random_page_cost": RANDOM_PAGE_COST,
        "cases": cases,
        "map_data_all": map_data_ms(ROUNDS),
        "with_postgresql_default_random_page_cost": {
            name: case["median_ms"] for name, case in default.items()
        },
        "slowest_median_ms_with_postgresql_default": max(
            case["median_ms"] for name, case in default.items() if name != REFERENCE[0]
        ),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            # Other work on the machine slows the requests down.
            "load_average_at_start": round(load, 2),
        },
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
