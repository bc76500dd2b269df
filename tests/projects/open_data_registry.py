"""A small registry for the open-data tests: what is public, and one of
every kind of record that must never be published."""

from django.utils import timezone

from hub.factories import UserFactory
from hub.models import SustainableDevelopmentGoal, Theme
from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import (
    DataSource,
    HelixSector,
    ModerationStatus,
    Organisation,
    OrganisationKind,
)
from projects.factories import InitiativeFactory, InitiativePartnerFactory
from projects.models import InitiativeStage, PartnerState, SoughtSector

HIDDEN = "Hidden"  # in the name of every record that is not public
OWNER_EMAIL = "owner.of.utrecht@example.org"
CONTACT_EMAIL = "contact.utrecht@example.org"
UTRECHT = (5.12222, 52.09083)  # longitude, latitude
NOT_PUBLIC_ORGANISATION = [
    ModerationStatus.PENDING,
    ModerationStatus.CHANGES_REQUESTED,
    ModerationStatus.REJECTED,
    ModerationStatus.SUSPENDED,
]
NOT_PUBLIC_INITIATIVE = [ModerationStatus.DRAFT, *NOT_PUBLIC_ORGANISATION]


def theme(slug: str) -> Theme:
    return Theme.objects.get(slug=slug, locale__language_code="en")


def goal(number: int) -> SustainableDevelopmentGoal:
    return SustainableDevelopmentGoal.objects.get(number=number)


def registry_clear() -> None:
    """Leave out the demo organisations, so that counts are exact."""
    Organisation.objects.all().delete()


def registry_build() -> dict:
    """Two public organisations, one public initiative with a partner, and
    every kind of hidden record beside them."""
    registry_clear()
    utrecht = OrganisationFactory(
        name="City of Utrecht",
        slug="city-of-utrecht",
        contact_email=CONTACT_EMAIL,
        owner=UserFactory(email=OWNER_EMAIL),
        status_reason="Checked by phone.",
    )
    utrecht.themes.set([theme("mobility")])
    utrecht.sustainable_development_goals.set([goal(11)])
    utrecht.expertise.set(["street lighting"])
    lab = OrganisationFactory(
        name="Lumen Lab",
        slug="lumen-lab",
        sector=HelixSector.BUSINESS,
        kind=OrganisationKind.SME,
        city="Ghent",
        country="BE",
        latitude=51.05,
        longitude=3.72,
        source=DataSource.CORDIS,
        external_id="999999999",
    )
    MembershipFactory(organisation=lab, user=UserFactory(email="member@example.org"))
    lighting = InitiativeFactory(
        title="Smart Lighting Utrecht",
        slug="smart-lighting-utrecht",
        owner=utrecht,
        contact_email=CONTACT_EMAIL,
        status_reason="Fine.",
    )
    lighting.themes.set([theme("mobility")])
    lighting.sustainable_development_goals.set([goal(7), goal(11)])
    lighting.tags.set(["lighting"])
    SoughtSector.objects.create(initiative=lighting, sector=HelixSector.BUSINESS)
    InitiativePartnerFactory(initiative=lighting, organisation=lab)
    _hidden_partners(lighting)
    _hidden_organisations()
    _hidden_initiatives(owner=utrecht)
    return {"utrecht": utrecht, "lab": lab, "lighting": lighting}


def _hidden_partners(initiative) -> None:
    InitiativePartnerFactory(
        initiative=initiative,
        # Public itself, but not (yet) a partner the initiative may name.
        organisation=OrganisationFactory(
            name="Invited Partner Co", slug="invited-partner-co"
        ),
        state=PartnerState.INVITED,
    )
    InitiativePartnerFactory(
        initiative=initiative,
        organisation=OrganisationFactory(
            name=f"{HIDDEN} pending partner",
            slug="hidden-pending-partner",
            status=ModerationStatus.PENDING,
        ),
    )


def _hidden_organisations() -> None:
    for status in NOT_PUBLIC_ORGANISATION:
        OrganisationFactory(
            name=f"{HIDDEN} organisation {status}",
            slug=f"hidden-organisation-{status}".replace("_", "-"),
            status=status,
        )


def _hidden_initiatives(*, owner) -> None:
    for status in NOT_PUBLIC_INITIATIVE:
        InitiativeFactory(
            title=f"{HIDDEN} initiative {status}",
            slug=f"hidden-initiative-{status}".replace("_", "-"),
            owner=owner,
            status=status,
        )
    InitiativeFactory(
        title=f"{HIDDEN} initiative paused",
        slug="hidden-initiative-paused",
        owner=owner,
        paused_at=timezone.now(),
    )
    InitiativeFactory(
        title=f"{HIDDEN} initiative of a suspended organisation",
        slug="hidden-initiative-of-a-suspended-organisation",
        owner=OrganisationFactory(
            name=f"{HIDDEN} suspended owner", status=ModerationStatus.SUSPENDED
        ),
    )


def hidden_slugs() -> dict:
    return {
        "initiatives": [
            *(
                f"hidden-initiative-{status}".replace("_", "-")
                for status in NOT_PUBLIC_INITIATIVE
            ),
            "hidden-initiative-paused",
            "hidden-initiative-of-a-suspended-organisation",
        ],
        "organisations": [
            f"hidden-organisation-{status}".replace("_", "-")
            for status in NOT_PUBLIC_ORGANISATION
        ],
    }


def many_public(count: int) -> None:
    """``count`` public initiatives and organisations, each fully
    classified, for query counts that must not grow with them."""
    for number in range(count):
        organisation = OrganisationFactory()
        organisation.themes.set([theme("mobility")])
        organisation.sustainable_development_goals.set([goal(11)])
        organisation.expertise.set([f"tag {number}"])
        initiative = InitiativeFactory(owner=organisation, stage=InitiativeStage.IDEA)
        initiative.themes.set([theme("mobility")])
        initiative.sustainable_development_goals.set([goal(11)])
        initiative.tags.set([f"tag {number}"])
        SoughtSector.objects.create(initiative=initiative, sector=HelixSector.BUSINESS)
        InitiativePartnerFactory(initiative=initiative)
