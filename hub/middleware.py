from django.conf import settings


class PermissionsPolicyMiddleware:
    """Tells browsers which powerful features no page of ours ever uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
