"""The read-only JSON API: approved initiatives and organisations, the themes
and the SDGs, paginated and filterable by the same facets as the lists.

Its addresses carry no language; error messages follow the request's
Accept-Language. The OpenAPI document (``projects.openapi``) describes it.
"""

import functools

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from partners import selectors as partner_selectors
from projects import open_data, openapi, selectors
from projects.open_data_filters import (
    DEFAULT_PAGE_SIZE,
    PageForm,
    initiative_facets,
    organisation_facets,
)
from projects.views.open_data import records_maker

SAFE_METHODS = ("GET", "HEAD")
# The URLconf of the API alone, which has no language prefixes; see _json.
API_URLCONF = "projects.api_urls"


def _json(request, data: dict, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        data, status=status, json_dumps_params={"ensure_ascii": False}
    )
    # Django's LocaleMiddleware answers a 404 outside the language prefixes
    # with a redirect to the same address under /en/, where Wagtail's pages
    # would answer. Judged by the API's own URLconf, the API's 404 stays one.
    request.urlconf = API_URLCONF
    return response


def _error(request, status: int, detail: str, errors: dict | None = None):
    body = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return _json(request, body, status=status)


def api_view(view):
    """Only GET and HEAD; anything else is answered 405 in JSON. Exempt from
    the CSRF check, which would otherwise answer a POST first with an HTML
    403: no view of the API changes anything."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            response = _error(request, 405, _("This API only reads: use GET or HEAD."))
            response["Allow"] = ", ".join(SAFE_METHODS)
            return response
        return view(request, *args, **kwargs)

    return wrapper


def _page(request, queryset, to_records):
    """The envelope of every list: ``count``, ``next``, ``previous`` and the
    ``results`` of the page asked for, made by ``to_records(items)``."""
    form = PageForm(request.GET)
    if not form.is_valid():
        return _bad_filters(request, form.errors)
    number = form.cleaned_data["page"] or 1
    size = form.cleaned_data["page_size"] or DEFAULT_PAGE_SIZE
    count = queryset.count()
    last = max(1, -(-count // size))
    if number > last:
        return _error(
            request, 404, _("There is no page %(number)s.") % {"number": number}
        )
    start = (number - 1) * size
    return _json(
        request,
        {
            "count": count,
            "next": _page_url(request, number + 1) if number < last else None,
            "previous": _page_url(request, number - 1) if number > 1 else None,
            **open_data.licence_notice(),
            "results": to_records(list(queryset[start : start + size])),
        },
    )


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _bad_filters(request, errors) -> JsonResponse:
    return _error(
        request,
        400,
        _("A parameter has a value we do not know; see errors."),
        {name: list(messages) for name, messages in errors.items()},
    )


@api_view
def api_root(request):
    return _json(
        request,
        {
            name: request.build_absolute_uri(reverse(f"api:{name}"))
            for name in ("initiatives", "organisations", "themes", "sdgs", "openapi")
        },
    )


@api_view
def initiatives(request):
    filters, errors = initiative_facets(request.GET)
    if errors:
        return _bad_filters(request, errors)
    queryset = selectors.initiatives_for_open_data(
        selectors.initiatives_filtered(selectors.initiatives_public(), **filters)
    ).order_by("slug")
    return _page(request, queryset, records_maker(request, "initiatives"))


@api_view
def initiative(request, slug):
    found = selectors.initiatives_for_open_data(
        selectors.initiatives_public().filter(slug=slug)
    ).first()
    if found is None:
        return _error(request, 404, _("There is no public initiative with this slug."))
    return _json(request, records_maker(request, "initiatives")([found])[0])


@api_view
def organisations(request):
    filters, errors = organisation_facets(request.GET)
    if errors:
        return _bad_filters(request, errors)
    queryset = selectors.organisations_for_open_data(
        partner_selectors.organisations_filtered(
            partner_selectors.organisations_public(), **filters
        )
    ).order_by("slug")
    return _page(request, queryset, records_maker(request, "organisations"))


@api_view
def organisation(request, slug):
    found = selectors.organisations_for_open_data(
        partner_selectors.organisations_public().filter(slug=slug)
    ).first()
    if found is None:
        return _error(
            request, 404, _("There is no public organisation with this slug.")
        )
    return _json(request, records_maker(request, "organisations")([found])[0])


@api_view
def themes(request):
    names = selectors.theme_names_by_language()
    return _page(
        request,
        selectors.themes_public().order_by("sort_order", "slug"),
        lambda items: [open_data.theme_record(t, theme_names=names) for t in items],
    )


@api_view
def sdgs(request):
    return _page(
        request,
        selectors.sustainable_development_goals(),
        lambda items: [open_data.sustainable_development_goal_record(g) for g in items],
    )


@api_view
def openapi_document(request):
    return _json(request, openapi.document(server_url=request.build_absolute_uri("/")))


@api_view
def not_found(request, path=""):
    return _error(request, 404, _("There is nothing at this address in the API."))
