from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from hub.models import HomePage, HubPartner

register = template.Library()


def _home_page(request) -> Page | None:
    """The home page in the visitor's language, looked up once per request."""
    if not hasattr(request, "_hub_home_page"):
        site = Site.find_for_request(request)
        root = site.root_page.specific if site else None
        request._hub_home_page = root.localized if isinstance(root, HomePage) else root
    return request._hub_home_page


@register.simple_tag(takes_context=True)
def home_page(context) -> Page | None:
    return _home_page(context["request"])


@register.simple_tag(takes_context=True)
def main_navigation(context) -> list[Page]:
    """The home page's children marked 'show in menus', in the visitor's language."""
    home = _home_page(context["request"])
    if home is None:
        return []
    # Title and URL live on the base page: no need for the specific models.
    return list(home.get_children().live().in_menu())


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language to this page in that language, or to that home page."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "name": name,
                "url": _url_in_language(request, page, code),
                "is_current": code == current,
            }
        )
    return links


def _url_in_language(request, page, code: str) -> str:
    if isinstance(page, Page):
        locale = Locale.objects.filter(language_code=code).first()
        translation = page.get_translation_or_none(locale) if locale else None
        if translation is None and (home := _home_page(request)) is not None:
            translation = home.get_translation_or_none(locale) if locale else None
        if translation is not None and translation.live:
            return translation.get_url(request)
    return translate_url(request.get_full_path(), code)


@register.simple_tag
def hub_partners() -> list[HubPartner]:
    return list(HubPartner.objects.all())


@register.simple_tag(takes_context=True)
def localized_page_url(context, page: Page | None) -> str:
    """The URL of ``page`` in the visitor's language, falling back to its own."""
    if page is None:
        return ""
    return page.localized.get_url(context["request"]) or ""


CONTROL_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
}


@register.simple_tag
def form_control(field):
    """Render a field's control with the component classes and with aria
    attributes that point to its description and error messages."""
    attrs = {
        "class": CONTROL_CLASSES.get(
            field.widget_type, "utrecht-textbox utrecht-textbox--html-input"
        )
    }
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-description")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def verbose_name(model) -> str:
    """A model's name for people, such as 'article' or 'event'."""
    return model._meta.verbose_name if model else ""
