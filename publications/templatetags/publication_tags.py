"""Template tags through which other apps' pages show publications without
importing this app: the registry's organisation page and the initiative page
list their coverage."""

from django import template
from wagtail.models import Locale

from publications import selectors

register = template.Library()


@register.simple_tag
def articles_mentioning(organisation, limit: int = 6):
    """Live articles in the current language that name ``organisation``."""
    return selectors.articles_mentioning(
        organisation=organisation, locale=Locale.get_active(), limit=limit
    )


@register.simple_tag
def articles_mentioning_initiative(initiative, limit: int = 6):
    """Live articles in the current language that name ``initiative``."""
    return selectors.articles_mentioning_initiative(
        initiative=initiative, locale=Locale.get_active(), limit=limit
    )


@register.simple_tag
def events_on_themes_of(initiative, limit: int = 3):
    """Upcoming events in the current language on the initiative's themes
    (which must have been prefetched)."""
    return selectors.upcoming_events_on_themes(
        themes=initiative.themes.all(), locale=Locale.get_active(), limit=limit
    )
