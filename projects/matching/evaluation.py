"""How well matching finds the partners that real projects had: the
``evaluate_matching`` command's logic.

The CORDIS open data (see ``projects.importers.cordis``) is split by the
projects' start: the earlier projects, with their members, are the registry;
each later project with enough members in it is registered as a new
initiative owned by its coordinator, its other members hidden. The engine
(``compute.suggestions_for_initiatives``, what the jobs run) and two
baselines then rank the registry's organisations for it, and we count how
many of the hidden members each finds.

Everything happens inside one transaction that is rolled back: the database
is left with the rows it had (its sequences do move on). The organisations
and initiatives it held before are set aside for the run, so that the
registry is the folder's and nothing of the later projects leaks in from an
earlier import. The run holds a lock on them meanwhile: evaluate on a
development database or a copy, not on the live site.
"""

import csv
import io
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from partners.importers import cordis as organisations_cordis
from partners.importers.csv_files import ImportReport, read_rows
from partners.models import DataSource, ModerationStatus, Organisation
from projects.importers import cordis as projects_cordis
from projects.matching import compute
from projects.matching.registry import registry_load
from projects.matching.vectors import fit_text_model
from projects.models import (
    Initiative,
    InitiativePartner,
    InitiativeStage,
    PartnerState,
    SoughtSector,
)

ORGANISATIONS_FILE = organisations_cordis.ORGANISATIONS_FILE
PROJECTS_FILE = projects_cordis.PROJECTS_FILE
PARTICIPATIONS_FILE = projects_cordis.PARTICIPATIONS_FILE
# The later fifth of the projects by start date are the queries.
QUERY_SHARE = 0.2
# A query needs its coordinator and at least one more member in the
# registry, out of three or more.
MIN_MEMBERS = 3
MIN_MEMBERS_IN_REGISTRY = 2
RECALL_AT = (10, 20)
METHODS = ("engine", "popularity", "text")
# The ratio's interval: this many resamples of the queries, drawn the same
# way each run so that the figure can be reproduced.
RESAMPLES = 2000
INTERVAL = 0.95


# Where the data is -------------------------------------------------------------


def shared_data_directory() -> Path:
    """The CORDIS folder: the CORDIS_DATA_DIR setting, else ``shared/data/
    cordis`` beside the checkout or one of its parent folders (a worktree
    sits deeper than the main checkout)."""
    configured = getattr(settings, "CORDIS_DATA_DIR", None)
    if configured:
        return Path(configured)
    for folder in Path(settings.BASE_DIR).resolve().parents:
        candidate = folder / "shared" / "data" / "cordis"
        if candidate.is_dir():
            return candidate
    return Path(settings.BASE_DIR).resolve().parent / "shared" / "data" / "cordis"


# Splitting a folder by start date ----------------------------------------------


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[dict[str, str]]


def _table(path: Path, columns: tuple[str, ...]) -> Table:
    rows = [row for _line, row in read_rows(path, columns=columns, report=_report())]
    with path.open(encoding="utf-8-sig", newline="") as file:
        header = [name.strip() for name in next(csv.reader(file))]
    return Table(header=header, rows=rows)


def _report() -> ImportReport:
    # Malformed rows are the importers' to report; here they are left out.
    return ImportReport()


def _write(path: Path, table: Table, rows: Iterable[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=table.header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def cut_off_date(start_dates: list[str], query_share: float = QUERY_SHARE) -> date:
    """The first start date of the later ``query_share`` of the projects:
    projects starting on or after it are the queries. Start dates cluster on
    the first of a month, so the share is approximate."""
    known = sorted(day for day in start_dates if day)
    if not known:
        raise ValueError("No project has a start date.")
    position = min(int(len(known) * (1 - query_share)), len(known) - 1)
    return date.fromisoformat(known[position])


@dataclass(frozen=True)
class Split:
    registry: Path
    queries: Path
    cut_off: date | None  # None when the folders were given


def split_by_start_date(
    source: Path,
    target: Path,
    *,
    query_share: float = QUERY_SHARE,
    cut_off: date | None = None,
) -> Split:
    """Writes ``target``/registry and ``target``/queries in the CORDIS
    format: the projects that started before the cut-off (or have no start
    date) and those that started on or after it, each with their
    participations and the organisations in them."""
    projects = _table(source / PROJECTS_FILE, projects_cordis.PROJECT_COLUMNS)
    participations = _table(
        source / PARTICIPATIONS_FILE, projects_cordis.PARTICIPATION_COLUMNS
    )
    organisations = _table(
        source / ORGANISATIONS_FILE, organisations_cordis.ORGANISATION_COLUMNS
    )
    cut_off = cut_off or cut_off_date(
        [row["start_date"].strip() for row in projects.rows], query_share
    )
    later = {
        row["project_id"].strip()
        for row in projects.rows
        if row["start_date"].strip() and row["start_date"].strip() >= str(cut_off)
    }
    for name, is_query in (("registry", False), ("queries", True)):
        folder = target / name
        folder.mkdir(parents=True, exist_ok=True)
        _write_part(folder, projects, participations, organisations, later, is_query)
    return Split(
        registry=target / "registry", queries=target / "queries", cut_off=cut_off
    )


def _write_part(folder, projects, participations, organisations, later, is_query):
    def wanted(row):
        return (row["project_id"].strip() in later) == is_query

    taking_part = [row for row in participations.rows if wanted(row)]
    pics = {row["pic"].strip() for row in taking_part}
    _write(folder / PROJECTS_FILE, projects, filter(wanted, projects.rows))
    _write(folder / PARTICIPATIONS_FILE, participations, taking_part)
    _write(
        folder / ORGANISATIONS_FILE,
        organisations,
        (row for row in organisations.rows if row["pic"].strip() in pics),
    )


# The registry ----------------------------------------------------------------


def registry_set_aside() -> None:
    """Inside the evaluation's transaction: the organisations and initiatives
    the database held take no part, and their CORDIS ids are freed so that
    the registry folder is imported afresh."""
    Organisation.objects.update(status=ModerationStatus.PENDING, external_id="")
    Initiative.objects.update(status=ModerationStatus.PENDING, external_id="")


def registry_import(directory: Path) -> None:
    """The registry folder's organisations, approved, and its projects as
    initiatives with their partners, by the importers of ``import_cordis``."""
    organisations_cordis.organisations_import(directory=directory)
    projects_cordis.initiatives_import(directory=directory)


@dataclass(frozen=True)
class Member:
    pk: int
    sector: str
    city: str
    country: str
    latitude: float | None
    longitude: float | None


def registry_members() -> dict[str, Member]:
    """The registry's organisations by PIC."""
    return {
        values.pop("external_id"): Member(**values)
        for values in Organisation.objects.filter(
            source=DataSource.CORDIS, status=ModerationStatus.APPROVED
        ).values(
            "external_id", "pk", "sector", "city", "country", "latitude", "longitude"
        )
    }


# The queries -----------------------------------------------------------------


@dataclass(frozen=True)
class QueryProject:
    """A later project as the initiative its coordinator would register."""

    project_id: str
    values: dict  # the initiative's fields, as the importer reads them
    text: str  # what its themes are inferred from
    owner: Member
    hidden: frozenset[int]  # pks of its other members in the registry
    sought: tuple[str, ...]  # the helix sectors of its other members


@dataclass
class _Project:
    row: dict
    coordinators: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)


def _projects_with_members(directory: Path) -> dict[str, _Project]:
    projects = {
        row["project_id"].strip(): _Project(row={k: v.strip() for k, v in row.items()})
        for row in _table(
            directory / PROJECTS_FILE, projects_cordis.PROJECT_COLUMNS
        ).rows
    }
    participations = _table(
        directory / PARTICIPATIONS_FILE, projects_cordis.PARTICIPATION_COLUMNS
    )
    for row in participations.rows:
        project = projects.get(row["project_id"].strip())
        pic, role = row["pic"].strip(), row["role"].strip().lower()
        if project is None or role not in projects_cordis.MEMBER_ROLES:
            continue
        if pic not in project.members:
            project.members.append(pic)
        if role == projects_cordis.COORDINATOR:
            project.coordinators.append(pic)
    return projects


def _sectors_by_pic(directory: Path) -> dict[str, str]:
    """The helix sector of every organisation of the queries folder (members
    new to the registry included), from its CORDIS activity type."""
    path = directory / ORGANISATIONS_FILE
    if not path.exists():
        return {}
    sectors = {}
    for row in _table(path, organisations_cordis.ORGANISATION_COLUMNS).rows:
        known = organisations_cordis.ACTIVITY_TYPES.get(
            row["activity_type"].strip().upper()
        )
        if known and known[0]:
            sectors[row["pic"].strip()] = known[0]
    return sectors


def query_projects(directory: Path, registry: dict[str, Member]) -> list[QueryProject]:
    """The projects of the queries folder that can be asked about: three or
    more members, the coordinator and at least one other in the registry.
    A project whose coordinators are all new to the registry is skipped: it
    would be registered by an organisation the registry does not know."""
    sectors = _sectors_by_pic(directory)
    queries = []
    for project_id, project in _projects_with_members(directory).items():
        owner_pic = next((p for p in project.coordinators if p in registry), None)
        known = [pic for pic in project.members if pic in registry]
        if (
            owner_pic is None
            or len(project.members) < MIN_MEMBERS
            or len(known) < MIN_MEMBERS_IN_REGISTRY
        ):
            continue
        try:
            values = projects_cordis.initiative_values(project.row)
        except organisations_cordis.RowError:
            continue
        others = [pic for pic in project.members if pic != owner_pic]
        sought = {
            sectors.get(pic) or (registry[pic].sector if pic in registry else "")
            for pic in others
        }
        queries.append(
            QueryProject(
                project_id=project_id,
                values=values,
                text=f"{project.row['title']} {project.row['topic_description']}",
                owner=registry[owner_pic],
                hidden=frozenset(registry[pic].pk for pic in others if pic in registry),
                sought=tuple(sorted(sought - {""})),
            )
        )
    return queries


def queries_register(queries: list[QueryProject]) -> dict[int, frozenset[int]]:
    """Each query as a new, approved initiative of its coordinator, at the
    coordinator's place, seeking its other members' sectors, with no
    partners yet. Returns the hidden members by initiative pk."""
    initiatives = Initiative.objects.bulk_create(
        [
            Initiative(
                **{**query.values, "stage": InitiativeStage.PLANNING},
                slug=f"matching-evaluation-{query.project_id}",
                owner_id=query.owner.pk,
                city=query.owner.city,
                country=query.owner.country,
                latitude=query.owner.latitude,
                longitude=query.owner.longitude,
                status=ModerationStatus.APPROVED,
            )
            for query in queries
        ]
    )
    SoughtSector.objects.bulk_create(
        [
            SoughtSector(initiative=initiative, sector=sector)
            for initiative, query in zip(initiatives, queries, strict=True)
            for sector in query.sought
        ]
    )
    projects_cordis.themes_add(
        {
            initiative.pk: query.text
            for initiative, query in zip(initiatives, queries, strict=True)
        }
    )
    return {
        initiative.pk: query.hidden
        for initiative, query in zip(initiatives, queries, strict=True)
    }


# Rankings: the engine and two baselines ---------------------------------------


Rankings = dict[int, list[int]]  # initiative pk -> organisation pks, best first


def engine_rankings(initiative_ids: list[int], k: int) -> Rankings:
    """What the matching jobs would suggest."""
    lists = compute.suggestions_for_initiatives(initiative_ids, k=k)
    return {
        pk: [suggested.organisation_id for suggested in lists[pk]]
        for pk in initiative_ids
    }


def _owners(initiative_ids) -> dict[int, int]:
    return dict(
        Initiative.objects.filter(pk__in=initiative_ids).values_list("pk", "owner_id")
    )


def past_initiative_counts(exclude_ids) -> Counter:
    """How many approved initiatives each approved organisation owned or was
    a confirmed partner of, leaving out ``exclude_ids``."""
    past = Initiative.objects.filter(status=ModerationStatus.APPROVED).exclude(
        pk__in=exclude_ids
    )
    counts = Counter(
        past.filter(owner__status=ModerationStatus.APPROVED).values_list(
            "owner_id", flat=True
        )
    )
    counts.update(
        InitiativePartner.objects.filter(
            Q(initiative__in=past),
            state=PartnerState.CONFIRMED,
            organisation__status=ModerationStatus.APPROVED,
        ).values_list("organisation_id", flat=True)
    )
    return counts


def popularity_rankings(initiative_ids: list[int], k: int) -> Rankings:
    """The organisations with the most past initiatives, the owner left out."""
    counts = past_initiative_counts(initiative_ids)
    popular = sorted(counts, key=lambda pk: (-counts[pk], pk))[: k + 1]
    owners = _owners(initiative_ids)
    return {
        pk: [other for other in popular if other != owners[pk]][:k]
        for pk in initiative_ids
    }


def text_rankings(initiative_ids: list[int], k: int) -> Rankings:
    """The organisations whose text (their past initiatives' included) is
    nearest the initiative's: TF-IDF cosine, no latent dimensions."""
    registry = registry_load(initiative_ids)
    model = fit_text_model(list(registry.corpus), latent=False)
    similarity = (
        model.transform(list(registry.initiative_texts))
        @ model.transform(list(registry.organisation_texts)).T
    ).toarray()
    owners = _owners(initiative_ids)
    column = {pk: c for c, pk in enumerate(registry.organisation_ids.tolist())}
    rankings = {}
    for row, pk in enumerate(registry.initiative_ids.tolist()):
        if owners[pk] in column:
            similarity[row, column[owners[pk]]] = -np.inf
        best = np.argsort(-similarity[row], kind="stable")[:k]
        rankings[pk] = [int(registry.organisation_ids[c]) for c in best]
    return rankings


# Metrics ---------------------------------------------------------------------


def recall_at(ranked: list[int], hidden: Iterable[int], k: int) -> float:
    """The share of the hidden members among the first ``k`` ranked."""
    hidden = set(hidden)
    if not hidden:
        return 0.0
    return len(hidden.intersection(ranked[:k])) / len(hidden)


def reciprocal_rank(ranked: list[int], hidden: Iterable[int]) -> float:
    """1 / the rank of the first hidden member ranked; 0 if none is."""
    hidden = set(hidden)
    for position, pk in enumerate(ranked, start=1):
        if pk in hidden:
            return 1.0 / position
    return 0.0


@dataclass(frozen=True)
class Scores:
    recall_at_10: float
    recall_at_20: float
    mrr: float


def scores(rankings: Rankings, hidden: dict[int, frozenset[int]]) -> Scores:
    """Recall@10, recall@20 and MRR, each averaged over the queries."""
    if not hidden:
        return Scores(0.0, 0.0, 0.0)

    def mean(values):
        return round(float(np.mean(list(values))), 4)

    first, second = RECALL_AT
    return Scores(
        recall_at_10=mean(
            recall_at(rankings[pk], h, first) for pk, h in hidden.items()
        ),
        recall_at_20=mean(
            recall_at(rankings[pk], h, second) for pk, h in hidden.items()
        ),
        mrr=mean(reciprocal_rank(rankings[pk], h) for pk, h in hidden.items()),
    )


@dataclass(frozen=True)
class Ratio:
    """The engine's recall@k over the better baseline's, and the interval
    that holds it in INTERVAL of the resamples of the queries."""

    value: float
    low: float
    high: float


def recall_ratio(
    rankings: dict[str, Rankings],
    hidden: dict[int, frozenset[int]],
    *,
    baseline: str,
    k: int = RECALL_AT[-1],
) -> Ratio:
    """The engine's recall@k as a multiple of ``baseline``'s, with a paired
    bootstrap over the queries: a few dozen queries leave a wide margin, and
    the interval says whether a target lies inside it."""
    queries = sorted(hidden)
    if not queries:
        return Ratio(0.0, 0.0, 0.0)
    engine, other = (
        np.array([recall_at(rankings[name][pk], hidden[pk], k) for pk in queries])
        for name in ("engine", baseline)
    )
    draws = np.random.default_rng(0).integers(
        0, len(queries), size=(RESAMPLES, len(queries))
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        resampled = engine[draws].mean(axis=1) / other[draws].mean(axis=1)
    resampled = resampled[np.isfinite(resampled)]
    value = engine.mean() / other.mean() if other.mean() else float("inf")
    if not resampled.size:
        return Ratio(float(value), float(value), float(value))
    tail = (1 - INTERVAL) / 2 * 100
    low, high = np.percentile(resampled, [tail, 100 - tail])
    return Ratio(round(float(value), 3), round(float(low), 3), round(float(high), 3))


# The whole run ---------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    cut_off: date | None
    registry_organisations: int
    registry_initiatives: int
    query_projects: int  # in the queries folder
    queries: int  # evaluated
    hidden_members: int
    k: int
    methods: dict[str, Scores]
    # Per query initiative pk: its hidden members and each method's ranking,
    # for tests and diagnostics.
    hidden: dict[int, frozenset[int]]
    rankings: dict[str, Rankings]

    @property
    def best_baseline_recall_at_20(self) -> float:
        return self.methods[self.best_baseline].recall_at_20

    @property
    def best_baseline(self) -> str:
        return max(METHODS[1:], key=lambda name: self.methods[name].recall_at_20)

    @property
    def ratio(self) -> Ratio:
        return recall_ratio(self.rankings, self.hidden, baseline=self.best_baseline)

    @property
    def target_met(self) -> bool:
        return (
            self.methods["engine"].recall_at_20 >= 2 * self.best_baseline_recall_at_20
        )


def evaluate(*, registry: Path, queries: Path, k: int, cut_off=None) -> Evaluation:
    """Imports ``registry``, asks about the projects of ``queries``, scores
    each method, and rolls everything back."""
    with transaction.atomic():
        registry_set_aside()
        registry_import(registry)
        members = registry_members()
        asked = query_projects(queries, members)
        hidden = queries_register(asked)
        ids = sorted(hidden)
        rankings = {
            "engine": engine_rankings(ids, k),
            "popularity": popularity_rankings(ids, k),
            "text": text_rankings(ids, k),
        }
        evaluation = Evaluation(
            cut_off=cut_off,
            registry_organisations=len(members),
            registry_initiatives=Initiative.objects.filter(
                status=ModerationStatus.APPROVED
            ).count()
            - len(ids),
            query_projects=len(_projects_with_members(queries)),
            queries=len(ids),
            hidden_members=sum(len(h) for h in hidden.values()),
            k=k,
            methods={name: scores(rankings[name], hidden) for name in METHODS},
            hidden=hidden,
            rankings=rankings,
        )
        transaction.set_rollback(True)
    return evaluation


def evaluate_shared_data(*, source: Path, k: int) -> Evaluation:
    """Splits ``source`` by start date into a throwaway folder, then
    evaluates on the two parts."""
    with tempfile.TemporaryDirectory(prefix="matching-evaluation-") as folder:
        split = split_by_start_date(source, Path(folder))
        return evaluate(
            registry=split.registry, queries=split.queries, k=k, cut_off=split.cut_off
        )
