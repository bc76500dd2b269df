"""Builds the demo site from ``hub.demo_content``: pages in English with their
Dutch translations, themes, hub partners and site settings. Each domain app adds
its own part through a ``demo`` module whose loaders register with
``@demo_loader``, so that the site core never imports a domain app.

Idempotent: what exists already (found by slug) is left as it is, so running it
again changes nothing and never overwrites an editor's work.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.module_loading import autodiscover_modules
from wagtail.models import Collection, Locale, Page, Site

from hub import demo_content
from hub.models import (
    HomePage,
    HubPartner,
    SiteSettings,
    StandardPage,
    SustainableDevelopmentGoal,
    Theme,
)
from hub.sdgs import sustainable_development_goals_sync

DemoLoader = Callable[..., None]
_loaders: list[DemoLoader] = []


def demo_loader(loader: DemoLoader) -> DemoLoader:
    """Register ``loader(home=…, dutch=…, created=…, notes=…)`` to run after
    the core, in the order the apps' ``demo`` modules are imported and, within
    a module, in the order its loaders are defined."""
    _loaders.append(loader)
    return loader


@dataclass
class DemoLoad:
    """What a load did: a line per object made (``created``), and lines the
    person who ran it should read whatever was made (``notes``), such as how
    to sign in."""

    created: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@transaction.atomic
def demo_content_load() -> DemoLoad:
    """Create whatever of the demo site is missing; say what was made."""
    load = DemoLoad()
    created = load.created
    english, dutch = _locale("en"), _locale("nl")
    sustainable_development_goals_sync(SustainableDevelopmentGoal)
    home = _home_page(english, created)
    translation_add(home, dutch, demo_content.HOME["nl"], created)
    pages = {}
    for key, content, in_menu in (
        ("about", demo_content.ABOUT, True),
        ("accessibility", demo_content.ACCESSIBILITY_STATEMENT, False),
        ("privacy", demo_content.PRIVACY_STATEMENT, False),
    ):
        pages[key] = child_page_add(
            home, StandardPage, content["en"], created, show_in_menus=in_menu
        )
        translation_add(pages[key], dutch, content["nl"], created)
    _site_settings(home, pages, created)
    _themes(english, dutch, created)
    _hub_partners(created)
    autodiscover_modules("demo")
    for loader in _loaders:
        loader(home=home, dutch=dutch, created=created, notes=load.notes)
    return load


def _locale(language_code: str) -> Locale:
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    return locale


def _root_page(english: Locale) -> Page:
    # After a flush (as between transactional tests) the roots that Wagtail's
    # migrations made are gone: make them again.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", locale=english)
    return root


def _home_page(english: Locale, created: list[str]) -> HomePage:
    existing = HomePage.objects.filter(locale=english).first()
    if existing:
        return existing
    root = _root_page(english)
    _remove_wagtail_welcome_page(root)
    home = root.add_child(
        instance=HomePage(
            locale=english, slug="home", **_fields(demo_content.HOME["en"])
        )
    )
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 8000,  # where `make run` serves it
            "root_page": home,
            "site_name": "Smart Cities Hub",
        },
    )
    created.append(f"home page: {home.title}")
    return home


def _remove_wagtail_welcome_page(root: Page) -> None:
    """Wagtail's install leaves a plain 'Welcome' page where our home page goes;
    deleting it also deletes the site that pointed at it."""
    for page in root.get_children():
        if page.specific_class is Page:
            page.delete()


def _fields(content: dict) -> dict:
    fields = dict(content)
    if "body" in fields:
        fields["body"] = json.dumps(fields["body"])
    return fields


def child_page_add(
    parent: Page, page_class: type[Page], content: dict, created: list[str], **extra
) -> Page:
    """The child of ``parent`` with the content's slug, made and published if
    missing. ``extra`` holds fields that are not text (dates, themes, flags)."""
    existing = page_class.objects.child_of(parent).filter(slug=content["slug"]).first()
    if existing:
        return existing
    tags = extra.pop("tags", ())
    page = page_class(**_fields(content), **extra)
    if tags:
        page.tags.add(*tags)
    parent.add_child(instance=page)
    page.save_revision().publish()
    created.append(f"{page_class._meta.verbose_name}: {page.title}")
    return page


def translation_add(
    page: Page, locale: Locale, content: dict, created: list[str], **extra
) -> Page:
    """Add ``page`` in ``locale`` as a translation (same translation key) under
    the translation of its parent, with its own slug from the start. Fields
    not in ``content`` or ``extra`` (dates, flags, themes) are copied over."""
    existing = page.get_translation_or_none(locale)
    if existing:
        return existing
    parent = page.get_parent()
    if not parent.is_root():
        parent = parent.get_translation(locale)
    source = page.specific
    fields = {**_copied_fields(source), **_fields(content), **extra}
    fields.setdefault("slug", f"{page.slug}-{locale.language_code}")
    translation = parent.add_child(
        instance=type(source)(
            locale=locale, translation_key=page.translation_key, **fields
        )
    )
    translation.save_revision().publish()
    created.append(f"translation ({locale.language_code}): {translation.title}")
    return translation


def _copied_fields(source: Page) -> dict:
    """The fields of ``source``'s own class that a translation keeps as they are."""
    own = [
        field
        for field in type(source)._meta.concrete_fields
        if field.model is not Page and not field.primary_key
    ]
    copied = {field.attname: getattr(source, field.attname) for field in own}
    copied["show_in_menus"] = source.show_in_menus
    for name in ("themes", "sustainable_development_goals"):
        if hasattr(source, name):
            copied[name] = list(getattr(source, name).all())
    return copied


def _site_settings(home: HomePage, pages: dict, created: list[str]) -> None:
    site = Site.objects.get(root_page=home)
    settings = SiteSettings.for_site(site)
    if settings.privacy_statement_page_id:
        return
    settings.privacy_statement_page = pages["privacy"]
    settings.accessibility_statement_page = pages["accessibility"]
    settings.save()
    created.append("site settings")


def _themes(english: Locale, dutch: Locale, created: list[str]) -> None:
    for order, theme_data in enumerate(demo_content.THEMES):
        theme = Theme.objects.filter(locale=english, slug=theme_data["slug"]).first()
        if theme is None:
            name, summary = theme_data["en"]
            theme = Theme.objects.create(
                locale=english,
                slug=theme_data["slug"],
                name=name,
                summary=summary,
                is_perspective=theme_data["is_perspective"],
                sort_order=order,
            )
            created.append(f"theme: {name}")
        if theme.get_translation_or_none(dutch) is None:
            translation = theme.copy_for_translation(dutch)
            translation.name, translation.summary = theme_data["nl"]
            translation.save()
            created.append(f"theme (nl): {translation.name}")


def _hub_partners(created: list[str]) -> None:
    for order, (name, url) in enumerate(demo_content.HUB_PARTNERS):
        _, is_new = HubPartner.objects.get_or_create(
            name=name, defaults={"url": url, "sort_order": order}
        )
        if is_new:
            created.append(f"hub partner: {name}")
