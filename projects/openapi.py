"""The OpenAPI 3.1 description of the read-only API (``projects.views.api``).

Kept beside the serialisation in ``projects.open_data``: the tests check
that real answers conform to these schemas, so the two cannot drift apart.
"""

from partners.models import HelixSector, OrganisationKind
from projects.models import InitiativeStage
from projects.open_data_filters import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

VERSION = "1.0.0"
REF = "#/components/schemas/"


def _ref(name: str) -> dict:
    return {"$ref": REF + name}


def _nullable(type_: str, **extra) -> dict:
    return {"type": [type_, "null"], **extra}


def _strings() -> dict:
    return {"type": "array", "items": {"type": "string"}}


def _object(properties: dict, description: str = "") -> dict:
    schema = {
        "type": "object",
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


NAMES = {
    "type": "object",
    "description": "The name in each language it has, by language code.",
    "properties": {"en": {"type": "string"}, "nl": {"type": "string"}},
    "additionalProperties": {"type": "string"},
}
PLACE = {
    "city": {"type": "string"},
    "country": {
        "type": "string",
        "description": "ISO 3166-1 alpha-2 code, or empty when unknown.",
        "pattern": "^([A-Z]{2})?$",
    },
    "longitude": _nullable("number", minimum=-180, maximum=180),
    "latitude": _nullable("number", minimum=-90, maximum=90),
}
CLASSIFICATION = {
    "themes": {"type": "array", "items": _ref("ThemeReference")},
    "sustainable_development_goals": {
        "type": "array",
        "items": {"type": "integer", "minimum": 1, "maximum": 17},
    },
}
SOURCE = {
    "source": {"type": "string", "enum": ["registered", "cordis"]},
    "attribution": {
        "type": "string",
        "description": "The attribution the source's licence requires, if any.",
    },
}


def _schemas() -> dict:
    return {
        "Licence": _object(
            {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}}
        ),
        "Error": {
            "type": "object",
            "required": ["detail"],
            "properties": {
                "detail": {"type": "string"},
                "errors": {
                    "type": "object",
                    "description": "The messages for each parameter that was wrong.",
                    "additionalProperties": _strings(),
                },
            },
        },
        "ThemeReference": _object({"slug": {"type": "string"}, "name": NAMES}),
        "Theme": _object(
            {
                "slug": {"type": "string"},
                "name": NAMES,
                "summary": {"type": "string"},
                "is_perspective": {"type": "boolean"},
            }
        ),
        "SustainableDevelopmentGoal": _object(
            {
                "number": {"type": "integer", "minimum": 1, "maximum": 17},
                "name": NAMES,
                "colour": {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"},
            }
        ),
        "Initiative": _object(
            {
                "slug": {"type": "string"},
                "title": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
                "summary": {"type": "string"},
                "description": {"type": "string"},
                "stage": {"type": "string", "enum": InitiativeStage.values},
                "owner": {
                    "type": "string",
                    "description": "The slug of the owner organisation.",
                },
                "partners": {
                    **_strings(),
                    "description": "The slugs of the confirmed partners.",
                },
                **PLACE,
                **CLASSIFICATION,
                "tags": _strings(),
                "sectors_sought": {
                    "type": "array",
                    "items": {"type": "string", "enum": HelixSector.values},
                },
                "expertise_sought": _strings(),
                "partners_sought": {"type": "string"},
                "start_date": _nullable("string", format="date"),
                "end_date": _nullable("string", format="date"),
                **SOURCE,
            },
            "An approved initiative. Contact addresses are not published here.",
        ),
        "Organisation": _object(
            {
                "slug": {"type": "string"},
                "name": {"type": "string"},
                "short_name": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
                "sector": {"type": "string", "enum": ["", *HelixSector.values]},
                "kind": {"type": "string", "enum": ["", *OrganisationKind.values]},
                "description": {"type": "string"},
                "website": {"type": "string"},
                **PLACE,
                **CLASSIFICATION,
                "expertise": _strings(),
                "offers": {"type": "string"},
                "offer_tags": _strings(),
                "seeks": {"type": "string"},
                "seek_tags": _strings(),
                **SOURCE,
            },
            "An approved organisation. Contact addresses are not published here.",
        ),
        **{f"{name}List": _list_of(name) for name in LISTED},
    }


LISTED = ["Initiative", "Organisation", "Theme", "SustainableDevelopmentGoal"]


def _list_of(name: str) -> dict:
    return _object(
        {
            "count": {"type": "integer", "minimum": 0},
            "next": _nullable("string", format="uri"),
            "previous": _nullable("string", format="uri"),
            "licence": _ref("Licence"),
            "attribution": {"type": "string"},
            "results": {"type": "array", "items": _ref(name)},
        },
        "One page of the list; follow next until it is null.",
    )


def _query(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


PAGING = [
    _query("page", "Which page, from 1.", {"type": "integer", "minimum": 1}),
    _query(
        "page_size",
        f"Results on a page (default {DEFAULT_PAGE_SIZE}, at most {MAX_PAGE_SIZE}).",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
    ),
]
SHARED_FACETS = [
    _query("q", "Words to search for in the names and texts.", {"type": "string"}),
    _query("theme", "A theme's slug (see /themes/).", {"type": "string"}),
    _query("sdg", "A goal's number.", {"type": "integer", "minimum": 1, "maximum": 17}),
    _query(
        "country",
        "An ISO 3166-1 alpha-2 code, such as NL.",
        {"type": "string", "pattern": "^[A-Z]{2}$"},
    ),
    _query("city", "A city's name, in any case.", {"type": "string"}),
]
INITIATIVE_FACETS = [
    *SHARED_FACETS,
    _query("stage", "The stage.", {"type": "string", "enum": InitiativeStage.values}),
    _query(
        "sector",
        "A helix sector the initiative seeks partners in.",
        {"type": "string", "enum": HelixSector.values},
    ),
]
ORGANISATION_FACETS = [
    *SHARED_FACETS,
    _query(
        "sector",
        "The organisation's helix sector.",
        {"type": "string", "enum": HelixSector.values},
    ),
    _query(
        "kind",
        "The kind of organisation.",
        {"type": "string", "enum": OrganisationKind.values},
    ),
]


def _response(description: str, schema_name: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref(schema_name)}},
    }


ERRORS = {
    "405": _response("Only GET and HEAD are answered.", "Error"),
}


def _list_path(summary: str, name: str, parameters: list) -> dict:
    return {
        "get": {
            "summary": summary,
            "operationId": f"list{name}s",
            "parameters": [*parameters, *PAGING],
            "responses": {
                "200": _response("A page of results.", f"{name}List"),
                "400": _response("A parameter has a value that is not known.", "Error"),
                "404": _response("The page asked for is past the last.", "Error"),
                **ERRORS,
            },
        }
    }


def _detail_path(summary: str, name: str) -> dict:
    return {
        "get": {
            "summary": summary,
            "operationId": f"get{name}",
            "parameters": [
                {
                    "name": "slug",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                }
            ],
            "responses": {
                "200": _response(f"The {name.lower()}.", name),
                "404": _response("No public record has this slug.", "Error"),
                **ERRORS,
            },
        }
    }


def document(*, server_url: str) -> dict:
    """The OpenAPI document, with ``server_url`` (the site's root) as server."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Smart Cities Hub open data API",
            "version": VERSION,
            "description": (
                "Read-only access to the approved initiatives and organisations "
                "of the Smart Cities Hub registry, its themes and the UN "
                "Sustainable Development Goals. Nothing awaiting review, "
                "rejected, suspended or paused is ever listed."
            ),
            "license": {
                "name": "CC BY 4.0",
                "identifier": "CC-BY-4.0",
            },
        },
        "servers": [{"url": server_url.rstrip("/") + "/api/v1"}],
        "paths": {
            "/initiatives/": _list_path(
                "Approved initiatives", "Initiative", INITIATIVE_FACETS
            ),
            "/initiatives/{slug}/": _detail_path("One initiative", "Initiative"),
            "/organisations/": _list_path(
                "Approved organisations", "Organisation", ORGANISATION_FACETS
            ),
            "/organisations/{slug}/": _detail_path("One organisation", "Organisation"),
            "/themes/": _list_path("Themes", "Theme", []),
            "/sdgs/": _list_path(
                "Sustainable Development Goals", "SustainableDevelopmentGoal", []
            ),
        },
        "components": {"schemas": _schemas()},
    }
