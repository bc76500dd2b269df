from django import template
from django.utils.translation import ngettext

from projects.matching import suggestions

register = template.Library()


@register.simple_tag
def suggested_initiative_counts(entries) -> dict[int, int]:
    """For the organisations' dashboard: how many initiatives each of its
    organisations is suggested, in one query for the page."""
    return suggestions.suggested_initiative_counts(
        entry.membership.organisation_id for entry in entries
    )


@register.filter
def suggestions_of(counts, organisation) -> int:
    """``organisation``'s number in ``suggested_initiative_counts``."""
    return (counts or {}).get(organisation.pk, 0)


@register.filter
def run_duration(duration) -> str:
    """A run's duration as "4 minutes 12 seconds" (seconds under a minute)."""
    if duration is None:
        return ""
    minutes, seconds = divmod(round(duration.total_seconds()), 60)
    said = ngettext("%(count)s second", "%(count)s seconds", seconds) % {
        "count": seconds
    }
    if not minutes:
        return said
    in_minutes = ngettext("%(count)s minute", "%(count)s minutes", minutes) % {
        "count": minutes
    }
    return f"{in_minutes} {said}"
