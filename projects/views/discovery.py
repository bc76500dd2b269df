"""The public list of initiatives, its map data and each initiative's page."""

from csp.decorators import csp_update
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_countries import countries

from hub.models import SustainableDevelopmentGoal
from hub.seo import view_head
from partners import selectors as partner_selectors
from projects import selectors
from projects.filters import InitiativeFilterForm
from projects.matching import suggestions

PAGE_SIZE = 20
RESULTS_TEMPLATE = "projects/includes/initiative_results.html"


def _filter_form(request, translations: dict) -> InitiativeFilterForm:
    return InitiativeFilterForm(
        request.GET,
        themes=partner_selectors.themes_to_filter_by(translations=translations),
        goals=SustainableDevelopmentGoal.objects.all(),
        countries=_country_choices(selectors.countries_of_public_initiatives()),
    )


def _filtered(form: InitiativeFilterForm):
    return selectors.initiatives_filtered(
        selectors.initiatives_public(), **form.filters
    )


@require_safe
@csp_update({"img-src": [settings.INITIATIVE_MAP_TILE_ORIGIN]})
def initiative_list(request):
    """Public initiatives, searchable, filterable and in the chosen order,
    with a map of them. Without JavaScript the form reloads the page and the
    map is left out; with htmx only the results (and the map's markers)
    change."""
    translations = partner_selectors.theme_translations(language_code=get_language())
    form = _filter_form(request, translations)
    context = _results(request, form, translations)
    if _wants_results_only(request):
        context["results_only"] = True
        response = TemplateResponse(request, RESULTS_TEMPLATE, context)
    else:
        context |= {"form": form, "map": _map_settings(), **_list_head(request)}
        response = TemplateResponse(request, "projects/initiative_list.html", context)
    # The same address answers with a whole page or only its results.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _results(request, form: InitiativeFilterForm, translations: dict) -> dict:
    filters = form.filters
    initiatives = selectors.initiatives_sorted(
        _filtered(form), sort=form.order, q=filters.get("q", "")
    )
    page = Paginator(selectors.initiatives_for_cards(initiatives), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    partner_selectors.with_theme_list(page, translations=translations)
    return {
        "initiatives": page,
        "query_without_page": _query_without_page(request),
        "is_filtered": bool(filters),
    }


def _map_settings() -> dict:
    attribution = settings.INITIATIVE_MAP_ATTRIBUTION or _(
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
        "contributors"
    )
    return {"tile_url": settings.INITIATIVE_MAP_TILE_URL, "attribution": attribution}


def _list_head(request) -> dict:
    title = _("Initiatives")
    description = _(
        "Smart-city initiatives looking for partners: ideas, plans and running "
        "projects of municipalities, companies, knowledge institutions and "
        "citizens."
    )
    return {
        "title": title,
        "description": description,
        "seo": view_head(request, title=title, description=description),
    }


def _country_choices(codes: list[str]) -> list[tuple[str, str]]:
    # Sorted by the name the visitor reads, in their language.
    return sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _wants_results_only(request) -> bool:
    # htmx restoring a page that fell out of its history cache wants all of it.
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


@require_safe
def initiative_map_data(request):
    """The filtered public initiatives that have coordinates, as a GeoJSON
    FeatureCollection for the list page's map (same query string as the
    list). Values not on offer are left out, as the list leaves them out."""
    # Theme names are not shown here: no translations needed to check a slug.
    form = _filter_form(request, translations={})
    collection = {
        "type": "FeatureCollection",
        "features": selectors.initiatives_map_features(_filtered(form)),
    }
    return JsonResponse(collection, content_type="application/geo+json")


@require_safe
def initiative_detail(request, slug):
    """An initiative's page: public once approved (and not paused, its owner
    approved); otherwise only for the owner's members and the moderators,
    who see a banner saying where it stands."""
    initiative = selectors.initiative_for_page(slug=slug)
    if initiative is None or not selectors.initiative_can_view(
        user=request.user, initiative=initiative
    ):
        raise Http404(_("There is no initiative at this address."))
    translations = partner_selectors.theme_translations(language_code=get_language())
    partner_selectors.with_theme_list([initiative], translations=translations)
    can_edit = selectors.initiative_can_edit(user=request.user, initiative=initiative)
    return TemplateResponse(
        request,
        "projects/initiative_detail.html",
        {
            "initiative": initiative,
            "partnerships": selectors.partners_confirmed(initiative=initiative),
            "contact_email": selectors.initiative_contact_email(initiative=initiative),
            "can_edit": can_edit,
            **_suggestions_preview(initiative, can_edit=can_edit),
            "seo": view_head(
                request,
                title=initiative.title,
                description=Truncator(initiative.summary).chars(200),
            ),
        },
    )


def _suggestions_preview(initiative, *, can_edit: bool) -> dict:
    """The best few suggested partners, for the owner's members only (the
    suggestions page's rule): they see at once whom to approach, and why.
    Of a public initiative, those who may edit it are just its members."""
    if not (initiative.is_public and can_edit):
        return {}
    return {
        "suggestions_preview": suggestions.suggestions_for_initiative(
            initiative=initiative, at_most=suggestions.PREVIEWED
        ),
        "state": suggestions.matching_state(initiative),
    }
