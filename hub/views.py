from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from hub.forms import SiteSearchForm
from hub.selectors import OK, health_report, pages_matching, searchable_page_kinds

SEARCH_PAGE_SIZE = 10


@require_safe
@never_cache
def health(request):
    """For load balancers and operators: 200 when every dependency answers."""
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == OK else 503)


@require_safe
def search(request):
    """Every published page in the visitor's language, filterable by kind."""
    form = SiteSearchForm(request.GET or None, page_kinds=searchable_page_kinds())
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        matches = pages_matching(
            query=form.cleaned_data["q"],
            locale=Locale.get_active(),
            kind=form.cleaned_data["kind"],
        )
        results = Paginator(matches, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "hub/search.html",
        {"form": form, "results": results, "query_without_page": query.urlencode()},
    )


@require_safe
def robots_txt(request):
    """Crawlers may read everything but the admin, the account pages (log in,
    sign up, reset a password) and search results: nothing there is worth
    finding, and endless result pages only waste their visits."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        *(f"Disallow: /{code}/accounts/" for code, _name in settings.LANGUAGES),
        *(f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
