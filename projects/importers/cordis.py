"""Initiatives from the CORDIS open data: the EU research and innovation
projects (FP7 and Horizon 2020) of the organisations that
``partners.importers.cordis`` imported, with those organisations as owner
and partners.

projects.csv gives the project, participations.csv its members (see the
folder's README). A project becomes an approved initiative owned by its
coordinator, found by its PIC among the CORDIS organisations; the other
members are its confirmed partners. Themes and goals are inferred from the
call topic and title when a keyword says so clearly (see THEME_KEYWORDS),
and only when the initiative is created: afterwards they are the hub's.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hub.models import Theme
from partners.importers.cordis import Progress, RowError
from partners.importers.csv_files import ImportReport, read_rows
from partners.models import DataSource, ModerationStatus, Organisation
from projects.models import (
    Initiative,
    InitiativePartner,
    InitiativeSource,
    InitiativeStage,
    PartnerState,
)

PROJECTS_FILE = "projects.csv"
PARTICIPATIONS_FILE = "participations.csv"
PROJECT_COLUMNS = (
    "project_id",
    "project_acronym",
    "title",
    "topic_description",
    "start_date",
    "end_date",
)
PARTICIPATION_COLUMNS = ("project_id", "pic", "role")
COORDINATOR = "coordinator"
# Third parties work for a member (subcontracted, say): not partners.
MEMBER_ROLES = frozenset({COORDINATOR, "participant", "partner"})
ROLES = MEMBER_ROLES | {"thirdparty"}

# The source's fields: a new import overwrites them with what CORDIS says
# now. Everything else (slug, themes, goals, tags, moderation) is the hub's.
IMPORTED_FIELDS = (
    "title",
    "summary",
    "description",
    "stage",
    "start_date",
    "end_date",
    "owner_id",
    "city",
    "country",
    "latitude",
    "longitude",
)
# Taken from the coordinator, where the project is run from.
PLACE_FIELDS = ("city", "country", "latitude", "longitude")
BATCH_SIZE = 500

# A theme (slug of hub.Theme) and its goal when the call topic or title says
# one of the words. Words, not guesses: an initiative no word fits gets no
# theme rather than a wrong one.
THEME_KEYWORDS = (
    ("climate-mitigation-energy", 7, ("energ", "renewable", "heating")),
    ("mobility", 11, ("transport", "mobility", "vehicle")),
    ("climate-adaptation", 13, ("water", "flood", "adaptation")),
    ("digital-transformation", 9, (r"ict\b", "digital", "data")),
    ("circular-economy", 12, ("waste", "circular", "recycl")),
    ("healthy-urban-living", 3, ("health",)),
)
_THEME_PATTERNS = tuple(
    (slug, goal, re.compile(r"\b(?:" + "|".join(words) + ")", re.IGNORECASE))
    for slug, goal, words in THEME_KEYWORDS
)
_NUMBER = re.compile(r"[0-9]{1,40}")


def themes_inferred(text: str) -> list[tuple[str, int]]:
    """The (theme slug, SDG number) pairs whose keywords ``text`` contains."""
    return [
        (slug, goal) for slug, goal, pattern in _THEME_PATTERNS if pattern.search(text)
    ]


def _all_at_once(rows, **kwargs):
    return rows


@dataclass
class _Project:
    line: int
    values: dict
    text: str  # what themes are inferred from
    coordinators: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)


def initiatives_import(
    *, directory: Path, progress: Progress = _all_at_once
) -> ImportReport | None:
    """Create or update the initiatives of the CORDIS folder ``directory``
    from its projects, after its organisations were imported.

    Returns None when the folder has no projects.csv (a folder of
    organisations only). A second run with the same files changes nothing.
    Malformed rows, and projects whose coordinator is not among the CORDIS
    organisations, are reported and skipped. Raises ImportFileError when a
    file as a whole cannot be imported."""
    directory = Path(directory)
    if not (directory / PROJECTS_FILE).exists():
        return None
    report = ImportReport()
    projects, listed = _read_projects(directory / PROJECTS_FILE, progress, report)
    _read_participations(
        directory / PARTICIPATIONS_FILE, projects, listed, progress, report
    )
    with transaction.atomic():
        imported = _with_organisations(projects, report)
        existing = _existing_by_project_id()
        _update(imported, existing, report)
        _create(
            {key: value for key, value in imported.items() if key not in existing},
            report,
        )
    return report


# Reading projects.csv --------------------------------------------------------


def _read_projects(
    path: Path, progress, report: ImportReport
) -> tuple[dict[str, _Project], set[str]]:
    """The valid projects by id, and every project id the file lists: the
    participations of a project rejected here are left out without a
    message each."""
    rows = read_rows(path, columns=PROJECT_COLUMNS, report=report)
    projects: dict[str, _Project] = {}
    listed = set()
    for line, row in progress(rows, desc=path.name):
        row = {column: value.strip() for column, value in row.items()}
        listed.add(row["project_id"])
        try:
            project_id = _project_id(row["project_id"], projects)
            values = initiative_values(row)
        except RowError as error:
            report.reject(path.name, line, str(error))
            continue
        text = f"{row['title']} {row['topic_description']}"
        projects[project_id] = _Project(line=line, values=values, text=text)
    return projects, listed


def _project_id(value: str, projects: dict[str, _Project]) -> str:
    if not value:
        raise RowError(_("the project id is missing."))
    if not _NUMBER.fullmatch(value):
        raise RowError(_("the project id '%(id)s' is not a number.") % {"id": value})
    if value in projects:
        raise RowError(
            _("the project id %(id)s was already on line %(first)d.")
            % {"id": value, "first": projects[value].line}
        )
    return value


def initiative_values(row: dict[str, str], *, today: date | None = None) -> dict:
    """The initiative's own fields from one row of projects.csv (the owner
    and place come from its coordinator). Raises RowError if the row cannot
    be imported."""
    acronym, title = row["project_acronym"], row["title"] or row["project_acronym"]
    if not title:
        raise RowError(_("the project has neither a title nor an acronym."))
    start, end = _date(row["start_date"]), _date(row["end_date"])
    if start and end and end < start:
        raise RowError(_("the project ends before it starts."))
    today = today or timezone.localdate()
    summary = f"{acronym}: {title}" if acronym and acronym != title else title
    return {
        "title": _shortened(title, Initiative, "title"),
        "summary": _shortened(summary, Initiative, "summary"),
        "description": _shortened(row["topic_description"], Initiative, "description"),
        "stage": (
            InitiativeStage.COMPLETED
            if end and end < today
            else InitiativeStage.RUNNING
        ),
        "start_date": start,
        "end_date": end,
    }


def _date(value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RowError(
            _("the date '%(date)s' is not a date written as YYYY-MM-DD.")
            % {"date": value}
        ) from None


def _shortened(text: str, model, name: str) -> str:
    """``text`` cut at a word to fit the field, with an ellipsis: a few
    titles are longer than the hub allows."""
    limit = model._meta.get_field(name).max_length
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


# Reading participations.csv --------------------------------------------------


def _read_participations(
    path: Path, projects: dict[str, _Project], listed: set, progress, report
) -> None:
    """Add each participation's PIC to its project's coordinators and
    members, in file order."""
    rows = read_rows(path, columns=PARTICIPATION_COLUMNS, report=report)
    for line, row in progress(rows, desc=path.name):
        row = {column: value.strip() for column, value in row.items()}
        try:
            project = _participation_project(row["project_id"], projects, listed)
            pic, role = _pic(row["pic"]), _role(row["role"])
        except RowError as error:
            report.reject(path.name, line, str(error))
            continue
        if project is None or role not in MEMBER_ROLES or pic in project.members:
            continue
        project.members.append(pic)
        if role == COORDINATOR:
            project.coordinators.append(pic)


def _participation_project(value: str, projects: dict, listed: set):
    if value in projects:
        return projects[value]
    if value in listed:  # rejected in projects.csv
        return None
    raise RowError(_("the project %(id)s is not in projects.csv.") % {"id": value})


def _pic(value: str) -> str:
    if not value:
        raise RowError(_("the pic is missing."))
    if not _NUMBER.fullmatch(value):
        raise RowError(_("the pic '%(pic)s' is not a number.") % {"pic": value})
    return value


def _role(value: str) -> str:
    role = value.lower()
    if role not in ROLES:
        raise RowError(_("unknown role '%(role)s'.") % {"role": value})
    return role


# Owners and partners -----------------------------------------------------------


def _with_organisations(projects: dict[str, _Project], report: ImportReport) -> dict:
    """By project id: the initiative's fields with its owner and place, its
    partners' primary keys and the text to infer themes from. Projects
    without a known coordinator are reported and left out."""
    organisations = _cordis_organisations()
    imported = {}
    for project_id, project in projects.items():
        try:
            owner = _owner(project, organisations)
        except RowError as error:
            report.reject(PROJECTS_FILE, project.line, str(error))
            continue
        _warn_of_unknown_members(project, organisations, report)
        partners = {
            organisations[pic]["pk"]
            for pic in project.members
            if pic in organisations and organisations[pic]["pk"] != owner["pk"]
        }
        values = {
            **project.values,
            "owner_id": owner["pk"],
            **{name: owner[name] for name in PLACE_FIELDS},
        }
        imported[project_id] = (values, partners, project.text)
    return imported


def _cordis_organisations() -> dict[str, dict]:
    """The CORDIS organisations by PIC, with their place, in one query."""
    return {
        values["external_id"]: values
        for values in Organisation.objects.filter(source=DataSource.CORDIS).values(
            "pk", "external_id", *PLACE_FIELDS
        )
    }


def _owner(project: _Project, organisations: dict) -> dict:
    if not project.coordinators:
        raise RowError(_("the project has no coordinator in participations.csv."))
    # Three projects name two coordinators. The first one known leads; the
    # other is a partner like the other members.
    for pic in project.coordinators:
        if pic in organisations:
            return organisations[pic]
    raise RowError(
        _("its coordinator (pic %(pic)s) is not among the imported organisations.")
        % {"pic": project.coordinators[0]}
    )


def _warn_of_unknown_members(
    project: _Project, organisations: dict, report: ImportReport
) -> None:
    for pic in project.members:
        if pic not in organisations:
            report.warn(
                PROJECTS_FILE,
                project.line,
                _(
                    "the member with pic %(pic)s is not among the imported "
                    "organisations; imported without it."
                )
                % {"pic": pic},
            )


# Writing -----------------------------------------------------------------------


def _existing_by_project_id() -> dict[str, dict]:
    """Every initiative imported from CORDIS before, with its partners, in
    two queries."""
    existing = {
        values.pop("external_id"): {**values, "partners": set()}
        for values in Initiative.objects.filter(source=InitiativeSource.CORDIS).values(
            "pk", "external_id", *IMPORTED_FIELDS
        )
    }
    by_pk = {values["pk"]: values for values in existing.values()}
    for initiative_id, organisation_id in InitiativePartner.objects.filter(
        initiative__source=InitiativeSource.CORDIS
    ).values_list("initiative_id", "organisation_id"):
        by_pk[initiative_id]["partners"].add(organisation_id)
    return existing


def _update(imported: dict, existing: dict, report: ImportReport) -> None:
    # Only what differs is written, so that a second run leaves updated_at
    # as it was.
    now, changed, added, removed = timezone.now(), [], [], []
    for project_id, (values, partners, _text) in imported.items():
        known = existing.get(project_id)
        if known is None:
            continue
        fields_same = all(_same(known[name], value) for name, value in values.items())
        if fields_same and known["partners"] == partners:
            report.unchanged += 1
            continue
        report.updated += 1
        if not fields_same:
            changed.append(Initiative(pk=known["pk"], updated_at=now, **values))
        added += [(known["pk"], pk) for pk in partners - known["partners"]]
        removed += [(known["pk"], pk) for pk in known["partners"] - partners]
    Initiative.objects.bulk_update(
        changed, [*IMPORTED_FIELDS, "updated_at"], batch_size=BATCH_SIZE
    )
    _partners_add(added)
    _partners_remove(removed)


def _same(stored, imported) -> bool:
    # A blank country is stored as "" and read back as ""; coordinates as
    # None. Both mean "not known".
    return (stored or None) == (imported or None)


def _partners_add(pairs: list[tuple[int, int]]) -> None:
    # The Commission published who took part: nobody is left to confirm.
    now = timezone.now()
    InitiativePartner.objects.bulk_create(
        [
            InitiativePartner(
                initiative_id=initiative_id,
                organisation_id=organisation_id,
                state=PartnerState.CONFIRMED,
                answered_at=now,
                partner_notified_at=now,
            )
            for initiative_id, organisation_id in pairs
        ],
        batch_size=BATCH_SIZE,
    )


def _partners_remove(pairs: list[tuple[int, int]]) -> None:
    by_initiative = defaultdict(list)
    for initiative_id, organisation_id in pairs:
        by_initiative[initiative_id].append(organisation_id)
    for initiative_id, organisation_ids in by_initiative.items():
        InitiativePartner.objects.filter(
            initiative_id=initiative_id, organisation_id__in=organisation_ids
        ).delete()


def _create(new: dict, report: ImportReport) -> None:
    if not new:
        return
    slugs = _unique_slugs([values["title"] for values, _p, _t in new.values()])
    initiatives = Initiative.objects.bulk_create(
        [
            Initiative(
                **values,
                slug=slug,
                source=InitiativeSource.CORDIS,
                external_id=project_id,
                status=ModerationStatus.APPROVED,
            )
            for (project_id, (values, _p, _t)), slug in zip(
                new.items(), slugs, strict=True
            )
        ],
        batch_size=BATCH_SIZE,
    )
    pairs, texts = [], {}
    for initiative, (_values, partners, text) in zip(
        initiatives, new.values(), strict=True
    ):
        pairs += [(initiative.pk, pk) for pk in sorted(partners)]
        texts[initiative.pk] = text
    _partners_add(pairs)
    themes_add(texts)
    report.created += len(new)


def themes_add(texts: dict[int, str]) -> None:
    """Themes and goals inferred from each new initiative's text. Themes
    missing from the site (no demo content, say) are left out."""
    themes = dict(
        Theme.objects.filter(locale__language_code=settings.LANGUAGE_CODE).values_list(
            "slug", "pk"
        )
    )
    theme_rows, goal_rows = [], []
    ThemeLink = Initiative.themes.through
    GoalLink = Initiative.sustainable_development_goals.through
    for initiative_id, text in texts.items():
        for slug, goal in themes_inferred(text):
            if slug in themes:
                theme_rows.append(
                    ThemeLink(initiative_id=initiative_id, theme_id=themes[slug])
                )
                goal_rows.append(
                    GoalLink(
                        initiative_id=initiative_id, sustainabledevelopmentgoal_id=goal
                    )
                )
    ThemeLink.objects.bulk_create(theme_rows, batch_size=BATCH_SIZE)
    GoalLink.objects.bulk_create(goal_rows, batch_size=BATCH_SIZE)


def _unique_slugs(titles: list[str]) -> list[str]:
    """A slug for each title, unique among the initiatives and each other,
    with all slugs taken read in one query."""
    taken = set(Initiative.objects.values_list("slug", flat=True))
    slugs = []
    for title in titles:
        base = slugify(title)[:200].rstrip("-") or "initiative"
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs
