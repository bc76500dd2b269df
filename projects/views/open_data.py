"""The open-data page and the downloads of approved initiatives and
organisations as CSV, JSON and GeoJSON."""

import functools
import json

from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from hub.seo import site_root_url, view_head
from partners import selectors as partner_selectors
from projects import open_data, selectors
from projects.open_data_filters import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    initiative_facets,
    organisation_facets,
)

FORMATS = ("csv", "json", "geojson")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
}
# Facets that only one of the two datasets has; the links leave the other out.
INITIATIVE_ONLY = {"stage"}
ORGANISATION_ONLY = {"kind"}
FILENAME = "smart-cities-hub-{dataset}.{format}"


@require_safe
def open_data_page(request):
    """What the datasets hold, under which licence, and a link to each
    download with the filters of the address."""
    title = _("Open data")
    description = _(
        "Download the approved initiatives and organisations of the registry "
        "as CSV, JSON or GeoJSON, or read them through the API."
    )
    return TemplateResponse(
        request,
        "projects/open_data.html",
        {
            "title": title,
            "description": description,
            "downloads": _downloads(request.GET),
            "is_filtered": bool(_query(request.GET, exclude=set())),
            "licence": open_data.LICENCE,
            "api_root": request.build_absolute_uri(reverse("api:root")),
            "seo": view_head(request, title=title, description=description),
        },
    )


def _query(query_dict, *, exclude: set) -> str:
    query = query_dict.copy()
    for name in {"page", "page_size", *exclude}:
        query.pop(name, None)
    return query.urlencode()


def _downloads(query_dict) -> list[dict]:
    datasets = [
        (_("Initiatives"), "projects:initiatives_export", ORGANISATION_ONLY),
        (_("Organisations"), "projects:organisations_export", INITIATIVE_ONLY),
    ]
    return [
        {
            "name": name,
            "links": [
                (format.upper() if format != "geojson" else "GeoJSON", url)
                for format in FORMATS
                for url in [_export_url(url_name, format, query_dict, exclude)]
            ],
        }
        for name, url_name, exclude in datasets
    ]


def _export_url(url_name, format, query_dict, exclude) -> str:
    url = reverse(url_name, kwargs={"format": format})
    query = _query(query_dict, exclude=exclude)
    return f"{url}?{query}" if query else url


@require_safe
def initiatives_export(request, format):
    filters, errors = initiative_facets(request.GET)
    if errors:
        return _bad_filters(errors)
    queryset = selectors.initiatives_for_open_data(
        selectors.initiatives_filtered(selectors.initiatives_public(), **filters)
    )
    records = open_data.records(
        queryset.order_by("slug"), records_maker(request, "initiatives")
    )
    return _download(records, "initiatives", format, open_data.INITIATIVE_COLUMNS)


@require_safe
def organisations_export(request, format):
    filters, errors = organisation_facets(request.GET)
    if errors:
        return _bad_filters(errors)
    queryset = selectors.organisations_for_open_data(
        partner_selectors.organisations_filtered(
            partner_selectors.organisations_public(), **filters
        )
    )
    records = open_data.records(
        queryset.order_by("slug"), records_maker(request, "organisations")
    )
    return _download(records, "organisations", format, open_data.ORGANISATION_COLUMNS)


def records_maker(request, dataset: str):
    """A function that makes the records of a batch of ``dataset``
    ("initiatives" or "organisations"), with what all records of the request
    share fetched once, and the batch's tags in a query per kind."""
    tag_models, record = {
        "initiatives": (selectors.INITIATIVE_TAGS, open_data.initiative_record),
        "organisations": (selectors.ORGANISATION_TAGS, open_data.organisation_record),
    }[dataset]
    to_record = functools.partial(
        record,
        root_url=site_root_url(request),
        theme_names=selectors.theme_names_by_language(),
    )

    def to_records(batch: list) -> list[dict]:
        return [
            to_record(item)
            for item in selectors.with_tag_names(batch, tag_models=tag_models)
        ]

    return to_records


def _download(records, dataset: str, format: str, columns: list[str]):
    if format == "csv":
        response = StreamingHttpResponse(
            open_data.csv_lines(records, columns), content_type=CONTENT_TYPES["csv"]
        )
    else:
        response = HttpResponse(
            json.dumps(_document(records, dataset, format), ensure_ascii=False),
            content_type=CONTENT_TYPES[format],
        )
    filename = FILENAME.format(dataset=dataset, format=format)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A CSV file has no place for the licence: the header names it.
    response["Link"] = f'<{open_data.LICENCE["url"]}>; rel="license"'
    return response


def _document(records, dataset: str, format: str) -> dict:
    if format == "geojson":
        return open_data.geojson_collection(records)
    rows = list(records)
    return {**open_data.licence_notice(), "count": len(rows), dataset: rows}


def _bad_filters(errors: dict) -> HttpResponseBadRequest:
    lines = [_("The download was not made: a filter has a value we do not know.")]
    lines += [message for messages in errors.values() for message in messages]
    return HttpResponseBadRequest(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


@require_safe
def api_docs_page(request):
    """The API explained in words, with a link to its OpenAPI document."""
    title = _("Open data API")
    description = _(
        "A read-only JSON API for the approved initiatives and organisations, "
        "the themes and the Sustainable Development Goals."
    )
    return TemplateResponse(
        request,
        "projects/api_docs.html",
        {
            "title": title,
            "description": description,
            "api_root": request.build_absolute_uri(reverse("api:root")),
            "openapi_url": request.build_absolute_uri(reverse("api:openapi")),
            "licence": open_data.LICENCE,
            "max_page_size": MAX_PAGE_SIZE,
            "default_page_size": DEFAULT_PAGE_SIZE,
            "seo": view_head(request, title=title, description=description),
        },
    )
