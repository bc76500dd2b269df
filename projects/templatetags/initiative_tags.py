"""Template tags through which the registry's pages show initiatives without
the partners app importing this one: an organisation's page lists those it
runs and those it is a partner in."""

from django import template

from projects import selectors

register = template.Library()


@register.simple_tag
def initiatives_of(organisation):
    """The public initiatives ``organisation`` runs or is a confirmed partner
    in, each with ``is_owned`` saying which."""
    initiatives = list(selectors.initiatives_of_organisation(organisation=organisation))
    for initiative in initiatives:
        initiative.is_owned = initiative.owner_id == organisation.pk
    return initiatives
