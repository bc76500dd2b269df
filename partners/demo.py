"""The registry's part of the demo site: approved organisations from all four
helices and one awaiting review. Registered with ``hub.demo`` and run by
``manage.py load_demo_content``; what exists already (by slug) is left as is."""

from django.utils import timezone

from hub.demo import demo_loader
from hub.models import Theme
from partners import demo_content, geography, services
from partners.models import ModerationStatus, Organisation

RELATED = ("themes", "goals", "expertise", "offer_tags", "seek_tags")


@demo_loader
def partners_demo_load(*, home, dutch, created, notes) -> None:
    themes = {theme.slug: theme for theme in Theme.objects.filter(locale=home.locale)}
    for content in demo_content.ORGANISATIONS:
        if not Organisation.objects.filter(slug=content["slug"]).exists():
            organisation = _organisation_add(content, themes)
            created.append(f"organisation: {organisation.name}")


def _organisation_add(content: dict, themes: dict) -> Organisation:
    fields = {name: value for name, value in content.items() if name not in RELATED}
    fields.setdefault("status", ModerationStatus.APPROVED)
    organisation = Organisation(
        **fields,
        website_domain=services.website_domain(fields.get("website", "")),
        reconfirmed_at=timezone.now(),
    )
    coordinates = geography.city_coordinates(
        city=organisation.city, country=str(organisation.country)
    )
    if coordinates:
        organisation.latitude, organisation.longitude = coordinates
    organisation.full_clean()
    organisation.save()
    organisation.themes.set([themes[slug] for slug in content.get("themes", ())])
    organisation.sustainable_development_goals.set(content.get("goals", ()))
    for name in ("expertise", "offer_tags", "seek_tags"):
        getattr(organisation, name).set(content.get(name, ()))
    return organisation
