"""Suggestions from the registry in the database: the code the jobs run."""

import pytest
from django.utils import timezone

from hub.models import SustainableDevelopmentGoal, Theme
from partners.factories import OrganisationFactory
from partners.models import HelixSector, ModerationStatus, OrganisationKind
from projects.factories import InitiativeFactory, InitiativePartnerFactory
from projects.matching import compute, engine, registry
from projects.matching.registry import NEWCOMER_SHARE, TRACK_RECORD_FULL
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


def _suggested(initiative):
    return {
        s.organisation_id: s
        for s in compute.suggestions_for_initiatives([initiative.pk], k=100)[
            initiative.pk
        ]
    }


def test_work_on_a_much_like_initiative_counts_as_similar_work(heat_network, energy):
    veteran = _university(energy, name="Hogeschool Utrecht")
    earlier = InitiativeFactory(
        title="Warmtenet Kanaleneiland",
        summary=heat_network.summary,
        description=heat_network.description,
        stage="completed",
    )
    InitiativePartnerFactory(initiative=earlier, organisation=veteran)
    designer = _unrelated_company()
    InitiativeFactory(
        owner=designer,
        title="Summer collection",
        summary="Designer clothes and shoes for the summer season.",
        description="A show of the new collection in Lisbon's old town.",
    )
    suggested = _suggested(heat_network)
    assert suggested[veteran.pk].parts["similar_work"] > 0.8
    assert suggested[designer.pk].parts["similar_work"] == 0


def test_the_initiative_itself_is_no_similar_work_of_its_members(heat_network):
    partner = OrganisationFactory(name="Stedin")
    InitiativePartnerFactory(initiative=heat_network, organisation=partner)
    arrays = registry.registry_load([heat_network.pk])
    columns = [
        arrays.organisation_ids.tolist().index(organisation.pk)
        for organisation in (heat_network.owner, partner)
    ]
    similar = arrays.initiatives.similar_work.toarray()
    assert similar[0, columns].tolist() == [0.0, 0.0]


def test_activity_grows_with_the_track_record_up_to_twenty_initiatives(
    heat_network, energy
):
    now = timezone.now()
    newcomer = _university(energy, name="Nieuwe Hogeschool", reconfirmed_at=now)
    busy = _university(energy, name="Drukke Universiteit", reconfirmed_at=now)
    busiest = _university(energy, name="Drukste Universiteit", reconfirmed_at=now)
    for organisation, count in ((busy, 10), (busiest, TRACK_RECORD_FULL)):
        for _ in range(count):
            InitiativeFactory(owner=organisation)
    suggested = _suggested(heat_network)
    activity = [
        suggested[organisation.pk].parts["activity"]
        for organisation in (newcomer, busy, busiest)
    ]
    assert activity[0] == pytest.approx(NEWCOMER_SHARE, abs=1e-3)
    # On a logarithmic scale: the tenth initiative is not nearly the last.
    assert 0.8 < activity[1] < 0.9
    assert activity[2] == pytest.approx(1.0, abs=1e-3)


def test_only_the_most_alike_past_initiatives_count(heat_network, energy, monkeypatch):
    closest = _university(energy, name="Hogeschool Utrecht")
    close = _university(energy, name="Universiteit Twente")
    for organisation, title in ((closest, heat_network.title), (close, "Warmte")):
        past = InitiativeFactory(
            title=title,
            summary=heat_network.summary,
            description=heat_network.description,
        )
        InitiativePartnerFactory(initiative=past, organisation=organisation)
    monkeypatch.setattr(engine, "SIMILAR_INITIATIVES_AT_MOST", 1)
    suggested = _suggested(heat_network)
    assert suggested[closest.pk].parts["similar_work"] > 0.8
    assert suggested[close.pk].parts["similar_work"] == 0
