"""What search engines and link previews read about a page: its language
versions (hreflang) and its Open Graph locale."""

from collections.abc import Iterable

from django.conf import settings
from wagtail.models import Page

OPEN_GRAPH_LOCALES = {"en": "en_GB", "nl": "nl_NL"}


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


def open_graph_locale(language_code: str) -> str:
    return OPEN_GRAPH_LOCALES.get(language_code, language_code)
