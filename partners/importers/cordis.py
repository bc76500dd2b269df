"""Organisations from the CORDIS open data of the European Commission: the
partners of EU research and innovation projects (FP7 and Horizon 2020).

The folder holds organisations.csv, projects.csv and participations.csv (see
its README). Only the organisations are imported so far. The projects become
initiatives once the projects app has them: their importer belongs there (the
projects app may import this one, not the other way round) and can reuse
``csv_files`` and the organisations' external ids for the participations.
"""

import csv
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from partners import geography, services
from partners.importers.csv_files import ImportReport, read_rows
from partners.models import (
    DataSource,
    HelixSector,
    ModerationStatus,
    Organisation,
    OrganisationKind,
)

ORGANISATIONS_FILE = "organisations.csv"
ORGANISATION_COLUMNS = (
    "pic",
    "legal_name",
    "legal_short_name",
    "activity_type",
    "country_code",
    "legal_url",
    "city",
)

# CORDIS activity types on the quadruple helix, each with the nearest kind.
ACTIVITY_TYPES = {
    "HES": (HelixSector.KNOWLEDGE, OrganisationKind.UNIVERSITY),
    "REC": (HelixSector.KNOWLEDGE, OrganisationKind.RESEARCH_INSTITUTE),
    "PRC": (HelixSector.BUSINESS, OrganisationKind.COMPANY),
    "PUB": (HelixSector.GOVERNMENT, OrganisationKind.PUBLIC_BODY),
    "OTH": (HelixSector.CIVIL_SOCIETY, OrganisationKind.NGO),
    # About a hundred organisations have none: better listed without a
    # sector than not at all.
    "": ("", ""),
}

# The imported fields are the source's: a new import overwrites them with
# what CORDIS says now. Everything else (description, themes, tags, contact,
# moderation status, slug) is the hub's and an import never touches it.
IMPORTED_FIELDS = (
    "name",
    "short_name",
    "sector",
    "kind",
    "country",
    "city",
    "website",
    "website_domain",
    "latitude",
    "longitude",
)
BATCH_SIZE = 500
_PIC = re.compile(r"[0-9]{1,40}")

Progress = Callable[..., Iterable]


class RowError(ValueError):
    """Why a row cannot be imported; the message completes "file line N: "."""


def _all_at_once(rows, **kwargs):
    return rows


def organisations_import(
    *, directory: Path, progress: Progress = _all_at_once
) -> ImportReport:
    """Create or update the organisations of the CORDIS folder ``directory``.

    New ones are approved at once (the Commission knows them; there is no
    owner to review them with). A second run with the same file changes
    nothing. Malformed rows are reported and skipped, the rest imported.
    ``progress`` wraps the rows, as ``tqdm`` does, to show how far it got.
    Raises ImportFileError when the file as a whole cannot be imported."""
    report = ImportReport()
    path = Path(directory) / ORGANISATIONS_FILE
    rows = read_rows(path, columns=ORGANISATION_COLUMNS, report=report)
    imported = _parse(progress(rows, desc=path.name), path.name, report)
    with transaction.atomic():
        existing = _existing_by_pic()
        _update(imported, existing, report)
        _create(
            {pic: values for pic, values in imported.items() if pic not in existing},
            report,
        )
    return report


# Reading rows ----------------------------------------------------------------


def _parse(rows, file_name: str, report: ImportReport) -> dict[str, dict]:
    """The imported fields of every valid row, by PIC, in file order."""
    imported, lines = {}, {}
    for line, row in rows:
        pic = _cleaned(row["pic"])
        try:
            if pic in lines:
                raise RowError(
                    _("the pic %(pic)s was already on line %(first)d.")
                    % {"pic": pic, "first": lines[pic]}
                )
            values = organisation_values(row, warn=_warner(report, file_name, line))
        except RowError as error:
            report.reject(file_name, line, str(error))
            continue
        imported[pic], lines[pic] = values, line
    return imported


def _warner(report: ImportReport, file_name: str, line: int):
    return lambda problem: report.warn(file_name, line, problem)


def organisation_values(row: dict[str, str], *, warn=lambda problem: None) -> dict:
    """The organisation's fields from one row of organisations.csv. Raises
    RowError if the row cannot be imported; ``warn`` hears of values left
    out of a row that is imported all the same."""
    row = {column: _cleaned(value) for column, value in row.items()}
    _check_pic(row["pic"])
    name = _name(row["legal_name"])
    sector, kind = _sector_and_kind(row["activity_type"])
    country = _country(row["country_code"])
    city = _city(row["city"], warn)
    website = _website(row["legal_url"], warn)
    coordinates = geography.city_coordinates(city=city, country=country)
    latitude, longitude = coordinates or (None, None)
    return {
        "name": name,
        "short_name": _short_name(row["legal_short_name"], name=name),
        "sector": sector,
        "kind": kind,
        "country": country,
        "city": city,
        "website": website,
        "website_domain": services.website_domain(website),
        "latitude": latitude,
        "longitude": longitude,
    }


def _cleaned(value: str) -> str:
    return _repaired(_unquoted(value.strip()))


def _unquoted(value: str) -> str:
    # A few names were quoted twice, as in "NCSR ""D""" with quotes around it.
    if len(value) < 2 or not (value.startswith('"') and value.endswith('"')):
        return value
    fields = next(csv.reader([value]))
    return fields[0].strip() if len(fields) == 1 else value


def _repaired(value: str) -> str:
    """Undo UTF-8 read as Mac Roman, as in "SAARBR√úCKEN" for "SAARBRÜCKEN":
    a few of the cities came through a Mac that way."""
    if "√" not in value:
        return value
    try:
        return value.encode("mac_roman").decode("utf-8")
    except UnicodeError:
        return value


def _check_pic(pic: str) -> None:
    if not pic:
        raise RowError(_("the pic is missing."))
    # PICs have nine digits today; the external id has room for 40.
    if not _PIC.fullmatch(pic):
        raise RowError(_("the pic '%(pic)s' is not a number.") % {"pic": pic})


def _name(value: str) -> str:
    if not value:
        raise RowError(_("the legal name is missing."))
    limit = Organisation._meta.get_field("name").max_length
    if len(value) > limit:
        raise RowError(
            _("the legal name is longer than %(limit)d characters.") % {"limit": limit}
        )
    return value


def _short_name(value: str, *, name: str) -> str:
    # Many rows repeat the name, and a few give a second name that would not
    # fit where a short name shows: neither is a short name.
    limit = Organisation._meta.get_field("short_name").max_length
    if value.casefold() == name.casefold() or len(value) > limit:
        return ""
    return value


def _sector_and_kind(activity_type: str) -> tuple[str, str]:
    try:
        return ACTIVITY_TYPES[activity_type.upper()]
    except KeyError:
        raise RowError(
            _("unknown activity type '%(code)s'.") % {"code": activity_type}
        ) from None


def _country(value: str) -> str:
    if not value:
        return ""
    code = geography.country_code(value)
    if countries.alpha2(code) != code:
        raise RowError(_("unknown country code '%(code)s'.") % {"code": value})
    return code


# Cities ------------------------------------------------------------------------

_WORD_BOUNDARIES = re.compile(r"([\s\-/(),.]+)")
_PROVINCE_CODE = re.compile(r"\(\w\w\)")
# Left in lower case inside a name, as in "Esch-sur-Alzette" or "all'Adige".
_SMALL_WORDS = frozenset(
    # One line per language reads better than one word per line.
    "a and of on upon "  # noqa: SIM905
    "aan de den op te ter van "
    "am an auf bei der im und von zum zur "
    "d des du en et l la le les sur "
    "al all da dal dalla dei del dell della di sul sull "
    "el las los y".split()
)


def _city(value: str, warn) -> str:
    limit = Organisation._meta.get_field("city").max_length
    if len(value) > limit:
        warn(_("the city is longer than %(limit)d characters.") % {"limit": limit})
        return ""
    return readable_city(value)


def readable_city(value: str) -> str:
    """ "Aix-en-Provence" for "AIX-EN-PROVENCE": CORDIS writes most cities in
    capitals. A city written in mixed case is kept as it is."""
    if not (value.isupper() or value.islower()):
        return value
    parts, first = _WORD_BOUNDARIES.split(value.lower()), True
    for index in range(0, len(parts), 2):
        if parts[index]:
            parts[index] = _capitalised(parts[index], first=first)
            first = False
    # Italian addresses add the province's code: "Bari (BA)".
    return _PROVINCE_CODE.sub(lambda match: match[0].upper(), "".join(parts))


def _capitalised(word: str, *, first: bool) -> str:
    if not first and word in _SMALL_WORDS:
        return word
    head, apostrophe, tail = word.partition("'")
    if not apostrophe or (len(head) > 1 and head not in _SMALL_WORDS):
        return word.capitalize()  # also "Sana'a"
    if not head:
        return word  # the Dutch article in "'s-Hertogenbosch" stays small
    return _capitalised(head, first=first) + apostrophe + tail.capitalize()


# Websites ----------------------------------------------------------------------


def _website(value: str, warn) -> str:
    """The first address (a few rows list several), with https:// if the
    row gives none: most rows say "www.example.org"."""
    address = re.split(r"[\s;]+", value, maxsplit=1)[0].rstrip(",")
    if not address:
        return ""
    if "://" not in address:
        address = f"https://{address}"
    if not _valid_website(address):
        warn(
            _("the website '%(url)s' is not a valid address; imported without it.")
            % {"url": value}
        )
        return ""
    return address


def _valid_website(address: str) -> bool:
    if len(address) > Organisation._meta.get_field("website").max_length:
        return False
    try:
        URLValidator()(address)
    except ValidationError:
        return False
    return True


# Writing -----------------------------------------------------------------------


def _existing_by_pic() -> dict[str, dict]:
    """Every organisation imported from CORDIS before, in one query."""
    return {
        values.pop("external_id"): values
        for values in Organisation.objects.filter(source=DataSource.CORDIS).values(
            "pk", "external_id", *IMPORTED_FIELDS
        )
    }


def _update(imported: dict, existing: dict, report: ImportReport) -> None:
    # Only rows that differ are written, so that a second run leaves
    # updated_at as it was: it tells when CORDIS last changed the profile.
    now, changed = timezone.now(), []
    for pic, values in imported.items():
        known = existing.get(pic)
        if known is None:
            continue
        if all(known[name] == value for name, value in values.items()):
            report.unchanged += 1
            continue
        changed.append(Organisation(pk=known["pk"], updated_at=now, **values))
    # bulk_update sets no auto_now field by itself: updated_at is given.
    Organisation.objects.bulk_update(
        changed, [*IMPORTED_FIELDS, "updated_at"], batch_size=BATCH_SIZE
    )
    report.updated += len(changed)


def _create(new: dict[str, dict], report: ImportReport) -> None:
    if not new:
        return
    now = timezone.now()
    slugs = _unique_slugs([values["name"] for values in new.values()])
    Organisation.objects.bulk_create(
        [
            Organisation(
                **values,
                slug=slug,
                source=DataSource.CORDIS,
                external_id=pic,
                status=ModerationStatus.APPROVED,
                # Current as of this import; CORDIS organisations are kept
                # fresh by importing again, not by the yearly reconfirmation.
                reconfirmed_at=now,
            )
            for (pic, values), slug in zip(new.items(), slugs, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    report.created += len(new)


def _unique_slugs(names: list[str]) -> list[str]:
    """A slug for each name, unique among the organisations and each other.
    All slugs are read in one query: a registry of some tens of thousands of
    organisations fits in memory easily, one query per row would be slow."""
    taken = set(Organisation.objects.values_list("slug", flat=True))
    slugs = []
    for name in names:
        base = services.organisation_slug_base(name)
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs
