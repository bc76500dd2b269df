from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from hub.selectors import OK, health_report


@require_safe
@never_cache
def health(request):
    """For load balancers and operators: 200 when every dependency answers."""
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == OK else 503)
