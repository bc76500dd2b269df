"""What search engines and link previews read about a page: its language
versions (hreflang), its Open Graph locale and its schema.org description as
JSON-LD. Page types with a schema.org counterpart describe themselves with a
``structured_data(request)`` method; what they share lives here."""

import json
from collections.abc import Iterable
from urllib.parse import urljoin

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

SCHEMA_ORG = "https://schema.org"
OPEN_GRAPH_LOCALES = {"en": "en_GB", "nl": "nl_NL"}

# Escaped, a page's text cannot end the script element ("</script>") or open a
# comment in it ("<!--"); JSON readers turn the escapes back into characters.
SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def language_versions(pages: Iterable[Page], request) -> list[dict]:
    """The ``lang_code`` and ``location`` of each language version of a page, and
    ``x-default`` for the default language's, as sitemaps and hreflang need."""
    versions = [
        {"lang_code": page.locale.language_code, "location": page.get_full_url(request)}
        for page in pages
    ]
    default = [v for v in versions if v["lang_code"] == settings.LANGUAGE_CODE]
    if default:
        versions.append({"lang_code": "x-default", "location": default[0]["location"]})
    return versions


def site_url(page: Page, url: str, request) -> str:
    """``url`` made full on the host of the page's own full URL (the Site's, which
    need not be the request's); a URL that is full already stays as it is."""
    _site_id, root_url, _page_path = page.get_url_parts(request)
    return urljoin(root_url, url)


def open_graph_locale(language_code: str) -> str:
    return OPEN_GRAPH_LOCALES.get(language_code, language_code)


def organisation(*, url: str | None = None) -> dict:
    """The hub as a schema.org Organization: publisher and organiser of its pages."""
    hub = {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME}
    if url:
        hub["url"] = url
    return hub


def breadcrumb_list(trail: Iterable[Page], request) -> dict:
    return {
        "@context": SCHEMA_ORG,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": page.title,
                "item": page.get_full_url(request),
            }
            for position, page in enumerate(trail, start=1)
        ],
    }


def json_ld_script(description: dict) -> SafeString:
    text = json.dumps(description, cls=DjangoJSONEncoder, ensure_ascii=False)
    # Not HTML-escaped: entities in a script element stay as they are and would
    # spoil the JSON. SCRIPT_SAFE keeps the text from closing the element instead.
    return mark_safe(  # noqa: S308
        f'<script type="application/ld+json">{text.translate(SCRIPT_SAFE)}</script>'
    )
