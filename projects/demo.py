"""The initiatives' part of the demo site: initiatives of the G5 cities with
their partners, one awaiting review, and the partners suggested to them.
Registered with ``hub.demo`` and run by ``manage.py load_demo_content``; what
exists already (by slug) is left as it is, so an edit is never overwritten."""

from datetime import date

from django.utils import timezone

from hub.demo import demo_loader
from hub.models import Theme
from partners import geography
from partners.models import ModerationStatus, Organisation
from projects import demo_content, services
from projects.matching import jobs
from projects.models import Initiative, InitiativePartner, PartnerState

RELATED = ("partners", "themes", "goals", "tags", "expertise_sought")
DATES = ("start_date", "end_date")
SUBJECTS = {jobs.FOR_INITIATIVE: "initiatives", jobs.FOR_ORGANISATION: "organisations"}


@demo_loader
def projects_demo_load(*, home, dutch, created, notes) -> None:
    themes = {theme.slug: theme for theme in Theme.objects.filter(locale=home.locale)}
    organisations = Organisation.objects.in_bulk(field_name="slug")
    for content in demo_content.INITIATIVES:
        if Initiative.objects.filter(slug=content["slug"]).exists():
            continue
        # An organisation deleted from the demo site takes its initiatives along.
        if content["owner"] not in organisations:
            continue
        initiative = _initiative_add(content, themes, organisations)
        created.append(f"initiative: {initiative.title}")


# Defined after ``projects_demo_load`` so that it runs after it (and after the
# registry's loader, whose module is imported first): it sees every demo
# organisation and initiative.
@demo_loader
def matching_demo_load(*, home, dutch, created, notes) -> None:
    """The demo's suggestions, in both directions. Its rows are made directly,
    so no matching job was ever asked for: compute, here and now, the lists
    the repair would find missing or out of date (none on a second load)."""
    for direction, subjects in SUBJECTS.items():
        stale = jobs.lists_stale(direction)
        if stale:
            stored = jobs.lists_compute(direction, stale)
            created.append(f"suggestion lists for {subjects}: {stored}")


def _initiative_add(content: dict, themes: dict, organisations: dict) -> Initiative:
    fields = {
        name: value
        for name, value in content.items()
        if name not in RELATED and name not in ("owner", "sectors_sought")
    }
    fields.update(
        {name: date.fromisoformat(fields[name]) for name in DATES if name in fields}
    )
    fields.setdefault("status", ModerationStatus.APPROVED)
    initiative = Initiative(
        **fields, owner=organisations[content["owner"]], submitted_at=timezone.now()
    )
    coordinates = geography.city_coordinates(
        city=initiative.city, country=str(initiative.country)
    )
    if coordinates:
        initiative.latitude, initiative.longitude = coordinates
    initiative.full_clean()
    initiative.save()
    services.search_vector_refresh([initiative.pk])
    initiative.themes.set([themes[slug] for slug in content.get("themes", ())])
    initiative.sustainable_development_goals.set(content.get("goals", ()))
    for name in ("tags", "expertise_sought"):
        getattr(initiative, name).set(content.get(name, ()))
    services.sectors_set(initiative=initiative, sectors=content["sectors_sought"])
    _partners_add(
        initiative,
        [organisations[slug] for slug in content["partners"] if slug in organisations],
    )
    return initiative


def _partners_add(initiative: Initiative, organisations: list[Organisation]) -> None:
    # Confirmed, as if their members had said yes: nobody is mailed.
    now = timezone.now()
    InitiativePartner.objects.bulk_create(
        InitiativePartner(
            initiative=initiative,
            organisation=organisation,
            state=PartnerState.CONFIRMED,
            answered_at=now,
            partner_notified_at=now,
        )
        for organisation in organisations
    )
