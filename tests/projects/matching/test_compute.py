"""Suggestions from the registry in the database: the code the jobs run."""

import pytest

from hub.models import SustainableDevelopmentGoal, Theme
from partners.factories import OrganisationFactory
from partners.models import HelixSector, ModerationStatus, OrganisationKind
from projects.factories import InitiativeFactory, InitiativePartnerFactory
from projects.matching import compute
from projects.matching.weights import PARTS
from projects.models import PartnerState, SoughtSector

pytestmark = pytest.mark.django_db

EINDHOVEN = {"city": "Eindhoven", "latitude": 51.44, "longitude": 5.48}
LISBON = {"city": "Lisbon", "country": "PT", "latitude": 38.72, "longitude": -9.14}


def _theme(slug_part):
    return Theme.objects.filter(locale__language_code="en").order_by("pk")[slug_part]


@pytest.fixture
def energy():
    return _theme(0)


@pytest.fixture
def heat_network(energy):
    """A Dutch initiative in Utrecht on district heating that seeks a
    knowledge institution, owned by the municipality."""
    initiative = InitiativeFactory(
        title="Warmtenet Overvecht",
        summary="Een warmtenet voor aardgasvrije wijken in Utrecht.",
        description="Wij zoeken kennis over warmtenet, restwarmte en warmtepompen.",
        owner=OrganisationFactory(name="Gemeente Utrecht"),
    )
    initiative.themes.add(energy)
    initiative.sustainable_development_goals.add(
        SustainableDevelopmentGoal.objects.get(number=7)
    )
    SoughtSector.objects.create(initiative=initiative, sector=HelixSector.KNOWLEDGE)
    initiative.tags.add("warmtenet")
    return initiative


def _university(energy, **fields):
    university = OrganisationFactory(
        **{
            "name": "Technische Universiteit Eindhoven",
            "sector": HelixSector.KNOWLEDGE,
            "kind": OrganisationKind.UNIVERSITY,
            "description": (
                "Onderzoek naar warmtenet, restwarmte en warmtepompen voor "
                "aardgasvrije wijken."
            ),
            **EINDHOVEN,
            **fields,
        }
    )
    university.themes.add(energy)
    university.expertise.add("Warmtenet")
    return university


def _unrelated_company():
    return OrganisationFactory(
        name="Lisbon Fashion House",
        sector=HelixSector.BUSINESS,
        kind=OrganisationKind.COMPANY,
        description="Designer clothes and shoes for the summer season.",
        **LISBON,
    )


def _ranked(suggested):
    return [s.organisation_id for s in suggested]


def test_the_organisation_that_fits_comes_before_one_that_does_not(
    heat_network, energy
):
    university = _university(energy)
    company = _unrelated_company()
    suggested = compute.suggestions_for_initiatives([heat_network.pk])[heat_network.pk]
    ranked = _ranked(suggested)
    assert ranked[0] == university.pk
    assert company.pk not in ranked or ranked.index(company.pk) > 0
    best = suggested[0]
    assert best.rank == 1
    assert best.parts["sector"] == 1.0
    assert best.parts["themes"] == 1.0
    assert best.parts["tags"] == 1.0
    assert best.parts["text"] > 0.2
    assert 0.5 < best.parts["distance"] < 1.0
    assert set(best.parts) == set(PARTS)
    assert all(0 <= value <= 1 for value in best.parts.values())
    assert [s.rank for s in suggested] == list(range(1, len(suggested) + 1))


def test_owner_partners_and_unapproved_organisations_are_never_suggested(
    heat_network, energy
):
    partner = _university(energy)
    InitiativePartnerFactory(initiative=heat_network, organisation=partner)
    invited = _university(energy, name="Invited University")
    InitiativePartnerFactory(
        initiative=heat_network, organisation=invited, state=PartnerState.INVITED
    )
    pending = _university(energy, status=ModerationStatus.PENDING)
    suspended = _university(energy, status=ModerationStatus.SUSPENDED)
    ranked = _ranked(
        compute.suggestions_for_initiatives([heat_network.pk], k=100)[heat_network.pk]
    )
    for organisation in (heat_network.owner, partner, invited, pending, suspended):
        assert organisation.pk not in ranked


def test_an_initiative_that_is_not_public_gets_no_suggestions(heat_network, energy):
    _university(energy)
    heat_network.status = ModerationStatus.PENDING
    heat_network.save()
    assert compute.suggestions_for_initiatives([heat_network.pk]) == {
        heat_network.pk: []
    }


def test_partners_of_partners_count_as_past_collaboration(heat_network, energy):
    partner = OrganisationFactory(name="Stedin")
    InitiativePartnerFactory(initiative=heat_network, organisation=partner)
    colleague = _university(energy, name="Hogeschool Utrecht")
    earlier = InitiativeFactory(owner=partner, stage="completed")
    InitiativePartnerFactory(initiative=earlier, organisation=colleague)
    stranger = _university(energy, name="Universiteit Twente")
    suggested = {
        s.organisation_id: s
        for s in compute.suggestions_for_initiatives([heat_network.pk], k=100)[
            heat_network.pk
        ]
    }
    assert suggested[colleague.pk].parts["collaboration"] > 0
    assert suggested[stranger.pk].parts["collaboration"] == 0
    assert suggested[colleague.pk].score > suggested[stranger.pk].score


def test_an_organisation_is_shown_the_initiatives_it_could_help(heat_network, energy):
    university = _university(energy)
    suggested = compute.suggestions_for_organisations([university.pk])[university.pk]
    assert suggested[0].initiative_id == heat_network.pk
    assert suggested[0].organisation_id == university.pk
    owner_lists = compute.suggestions_for_organisations([heat_network.owner.pk])
    assert heat_network.pk not in [
        s.initiative_id for s in owner_lists[heat_network.owner.pk]
    ]


def test_one_pass_over_everything_agrees_with_one_initiative_at_a_time(
    heat_network, energy
):
    _university(energy)
    _unrelated_company()
    for_initiatives, for_organisations = compute.suggestions_all()
    alone = compute.suggestions_for_initiatives([heat_network.pk])[heat_network.pk]
    assert for_initiatives[heat_network.pk] == alone
    university_list = for_organisations[alone[0].organisation_id]
    assert heat_network.pk in [s.initiative_id for s in university_list]
