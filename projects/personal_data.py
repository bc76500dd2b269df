"""The initiatives' part of a person's data: the initiatives they registered
the partner invitations they answered for their organisation, and the
introductions they asked for or answered. Found and registered by
``hub.personal_data``. Deleting the person keeps these, without their name:
they belong to the organisations."""

from hub.personal_data import register_exporter
from projects import following, introductions
from projects.models import Initiative, InitiativePartner


def _initiative(initiative: Initiative) -> dict:
    return {
        "title": initiative.title,
        "slug": initiative.slug,
        "owner": initiative.owner.name,
        "status": initiative.status,
        "stage": initiative.stage,
        "summary": initiative.summary,
        "description": initiative.description,
        "city": initiative.city,
        "country": str(initiative.country),
        "themes": [theme.name for theme in initiative.themes.all()],
        "sustainable_development_goals": [
            str(goal) for goal in initiative.sustainable_development_goals.all()
        ],
        "tags": sorted(tag.name for tag in initiative.tags.all()),
        "sectors_sought": [sought.sector for sought in initiative.sought_sectors.all()],
        "expertise_sought": sorted(
            tag.name for tag in initiative.expertise_sought.all()
        ),
        "partners_sought": initiative.partners_sought,
        "start_date": initiative.start_date,
        "end_date": initiative.end_date,
        "contact_email": initiative.contact_email,
        "links": [
            {"url": link.url, "label": link.label} for link in initiative.links.all()
        ],
        "created_at": initiative.created_at,
        "updated_at": initiative.updated_at,
    }


def _initiatives(user) -> list[dict]:
    initiatives = (
        Initiative.objects.filter(created_by=user)
        .select_related("owner")
        .prefetch_related(
            "themes",
            "sustainable_development_goals",
            "tags",
            "expertise_sought",
            "sought_sectors",
            "links",
        )
        .order_by("created_at", "pk")
    )
    return [_initiative(initiative) for initiative in initiatives]


def _invitations_answered(user) -> list[dict]:
    return [
        {
            "initiative": partnership.initiative.title,
            "organisation": partnership.organisation.name,
            "state": partnership.state,
            "role": partnership.role,
            "answered_at": partnership.answered_at,
        }
        for partnership in InitiativePartner.objects.filter(answered_by=user)
        .select_related("initiative", "organisation")
        .order_by("answered_at", "pk")
    ]


def initiatives_data(user) -> dict:
    """The initiatives ``user`` registered and the invitations they answered."""
    return {
        "initiatives_registered": _initiatives(user),
        "partner_invitations_answered": _invitations_answered(user),
    }


register_exporter("initiatives", initiatives_data)
register_exporter("following", following.personal_data)
register_exporter("introductions", introductions.personal_data)
