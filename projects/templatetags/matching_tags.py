from django import template
from django.utils.translation import ngettext

register = template.Library()


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
