from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from hub.selectors import OK, health_report


@require_safe
@never_cache
def health(request):
    """For load balancers and operators: 200 when every dependency answers."""
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == OK else 503)


@require_safe
def robots_txt(request):
    """Crawlers may read everything but the admin and the account pages (log in,
    sign up, reset a password): there is nothing on them worth finding."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        *(f"Disallow: /{code}/accounts/" for code, _name in settings.LANGUAGES),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
