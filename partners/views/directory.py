"""The public directory of approved organisations and each one's page."""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_countries import countries

from hub.models import SustainableDevelopmentGoal
from hub.seo import view_head
from partners import selectors
from partners.forms import OrganisationFilterForm

PAGE_SIZE = 20
RESULTS_TEMPLATE = "partners/includes/organisation_results.html"


@require_safe
def organisation_list(request):
    """Approved organisations, searchable and filterable. Without JavaScript
    the filter form reloads the page; with htmx only the results change."""
    translations = selectors.theme_translations(language_code=get_language())
    form = OrganisationFilterForm(
        request.GET,
        themes=selectors.themes_to_filter_by(translations=translations),
        goals=SustainableDevelopmentGoal.objects.all(),
        countries=_country_choices(selectors.countries_of_public_organisations()),
    )
    context = _results(request, form.filters, translations)
    if _wants_results_only(request):
        context["results_only"] = True
        response = TemplateResponse(request, RESULTS_TEMPLATE, context)
    else:
        context |= {"form": form, **_list_head(request)}
        response = TemplateResponse(request, "partners/organisation_list.html", context)
    # The same address answers with a whole page or only its results.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _results(request, filters: dict, translations: dict) -> dict:
    organisations = selectors.organisations_filtered(
        selectors.organisations_public(), **filters
    )
    page = Paginator(
        selectors.organisations_for_cards(organisations), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    selectors.organisations_with_theme_list(page, translations=translations)
    return {
        "organisations": page,
        "query_without_page": _query_without_page(request),
        "is_filtered": bool(filters),
    }


def _list_head(request) -> dict:
    title = _("Organisations")
    description = _(
        "Municipalities, companies, knowledge institutions and civil-society "
        "groups working on climate-neutral and smart cities."
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
def organisation_detail(request, slug):
    """An organisation's page: public once approved; before that, and when
    rejected or suspended, only for its members and the moderators, who see
    a banner saying where it stands."""
    organisation = selectors.organisation_for_page(slug=slug)
    user = request.user
    if organisation is None or not selectors.organisation_can_view(
        user=user, organisation=organisation
    ):
        raise Http404(_("There is no organisation at this address."))
    translations = selectors.theme_translations(language_code=get_language())
    selectors.organisations_with_theme_list([organisation], translations=translations)
    description = Truncator(organisation.description).chars(200)
    return TemplateResponse(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": organisation,
            **_visitor_actions(user, organisation),
            "public_members": selectors.members_shown_publicly(
                organisation=organisation
            ),
            "seo": view_head(request, title=organisation.name, description=description),
        },
    )


def _visitor_actions(user, organisation) -> dict:
    """What the page offers this visitor: members edit, owners manage the
    members, everyone else may ask to join."""
    return {
        "membership": selectors.membership_of(user=user, organisation=organisation),
        "can_edit": selectors.organisation_can_edit(
            user=user, organisation=organisation
        ),
        "can_manage": selectors.organisation_can_manage(
            user=user, organisation=organisation
        ),
    }
