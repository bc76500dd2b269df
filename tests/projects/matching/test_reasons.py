"""The reasons shown beside a suggestion: worded from the stored parts of its
score and what the two sides have in common, strongest first, in English and
Dutch, for either side."""

import pytest
from django.utils import translation

from hub.models import SustainableDevelopmentGoal, Theme
from partners.factories import OrganisationFactory
from partners.models import HelixSector, OrganisationKind
from projects.factories import InitiativeFactory
from projects.matching import reasons
from projects.matching.reasons import Collaboration, Pair, distance_km
from projects.models import SoughtSector, SuggestionDirection

pytestmark = pytest.mark.django_db

FOR_INITIATIVE = SuggestionDirection.FOR_INITIATIVE
FOR_ORGANISATION = SuggestionDirection.FOR_ORGANISATION


def _theme(slug):
    return Theme.objects.get(slug=slug, locale__language_code="en")


def _translations(language):
    return {
        theme.translation_key: theme
        for theme in Theme.objects.filter(locale__language_code=language)
    }


@pytest.fixture
def initiative():
    initiative = InitiativeFactory(
        title="Smart street lights", latitude=51.4416, longitude=5.4697
    )
    initiative.themes.set([_theme("climate-mitigation-energy"), _theme("mobility")])
    initiative.sustainable_development_goals.set(
        SustainableDevelopmentGoal.objects.filter(number__in=[7, 11, 13])
    )
    initiative.tags.add("open data")
    initiative.expertise_sought.add("sensors", "lighting design")
    SoughtSector.objects.create(initiative=initiative, sector=HelixSector.KNOWLEDGE)
    return initiative


@pytest.fixture
def university():
    # Eindhoven University of Technology, about 3 km from the city centre.
    organisation = OrganisationFactory(
        name="TU Eindhoven",
        sector=HelixSector.KNOWLEDGE,
        kind=OrganisationKind.UNIVERSITY,
        latitude=51.4484,
        longitude=5.4906,
    )
    organisation.themes.set([_theme("mobility"), _theme("climate-mitigation-energy")])
    organisation.sustainable_development_goals.set(
        SustainableDevelopmentGoal.objects.filter(number__in=[7, 11])
    )
    organisation.expertise.add("Sensors")
    organisation.offer_tags.add("open data")
    return organisation


def _texts(initiative, organisation, parts, direction=FOR_INITIATIVE, **pair):
    pair.setdefault("theme_translations", _translations(translation.get_language()))
    found = reasons.reasons(
        Pair(initiative=initiative, organisation=organisation, parts=parts, **pair),
        direction=direction,
    )
    return [reason.text for reason in found]


class TestReasonsForAnInitiativesOwner:
    def test_each_part_in_plain_words(self, initiative, university):
        parts = {"themes": 1.0}
        assert _texts(initiative, university, parts) == [
            "Also works on Climate mitigation and energy and Mobility"
        ]
        assert _texts(initiative, university, {"sector": 1.0}) == [
            "You seek a knowledge institution — this is a university"
        ]
        assert _texts(initiative, university, {"distance": 0.98}) == ["2 km away"]
        assert _texts(initiative, university, {"sdgs": 0.67}) == [
            "Shares your goals: SDG 7, SDG 11"
        ]
        assert _texts(initiative, university, {"tags": 0.67}) == [
            "Offers: open data, Sensors"
        ]
        assert _texts(initiative, university, {"text": 0.4}) == [
            "Describes similar work"
        ]
        assert _texts(initiative, university, {"activity": 0.9}) == ["Recently active"]

    def test_past_collaboration_names_the_partners(self, initiative, university):
        worked = Collaboration(partners=("Gemeente Helmond", "Signify"))
        assert _texts(
            initiative, university, {"collaboration": 1.0}, collaboration=worked
        ) == ["Worked with 2 of your partners: Gemeente Helmond and Signify"]
        with_owner = Collaboration(with_owner=True, owner_name="Gemeente Eindhoven")
        assert _texts(
            initiative, university, {"collaboration": 0.5}, collaboration=with_owner
        ) == ["Has worked with you before"]

    def test_the_strongest_reasons_come_first_and_at_most_four(
        self, initiative, university
    ):
        parts = {
            "text": 0.9,
            "themes": 1.0,
            "sdgs": 0.67,
            "tags": 0.67,
            "sector": 1.0,
            "distance": 0.98,
            "activity": 1.0,
        }
        # Strongest first by what each part adds to the score (weights.py):
        # activity, sector, text, then tags just above themes and distance.
        assert _texts(initiative, university, parts) == [
            "Recently active",
            "You seek a knowledge institution — this is a university",
            "Describes similar work",
            "Offers: open data, Sensors",
        ]

    def test_similar_past_work(self, initiative, university):
        assert _texts(initiative, university, {"similar_work": 0.8}) == [
            "Took part in initiatives much like yours"
        ]
        # Below the cosine at which a past initiative counts: no such work.
        assert _texts(initiative, university, {"similar_work": 0.2}) == []

    def test_weak_parts_give_no_reason(self, initiative, university):
        parts = {"text": 0.05, "distance": 0.1, "sector": 0.0, "activity": 0.2}
        assert _texts(initiative, university, parts) == []

    def test_a_part_the_two_no_longer_share_gives_no_reason(self, initiative):
        stranger = OrganisationFactory(
            sector=HelixSector.BUSINESS, latitude=None, longitude=None
        )
        parts = {"themes": 1.0, "sector": 1.0, "distance": 1.0, "tags": 1.0}
        assert _texts(initiative, stranger, parts) == []

    def test_without_a_kind_the_sector_is_enough(self, initiative):
        institute = OrganisationFactory(sector=HelixSector.KNOWLEDGE, kind="")
        assert _texts(initiative, institute, {"sector": 1.0}) == [
            "You seek a knowledge institution — this is one"
        ]

    def test_in_dutch(self, initiative, university):
        parts = {"themes": 1.0, "sector": 1.0, "distance": 0.98, "sdgs": 0.67}
        with translation.override("nl"):
            texts = _texts(initiative, university, parts)
        assert texts == [
            "U zoekt een kennisinstelling — dit is een universiteit",
            "Werkt ook aan Klimaatmitigatie en energie en Mobiliteit",
            "Op 2 km afstand",
            "Deelt uw doelen: SDG 7, SDG 11",
        ]


class TestReasonsForAnOrganisation:
    def test_each_part_from_the_organisations_side(self, initiative, university):
        parts = {"themes": 1.0, "sector": 1.0, "tags": 0.67, "activity": 1.0}
        assert _texts(initiative, university, parts, FOR_ORGANISATION) == [
            "Seeks a knowledge institution — you are one",
            "Asks for what you offer: open data, Sensors",
            "Works on Climate mitigation and energy and Mobility, as you do",
        ]

    def test_similar_past_work(self, initiative, university):
        texts = _texts(initiative, university, {"similar_work": 1.0}, FOR_ORGANISATION)
        with translation.override("nl"):
            dutch = _texts(
                initiative, university, {"similar_work": 1.0}, FOR_ORGANISATION
            )
        assert texts == ["Much like initiatives you took part in"]
        assert dutch == ["Lijkt veel op initiatieven waaraan u meedeed"]

    def test_past_collaboration_names_whom(self, initiative, university):
        worked = Collaboration(
            with_owner=True, owner_name="Gemeente Eindhoven", partners=("Signify",)
        )
        assert _texts(
            initiative,
            university,
            {"collaboration": 1.0},
            FOR_ORGANISATION,
            collaboration=worked,
        ) == ["You have worked with Gemeente Eindhoven and Signify before"]

    def test_in_dutch(self, initiative, university):
        with translation.override("nl"):
            texts = _texts(
                initiative, university, {"sector": 1.0, "themes": 0.5}, FOR_ORGANISATION
            )
        assert texts == [
            "Zoekt een kennisinstelling — dat bent u",
            "Werkt aan Klimaatmitigatie en energie en Mobiliteit, net als u",
        ]


def test_distance_along_the_earth():
    amsterdam = InitiativeFactory.build(latitude=52.3676, longitude=4.9041)
    rotterdam = OrganisationFactory.build(latitude=51.9244, longitude=4.4777)
    assert distance_km(amsterdam, rotterdam) == pytest.approx(57.5, abs=1)
    nowhere = OrganisationFactory.build(latitude=None, longitude=None)
    assert distance_km(amsterdam, nowhere) is None


def test_long_lists_are_counted():
    assert reasons.listed(["A", "B", "C", "D", "E"]) == "A, B, C and 2 more"
