"""Production: refuses to start without its secrets, serves only over HTTPS."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

REQUIRED_ENVIRONMENT = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
)


def _missing_environment() -> list[str]:
    return [name for name in REQUIRED_ENVIRONMENT if not env.str(name, default="")]


if missing := _missing_environment():
    raise ImproperlyConfigured(
        "Production settings need these environment variables: "
        f"{', '.join(missing)}. See README.md, section Settings."
    )

DEBUG = False
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The header allows preloading; submitting the domain to the list stays a choice.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Behind a load balancer that terminates TLS and says so in this header.
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /health/ answers the load balancer over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
