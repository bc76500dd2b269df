"""The registry as open data: approved initiatives and organisations as rows
(CSV), records (JSON and the API) and features (GeoJSON).

Only public fields are written. Never the e-mail addresses of users,
memberships, moderation status or reasons, nor the public contact e-mail:
a registrant shows that address to people reading their page, not to
anyone harvesting a bulk download.

Every function takes querysets prepared by ``projects.selectors`` (see
``initiatives_for_open_data`` and ``organisations_for_open_data``) so that
related data comes in a fixed number of queries.
"""

import csv
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin

from django.urls import reverse
from django.utils import translation

from partners.models import Organisation
from partners.models.organisations import (
    SOURCE_ATTRIBUTION as ORGANISATION_ATTRIBUTION,
)
from projects.models import Initiative
from projects.models.initiatives import SOURCE_ATTRIBUTION as INITIATIVE_ATTRIBUTION

LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
HUB_ATTRIBUTION = "Smart Cities Hub"
# Links in the data point at the English pages: one address for everyone,
# whatever language the download was asked for in.
LINK_LANGUAGE = "en"
LIST_SEPARATOR = "; "

INITIATIVE_COLUMNS = [
    "slug",
    "title",
    "url",
    "summary",
    "description",
    "stage",
    "owner",
    "partners",
    "city",
    "country",
    "longitude",
    "latitude",
    "themes",
    "sustainable_development_goals",
    "tags",
    "sectors_sought",
    "expertise_sought",
    "partners_sought",
    "start_date",
    "end_date",
    "source",
    "attribution",
]
ORGANISATION_COLUMNS = [
    "slug",
    "name",
    "short_name",
    "url",
    "sector",
    "kind",
    "description",
    "website",
    "city",
    "country",
    "longitude",
    "latitude",
    "themes",
    "sustainable_development_goals",
    "expertise",
    "offers",
    "offer_tags",
    "seeks",
    "seek_tags",
    "source",
    "attribution",
]


def licence_notice() -> dict:
    """What the JSON and GeoJSON downloads and the API say about reuse."""
    return {
        "licence": LICENCE,
        "attribution": (
            f"{HUB_ATTRIBUTION}. Records whose source is CORDIS: "
            f"{ORGANISATION_ATTRIBUTION['cordis']}"
        ),
    }


def _page_url(root_url: str, url_name: str, slug: str) -> str:
    with translation.override(LINK_LANGUAGE):
        return urljoin(root_url, reverse(url_name, kwargs={"slug": slug}))


def _attribution(table: dict, source: str) -> str:
    text = table.get(source, "")
    with translation.override(LINK_LANGUAGE):
        return str(text)


def _themes(themes, names: dict) -> list[dict]:
    """Each theme by its slug, with its name in every language it has."""
    return [
        {"slug": theme.slug, "name": names.get(str(theme.translation_key), {})}
        for theme in themes
    ]


def initiative_record(
    initiative: Initiative, *, root_url: str, theme_names: dict
) -> dict:
    """An initiative's public fields. ``theme_names`` maps a theme's
    translation key to its names by language (``theme_names_by_language``);
    the initiative carries its ``tag_names`` (``with_tag_names``)."""
    return {
        "slug": initiative.slug,
        "title": initiative.title,
        "url": _page_url(root_url, "projects:initiative_detail", initiative.slug),
        "summary": initiative.summary,
        "description": initiative.description,
        "stage": initiative.stage,
        "owner": initiative.owner.slug,
        "partners": [p.organisation.slug for p in initiative.public_partnerships],
        "city": initiative.city,
        "country": initiative.country.code or "",
        "longitude": initiative.longitude,
        "latitude": initiative.latitude,
        "themes": _themes(initiative.themes.all(), theme_names),
        "sustainable_development_goals": [
            goal.number for goal in initiative.sustainable_development_goals.all()
        ],
        "tags": initiative.tag_names["tags"],
        "sectors_sought": sorted(s.sector for s in initiative.sought_sectors.all()),
        "expertise_sought": initiative.tag_names["expertise_sought"],
        "partners_sought": initiative.partners_sought,
        "start_date": _date(initiative.start_date),
        "end_date": _date(initiative.end_date),
        "source": initiative.source,
        "attribution": _attribution(INITIATIVE_ATTRIBUTION, initiative.source),
    }


def organisation_record(
    organisation: Organisation, *, root_url: str, theme_names: dict
) -> dict:
    """An organisation's public fields (see ``initiative_record``)."""
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "url": _page_url(root_url, "partners:organisation_detail", organisation.slug),
        "sector": organisation.sector,
        "kind": organisation.kind,
        "description": organisation.description,
        "website": organisation.website,
        "city": organisation.city,
        "country": organisation.country.code or "",
        "longitude": organisation.longitude,
        "latitude": organisation.latitude,
        "themes": _themes(organisation.themes.all(), theme_names),
        "sustainable_development_goals": [
            goal.number for goal in organisation.sustainable_development_goals.all()
        ],
        "expertise": organisation.tag_names["expertise"],
        "offers": organisation.offers,
        "offer_tags": organisation.tag_names["offer_tags"],
        "seeks": organisation.seeks,
        "seek_tags": organisation.tag_names["seek_tags"],
        "source": organisation.source,
        "attribution": _attribution(ORGANISATION_ATTRIBUTION, organisation.source),
    }


def theme_record(theme, *, theme_names: dict) -> dict:
    return {
        "slug": theme.slug,
        "name": theme_names.get(str(theme.translation_key), {}),
        "summary": theme.summary,
        "is_perspective": theme.is_perspective,
    }


def sustainable_development_goal_record(goal) -> dict:
    return {
        "number": goal.number,
        "name": {"en": goal.name_en, "nl": goal.name_nl},
        "colour": goal.colour,
    }


def _date(value) -> str | None:
    return value.isoformat() if value else None


# CSV -------------------------------------------------------------------------


class _Echo:
    """A file that hands back what is written, for streaming the CSV writer."""

    def write(self, value):
        return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(
            item["slug"] if isinstance(item, dict) else str(item) for item in value
        )
    return str(value)


def csv_lines(records: Iterable[dict], columns: list[str]) -> Iterator[str]:
    """A header and one line per record; lists are joined with "; ", themes
    by their slugs. A generator, so that a long list streams."""
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for record in records:
        yield writer.writerow([_csv_cell(record[column]) for column in columns])


# GeoJSON ---------------------------------------------------------------------


def geojson_feature(record: dict) -> dict | None:
    """A GeoJSON Point feature (RFC 7946: WGS 84, longitude first) for a
    record that has coordinates; None for one that has not."""
    longitude, latitude = record["longitude"], record["latitude"]
    if longitude is None or latitude is None:
        return None
    properties = {
        key: value
        for key, value in record.items()
        if key not in ("longitude", "latitude")
    }
    return {
        "type": "Feature",
        "id": record["slug"],
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": properties,
    }


def geojson_collection(records: Iterable[dict]) -> dict:
    features = [feature for r in records if (feature := geojson_feature(r))]
    return {"type": "FeatureCollection", **licence_notice(), "features": features}


# Records from querysets --------------------------------------------------------

# Rows fetched at a time: a download of every organisation streams in batches,
# each with its prefetches, instead of loading all at once.
BATCH_SIZE = 2000


def in_batches(queryset, size: int = BATCH_SIZE):
    """``queryset`` as lists of at most ``size`` rows, fetched a batch at a
    time with its prefetches."""
    batch = []
    for item in queryset.iterator(chunk_size=size):
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def records(queryset, to_records):
    """The records of ``queryset``, made a batch at a time by
    ``to_records(batch)``, which may add what a batch needs in a few queries
    (such as ``projects.selectors.with_tag_names``)."""
    for batch in in_batches(queryset):
        yield from to_records(batch)
