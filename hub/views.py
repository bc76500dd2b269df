import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Locale

from hub import personal_data, services
from hub.forms import AccountDeleteForm, SiteSearchForm
from hub.selectors import (
    OK,
    health_report,
    pages_matching,
    searchable_page_kinds,
    user_personal_data,
)

DATA_DOWNLOAD_FILENAME = "smart-cities-hub-my-data.json"

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
    sign up, reset a password, one's own data) and search results: nothing
    there is worth finding, and endless result pages only waste their visits."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        *(f"Disallow: /{code}/accounts/" for code, _name in settings.LANGUAGES),
        *(f"Disallow: /{code}/account/" for code, _name in settings.LANGUAGES),
        *(f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


@require_safe
@never_cache
@login_required
def account_privacy(request):
    """What the hub keeps about the signed-in person, and the two things they
    can do about it: download it, or delete their account."""
    return TemplateResponse(request, "hub/account_privacy.html", {})


@require_safe
@never_cache
@login_required
def account_data_download(request):
    """Everything the hub keeps about the signed-in person, as a JSON file."""
    data = json.dumps(
        user_personal_data(user=request.user),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{DATA_DOWNLOAD_FILENAME}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@login_required
def account_delete(request):
    """Confirm with the password, then erase the account and sign out."""
    form = AccountDeleteForm(request.POST or None, user=request.user)
    blockers = personal_data.deletion_blockers(request.user)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            services.user_delete(user=request.user)
        except ValidationError as error:
            # Something changed since the check above; the page says what.
            blockers = error.messages
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted. Goodbye."))
            return redirect("home")
    return TemplateResponse(
        request, "hub/account_delete.html", {"form": form, "blockers": blockers}
    )
