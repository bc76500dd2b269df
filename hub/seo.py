"""What search engines and link previews read about a page: its language
versions (hreflang), its Open Graph locale and its schema.org description as
JSON-LD. Page types with a schema.org counterpart describe themselves with a
``structured_data(request)`` method; what they share lives here."""

import json
from collections.abc import Iterable
from urllib.parse import urljoin

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, Site

SCHEMA_ORG = "https://schema.org"
OPEN_GRAPH_LOCALES = {"en": "en_GB", "nl": "nl_NL"}

# Escaped, a page's text cannot end the script element ("</script>") or open a
# comment in it ("<!--"); JSON readers turn the escapes back into characters.
SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def language_versions(pages: Iterable[Page], request) -> list[dict]:
    """The ``lang_code`` and ``location`` of each language version of a page, and
    ``x-default`` for the default language's, as sitemaps and hreflang need."""
    return alternates(
        {page.locale.language_code: page.get_full_url(request) for page in pages}
    )


def alternates(locations: dict[str, str]) -> list[dict]:
    """``locations`` ({language code: full URL}) as sitemaps and hreflang list
    them, with ``x-default`` for the default language's."""
    versions = [
        {"lang_code": code, "location": location}
        for code, location in locations.items()
    ]
    if settings.LANGUAGE_CODE in locations:
        versions.append(
            {"lang_code": "x-default", "location": locations[settings.LANGUAGE_CODE]}
        )
    return versions


def view_locations(root_url: str, url_name: str, **kwargs) -> dict[str, str]:
    """The full URL of a Django view in each of the site's languages: pages
    outside Wagtail have the same address with another language prefix."""
    locations = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            locations[code] = urljoin(root_url, reverse(url_name, kwargs=kwargs))
    return locations


def site_root_url(request) -> str:
    """The root URL of the request's Site, which Wagtail's pages use in their
    full URLs too, so that views and pages share one host in links."""
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/")


def view_head(request, *, title: str, description: str = "") -> dict:
    """What ``seo_head`` shows for a page served by a Django view rather than
    by Wagtail: canonical, hreflang and Open Graph for the current address."""
    match = request.resolver_match
    locations = view_locations(site_root_url(request), match.view_name, **match.kwargs)
    language_code = translation.get_language()
    return {
        "url": locations[language_code],
        "alternates": alternates(locations),
        "open_graph": {
            "type": "website",
            "title": title,
            "description": description,
            "locale": open_graph_locale(language_code),
            "alternate_locales": [
                open_graph_locale(code) for code in locations if code != language_code
            ],
        },
    }


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
