from django import template
from django.utils.html import format_html_join
from wagtail.models import Page, Site

from hub.seo import (
    breadcrumb_list,
    json_ld_script,
    language_versions,
    open_graph_locale,
    site_url,
)

register = template.Library()

# The first of these that a page fills in describes it in link previews.
DESCRIPTION_FIELDS = ("search_description", "intro", "summary")


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context) -> dict:
    """Canonical and hreflang links and Open Graph tags for a Wagtail page, or
    those a view put in the context as ``seo`` (see ``hub.seo.view_head``)."""
    page = context.get("page")
    if not isinstance(page, Page):
        return context.get("seo") or {}
    request = context["request"]
    translations = _live_translations(page)
    return {
        "url": page.get_full_url(request),
        "alternates": language_versions(translations, request),
        "open_graph": {
            **_open_graph(page, translations),
            "image": _open_graph_image(page, request),
        },
    }


def _live_translations(page: Page) -> list[Page]:
    # One query for every published language version, the page's own included.
    return list(
        page.get_translations(inclusive=True)
        .live()
        .select_related("locale")
        .order_by("locale__language_code")
    )


def _open_graph(page: Page, translations: list[Page]) -> dict:
    language_code = _language_code(page, translations)
    return {
        "type": getattr(page, "open_graph_type", "website"),
        "title": page.seo_title or page.title,
        "description": _description(page),
        "locale": open_graph_locale(language_code),
        "alternate_locales": [
            open_graph_locale(translation.locale.language_code)
            for translation in translations
            if translation.locale.language_code != language_code
        ],
    }


# Link previews are drawn at 1.91:1; 1200 by 630 is what the large ones use.
OPEN_GRAPH_IMAGE_SPEC = "fill-1200x630|format-jpeg"


def _open_graph_image(page: Page, request) -> dict | None:
    preview_image = getattr(page, "preview_image", None)
    image = preview_image() if preview_image else None
    if image is None:
        return None
    rendition = image.get_rendition(OPEN_GRAPH_IMAGE_SPEC)
    return {
        "url": site_url(page, rendition.url, request),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


def _language_code(page: Page, translations: list[Page]) -> str:
    # The page's own row came with its locale. A preview of a page that is not
    # published is not among them: only then is its locale looked up.
    own = next((version for version in translations if version.pk == page.pk), page)
    return own.locale.language_code


def _description(page: Page) -> str:
    return next(
        (value for name in DESCRIPTION_FIELDS if (value := getattr(page, name, ""))),
        "",
    )


@register.simple_tag(takes_context=True)
def structured_data(context) -> str:
    """JSON-LD for a Wagtail page: its own schema.org description, if its type
    has one, and its breadcrumb trail from the home page."""
    page = context.get("page")
    if not isinstance(page, Page):
        return ""
    request = context["request"]
    descriptions = []
    if describe := getattr(page.specific, "structured_data", None):
        descriptions.append(describe(request))
    if trail := _breadcrumb_trail(page, request):
        descriptions.append(breadcrumb_list(trail, request))
    return format_html_join("", "{}", ((json_ld_script(d),) for d in descriptions))


def _breadcrumb_trail(page: Page, request) -> list[Page]:
    """From the home page in the page's language down to the page; empty on a
    home page. Every language's home page is as deep as the site's root page."""
    site = Site.find_for_request(request)
    if site is None or page.depth <= site.root_page.depth:
        return []
    return list(
        page.get_ancestors(inclusive=True).filter(depth__gte=site.root_page.depth)
    )
