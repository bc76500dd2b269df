"""The public list of initiatives, its map data and each initiative's page."""

import datetime
import json
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from hub.factories import UserFactory
from hub.models import SustainableDevelopmentGoal, Theme
from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import HelixSector, ModerationStatus
from projects.factories import InitiativeFactory, InitiativePartnerFactory
from projects.models import (
    InitiativeImage,
    InitiativeLink,
    InitiativeSource,
    InitiativeStage,
    PartnerState,
    SoughtSector,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_initiatives")]

LIST = "/en/initiatives/"
MAP_DATA = "/en/initiatives/map.geojson"
NOT_PUBLIC = [
    {"status": ModerationStatus.DRAFT},
    {"status": ModerationStatus.PENDING},
    {"status": ModerationStatus.CHANGES_REQUESTED},
    {"status": ModerationStatus.REJECTED},
    {"status": ModerationStatus.SUSPENDED},
    {"paused_at": datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)},
    {"owner__status": ModerationStatus.SUSPENDED},
    {"owner__status": ModerationStatus.PENDING},
]


def _titles(response) -> list[str]:
    return [initiative.title for initiative in response.context["initiatives"]]


def _theme(slug):
    return Theme.objects.get(slug=slug, locale__language_code="en")


def _classified(initiative, *, themes=(), goals=(), tags=(), sectors=()):
    initiative.themes.set(themes)
    initiative.sustainable_development_goals.set(goals)
    initiative.tags.set(tags)
    for sector in sectors:
        SoughtSector.objects.create(initiative=initiative, sector=sector)
    return initiative


def _image() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (40, 20), "#0b4f6c").save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def catalogue(db):
    """Three public initiatives that differ in every facet."""
    return {
        "lighting": _classified(
            InitiativeFactory(
                title="Smart lighting on the Stratumseind",
                summary="Street lights that dim when the street is empty.",
                stage=InitiativeStage.RUNNING,
                city="Eindhoven",
                country="NL",
                start_date=datetime.date(2024, 3, 1),
            ),
            themes=[_theme("climate-mitigation-energy")],
            goals=SustainableDevelopmentGoal.objects.filter(number=7),
            sectors=[HelixSector.BUSINESS],
        ),
        "schoolyards": _classified(
            InitiativeFactory(
                title="Green schoolyards",
                summary="Tiles out, trees and rain gardens in.",
                stage=InitiativeStage.IDEA,
                city="Utrecht",
                country="NL",
                start_date=datetime.date(2023, 9, 1),
            ),
            themes=[_theme("healthy-urban-living")],
            goals=SustainableDevelopmentGoal.objects.filter(number=3),
            sectors=[HelixSector.CIVIL_SOCIETY],
        ),
        "harbour": _classified(
            InitiativeFactory(
                title="Antwerp harbour heat",
                summary="Waste heat from the port warms the city's homes.",
                stage=InitiativeStage.PLANNING,
                city="Antwerp",
                country="BE",
                latitude=51.2194,
                longitude=4.4025,
            ),
            themes=[_theme("climate-mitigation-energy"), _theme("mobility")],
            goals=SustainableDevelopmentGoal.objects.filter(number=13),
            sectors=[HelixSector.KNOWLEDGE, HelixSector.BUSINESS],
        ),
    }


def _hidden(overrides: dict):
    return InitiativeFactory(title="Hidden harbour lab", **overrides)


class TestInitiativeList:
    def test_lists_public_initiatives_newest_first(self, client, catalogue):
        response = client.get(LIST)
        assert response.status_code == 200
        assert _titles(response) == [
            "Antwerp harbour heat",
            "Green schoolyards",
            "Smart lighting on the Stratumseind",
        ]
        assert "3 initiatives" in response.text

    @pytest.mark.parametrize("overrides", NOT_PUBLIC)
    def test_never_lists_an_initiative_that_is_not_public(
        self, client, catalogue, overrides
    ):
        _hidden(overrides)
        assert "Hidden harbour lab" not in client.get(LIST).text
        assert "Hidden harbour lab" not in client.get(LIST, {"q": "Hidden"}).text

    @pytest.mark.parametrize(
        ("facet", "value", "expected"),
        [
            ("theme", "healthy-urban-living", {"Green schoolyards"}),
            (
                "theme",
                "climate-mitigation-energy",
                {"Smart lighting on the Stratumseind", "Antwerp harbour heat"},
            ),
            ("sdg", "13", {"Antwerp harbour heat"}),
            ("stage", "idea", {"Green schoolyards"}),
            (
                "sector",
                "business",
                {"Smart lighting on the Stratumseind", "Antwerp harbour heat"},
            ),
            ("sector", "civil_society", {"Green schoolyards"}),
            ("country", "BE", {"Antwerp harbour heat"}),
            ("city", "eindhoven", {"Smart lighting on the Stratumseind"}),
        ],
    )
    def test_each_facet_narrows_the_list(
        self, client, catalogue, facet, value, expected
    ):
        assert set(_titles(client.get(LIST, {facet: value}))) == expected

    def test_combines_facets(self, client, catalogue):
        response = client.get(LIST, {"sector": "business", "country": "NL"})
        assert _titles(response) == ["Smart lighting on the Stratumseind"]

    def test_offers_only_the_countries_where_initiatives_are(self, client, catalogue):
        InitiativeFactory(country="DE", status=ModerationStatus.PENDING)
        html = client.get(LIST, {"country": "BE"}).text
        assert '<option value="BE" selected>Belgium</option>' in html
        assert '<option value="NL">Netherlands</option>' in html
        assert '<option value="DE"' not in html

    def test_searches_titles_and_summaries(self, client, catalogue):
        assert _titles(client.get(LIST, {"q": "schoolyards"})) == ["Green schoolyards"]
        assert _titles(client.get(LIST, {"q": "rain gardens"})) == ["Green schoolyards"]
        assert _titles(client.get(LIST, {"q": "waste heat port"})) == [
            "Antwerp harbour heat"
        ]

    def test_search_puts_the_best_match_first(self, client, catalogue):
        InitiativeFactory(
            title="Neighbourhood batteries",
            summary="Shared batteries store the heat pumps' power; no heat network.",
        )
        response = client.get(LIST, {"q": "harbour heat"})
        assert _titles(response)[0] == "Antwerp harbour heat"

    @pytest.mark.parametrize(
        ("sort", "expected"),
        [
            (
                "title",
                [
                    "Antwerp harbour heat",
                    "Green schoolyards",
                    "Smart lighting on the Stratumseind",
                ],
            ),
            (
                "start",
                [
                    "Green schoolyards",
                    "Smart lighting on the Stratumseind",
                    "Antwerp harbour heat",
                ],
            ),
            (
                "newest",
                [
                    "Antwerp harbour heat",
                    "Green schoolyards",
                    "Smart lighting on the Stratumseind",
                ],
            ),
        ],
    )
    def test_sorts_as_chosen(self, client, catalogue, sort, expected):
        assert _titles(client.get(LIST, {"sort": sort})) == expected

    @pytest.mark.parametrize(
        ("name", "value", "message"),
        [
            ("theme", "astrology", "There is no theme “astrology”."),
            ("sdg", "18", "There is no goal “18”."),
            ("sdg", "thirteen", "There is no goal “thirteen”."),
            ("stage", "dreaming", "There is no stage “dreaming”."),
            ("sector", "spaceships", "There is no sector “spaceships”."),
            ("country", "XX", "No listed initiative takes place in “XX”."),
            ("sort", "random", "There is no order “random”."),
        ],
    )
    def test_explains_an_unknown_filter_value_and_keeps_the_others(
        self, client, catalogue, name, value, message
    ):
        response = client.get(LIST, {name: value, "city": "Utrecht"})
        assert response.status_code == 200
        assert message in response.text
        assert 'aria-invalid="true"' in response.text
        assert 'value="Utrecht"' in response.text
        assert _titles(response) == ["Green schoolyards"]

    def test_explains_unknown_values_in_dutch(self, client, catalogue):
        response = client.get("/nl/initiatives/", {"stage": "dreaming"})
        assert response.status_code == 200
        assert "Er is geen fase “dreaming”." in response.text

    def test_says_so_when_nothing_matches(self, client, catalogue):
        response = client.get(LIST, {"q": "zeppelin"})
        assert "0 initiatives" in response.text
        assert "No initiative matches these filters." in response.text
        assert 'href="/en/initiatives/">Show all initiatives' in response.text

    def test_says_so_when_no_initiative_is_listed_yet(self, client, db):
        assert "No initiatives are listed yet." in client.get(LIST).text

    def test_pages_through_many_initiatives_keeping_the_filters(self, client, db):
        InitiativeFactory.create_batch(25, city="Delft")
        first = client.get(LIST, {"city": "Delft"})
        second = client.get(LIST, {"city": "Delft", "page": 2})
        assert len(first.context["initiatives"]) == 20
        assert len(second.context["initiatives"]) == 5
        assert "Page 2 of 2" in second.text
        assert 'href="?city=Delft&amp;page=2"' in first.text

    def test_cards_show_owner_stage_place_and_themes(self, client, catalogue):
        owner = catalogue["harbour"].owner
        card = client.get(LIST, {"country": "BE"}).text
        assert "Planning · Antwerp, Belgium" in card
        assert "Waste heat from the port warms the city&#x27;s homes." in card
        assert f"By {owner.name}" in card
        assert "Mobility" in card
        assert f'href="/en/initiatives/{catalogue["harbour"].slug}/"' in card

    def test_shows_themes_in_the_visitors_language(self, client, catalogue):
        response = client.get("/nl/initiatives/", {"theme": "healthy-urban-living"})
        assert _titles(response) == ["Green schoolyards"]
        assert "Gezond stedelijk leven" in response.text
        assert "Healthy urban living" not in response.text

    def test_htmx_gets_only_the_results_and_the_new_count(self, client, catalogue):
        response = client.get(LIST, {"country": "BE"}, headers={"HX-Request": "true"})
        assert "<html" not in response.text
        assert "<form" not in response.text
        assert "Antwerp harbour heat" in response.text
        assert 'hx-swap-oob="innerHTML"' in response.text
        assert "1 initiative" in response.text
        assert "HX-Request" in response["Vary"]

    def test_htmx_restoring_its_history_gets_the_whole_page(self, client, catalogue):
        response = client.get(
            LIST, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
        )
        assert "<html" in response.text

    def test_works_without_javascript_and_with_htmx(self, client, catalogue):
        html = client.get(LIST).text
        assert 'method="get" action="/en/initiatives/"' in html
        assert 'hx-get="/en/initiatives/"' in html
        assert 'hx-push-url="true"' in html
        assert "<script>" not in html
        assert " style=" not in html

    def test_offers_a_map_and_a_way_past_it(self, client, catalogue):
        html = client.get(LIST).text
        assert 'aria-labelledby="initiative-map-heading"' in html
        assert 'data-map-data-url="/en/initiatives/map.geojson"' in html
        assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
        assert "OpenStreetMap" in html
        assert 'href="#initiative-results-section"' in html
        assert 'id="initiative-results-section"' in html

    def test_lets_the_map_tiles_through_the_csp_on_this_page_only(
        self, client, catalogue
    ):
        listed = _directives(client.get(LIST)["Content-Security-Policy"])
        assert listed["img-src"] == [
            "'self'",
            "data:",
            "https://tile.openstreetmap.org",
        ]
        # The directives' order is not fixed; scripts stay our own.
        assert listed["script-src"] == ["'self'"]
        home = client.get("/en/")["Content-Security-Policy"]
        assert "openstreetmap" not in home

    def test_is_in_the_main_navigation_marked_as_current(self, client, catalogue):
        assert 'href="/en/initiatives/">Initiatives</a>' in client.get("/en/").text
        assert 'href="/en/initiatives/" aria-current="page"' in client.get(LIST).text
        detail = client.get(catalogue["harbour"].get_absolute_url()).text
        assert 'href="/en/initiatives/" aria-current="true"' in detail

    def test_queries_do_not_grow_with_the_number_of_initiatives(
        self, client, db, django_assert_max_num_queries
    ):
        themes = list(Theme.objects.filter(locale__language_code="en")[:3])
        goals = list(SustainableDevelopmentGoal.objects.all()[:3])

        def add(count):
            for initiative in InitiativeFactory.create_batch(count, city="Delft"):
                _classified(
                    initiative, themes=themes, goals=goals, sectors=["business"]
                )

        query = {"sector": "business", "q": "Initiative", "sort": "title"}
        add(5)
        client.get("/nl/initiatives/", query)  # warm caches Wagtail fills once
        with CaptureQueriesContext(connection) as few:
            client.get("/nl/initiatives/", query)
        add(20)
        with django_assert_max_num_queries(len(few)):
            response = client.get("/nl/initiatives/", query)
        assert len(response.context["initiatives"]) == 20
        assert len(few) <= 20


class TestMapData:
    def test_is_a_geojson_feature_collection_longitude_first(self, client, catalogue):
        response = client.get(MAP_DATA)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/geo+json"
        collection = json.loads(response.content)
        assert collection["type"] == "FeatureCollection"
        assert len(collection["features"]) == 3
        for feature in collection["features"]:
            assert feature["type"] == "Feature"
            assert feature["geometry"]["type"] == "Point"
            longitude, latitude = feature["geometry"]["coordinates"]
            assert isinstance(longitude, float)
            assert isinstance(latitude, float)
            assert -180 <= longitude <= 180
            assert -90 <= latitude <= 90
            assert set(feature["properties"]) == {"title", "url", "summary"}
        harbour = next(
            feature
            for feature in collection["features"]
            if feature["properties"]["title"] == "Antwerp harbour heat"
        )
        assert harbour["geometry"]["coordinates"] == [4.4025, 51.2194]
        assert harbour["properties"]["url"] == catalogue["harbour"].get_absolute_url()
        assert harbour["properties"]["summary"] == catalogue["harbour"].summary

    def test_applies_the_lists_filters(self, client, catalogue):
        collection = client.get(MAP_DATA, {"theme": "mobility", "q": "heat"}).json()
        assert [f["properties"]["title"] for f in collection["features"]] == [
            "Antwerp harbour heat"
        ]

    def test_leaves_out_unknown_filter_values(self, client, catalogue):
        response = client.get(MAP_DATA, {"stage": "dreaming", "country": "BE"})
        assert response.status_code == 200
        assert len(response.json()["features"]) == 1

    def test_leaves_out_initiatives_without_a_place(self, client, catalogue):
        InitiativeFactory(title="Nowhere yet", latitude=None, longitude=None)
        titles = [
            f["properties"]["title"] for f in client.get(MAP_DATA).json()["features"]
        ]
        assert "Nowhere yet" not in titles
        assert len(titles) == 3

    @pytest.mark.parametrize("overrides", NOT_PUBLIC)
    def test_never_shows_an_initiative_that_is_not_public(
        self, client, catalogue, overrides
    ):
        _hidden(overrides)
        assert "Hidden harbour lab" not in client.get(MAP_DATA).text

    def test_answers_in_the_visitors_language(self, client, catalogue):
        feature = client.get("/nl/initiatives/map.geojson").json()["features"][0]
        assert feature["properties"]["url"].startswith("/nl/initiatives/")

    def test_queries_do_not_grow_with_the_number_of_initiatives(
        self, client, db, django_assert_max_num_queries
    ):
        InitiativeFactory.create_batch(5)
        query = {"theme": "mobility", "sdg": "7", "stage": "running"}
        with CaptureQueriesContext(connection) as few:
            client.get(MAP_DATA, query)
        InitiativeFactory.create_batch(20)
        with django_assert_max_num_queries(len(few)):
            response = client.get(MAP_DATA)
        assert len(response.json()["features"]) == 25
        assert len(few) <= 6


@pytest.fixture
def full_initiative(catalogue):
    """An initiative with everything its page can show."""
    initiative = catalogue["harbour"]
    initiative.description = "The port's waste heat.\n\nA second paragraph."
    initiative.partners_sought = "A housing corporation with 500 homes."
    initiative.end_date = datetime.date(2027, 12, 31)
    initiative.start_date = datetime.date(2025, 1, 1)
    initiative.contact_email = "heat@antwerp.example.org"
    initiative.save()
    initiative.tags.set(["waste heat", "district heating"])
    initiative.expertise_sought.set(["heat pumps"])
    InitiativeImage.objects.create(
        initiative=initiative, image=_image(), alt_text="The harbour at dusk"
    )
    InitiativeLink.objects.create(
        initiative=initiative, url="https://heat.example.org/", label="Project site"
    )
    return initiative


class TestInitiativePage:
    def test_shows_what_the_initiative_is_and_seeks(self, client, full_initiative):
        response = client.get(full_initiative.get_absolute_url())
        assert response.status_code == 200
        text = response.text
        assert "<h1>Antwerp harbour heat</h1>" in text
        assert "<title>Antwerp harbour heat – Smart Cities Hub</title>" in text
        assert "Waste heat from the port" in text
        assert "<p>A second paragraph.</p>" in text
        assert "Planning" in text
        assert "Antwerp, Belgium" in text
        assert f'href="{full_initiative.owner.get_absolute_url()}"' in text
        assert "1 January 2025" in text
        assert "31 December 2027" in text
        assert "A housing corporation with 500 homes." in text
        assert "Knowledge institution" in text
        assert "heat pumps" in text
        assert "district heating" in text
        assert "Mobility" in text
        assert SustainableDevelopmentGoal.objects.get(number=13).name_en in text
        assert 'alt="The harbour at dusk"' in text
        assert 'href="https://heat.example.org/" rel="noopener">Project site' in text
        assert 'href="mailto:heat@antwerp.example.org"' in text
        assert "Status:" not in text
        assert "noindex" not in text

    def test_names_themes_in_dutch_on_the_dutch_page(self, client, full_initiative):
        text = client.get(f"/nl/initiatives/{full_initiative.slug}/").text
        dutch_mobility = Theme.objects.get(
            translation_key=_theme("mobility").translation_key,
            locale__language_code="nl",
        ).name
        assert dutch_mobility in text
        assert SustainableDevelopmentGoal.objects.get(number=13).name_nl in text

    def test_names_only_confirmed_approved_partners(self, client, catalogue):
        initiative = catalogue["lighting"]
        InitiativePartnerFactory(
            initiative=initiative,
            organisation=OrganisationFactory(name="Signify"),
            role="Supplies the lights",
        )
        InitiativePartnerFactory(
            initiative=initiative,
            organisation=OrganisationFactory(name="Invited Ltd"),
            state=PartnerState.INVITED,
        )
        InitiativePartnerFactory(
            initiative=initiative,
            organisation=OrganisationFactory(
                name="Suspended BV", status=ModerationStatus.SUSPENDED
            ),
        )
        text = client.get(initiative.get_absolute_url()).text
        assert "Signify</a> – Supplies the lights" in text
        assert "Invited Ltd" not in text
        assert "Suspended BV" not in text

    def test_falls_back_to_the_owners_public_contact(self, client, catalogue):
        initiative = catalogue["lighting"]
        initiative.owner.contact_email = "info@owner.example.org"
        initiative.owner.save()
        text = client.get(initiative.get_absolute_url()).text
        assert 'href="mailto:info@owner.example.org"' in text

    def test_shows_no_contact_when_neither_gives_one(self, client, catalogue):
        page = client.get(catalogue["lighting"].get_absolute_url())
        assert "mailto:" not in page.text

    def test_description_is_escaped(self, client, db):
        initiative = InitiativeFactory(description="<script>alert(1)</script>")
        text = client.get(initiative.get_absolute_url()).text
        assert "<script>alert(1)</script>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text

    def test_members_find_how_to_edit_it_and_visitors_how_to_follow_it(
        self, client, catalogue
    ):
        initiative = catalogue["lighting"]
        page_url = f"/en/initiatives/{initiative.slug}/"
        edit_url = f"{page_url}edit/"
        visitor_page = client.get(page_url).text
        assert edit_url not in visitor_page
        assert f"/en/initiatives/{initiative.slug}/follow/" in visitor_page
        member = MembershipFactory(organisation=initiative.owner).user
        client.force_login(member)
        member_page = client.get(page_url).text
        assert f'href="{edit_url}"' in member_page
        assert f'href="/en/initiatives/{initiative.slug}/partners/"' in member_page

    def test_lists_upcoming_events_on_its_themes(self, client, demo_site):
        from publications.models import EventPage

        event = (
            EventPage.objects.live()
            .filter(locale=demo_site.locale, end__gte=timezone.now())
            .exclude(themes=None)
            .first()
        )
        initiative = InitiativeFactory()
        page_url = f"/en/initiatives/{initiative.slug}/"
        assert event.title not in client.get(page_url).text
        initiative.themes.set([event.themes.first()])
        text = client.get(page_url).text
        assert "Upcoming events on its themes" in text
        assert event.title in text

    def test_credits_cordis_for_imported_initiatives(self, client, db):
        imported = InitiativeFactory(source=InitiativeSource.CORDIS, external_id="101")
        assert "CC BY 4.0" in client.get(imported.get_absolute_url()).text
        registered = InitiativeFactory()
        assert "CORDIS" not in client.get(registered.get_absolute_url()).text

    def test_unknown_address_is_not_found(self, client, db):
        assert client.get("/en/initiatives/no-such-thing/").status_code == 404

    @pytest.mark.parametrize("overrides", NOT_PUBLIC)
    def test_hides_an_initiative_that_is_not_public_from_visitors(
        self, client, db, overrides
    ):
        assert client.get(_hidden(overrides).get_absolute_url()).status_code == 404

    def test_hides_it_from_members_of_other_organisations(self, client, db):
        pending = _hidden({"status": ModerationStatus.PENDING})
        client.force_login(MembershipFactory().user)
        assert client.get(pending.get_absolute_url()).status_code == 404

    @pytest.mark.parametrize(
        ("overrides", "explanation"),
        [
            ({"status": ModerationStatus.DRAFT}, "Status: Draft."),
            ({"status": ModerationStatus.PENDING}, "Status: Awaiting review."),
            (
                {
                    "status": ModerationStatus.CHANGES_REQUESTED,
                    "status_reason": "Please name the partners.",
                },
                "Status: Changes requested.",
            ),
            (
                {
                    "status": ModerationStatus.SUSPENDED,
                    "status_reason": "Reported as spam.",
                },
                "Status: Suspended.",
            ),
            (NOT_PUBLIC[5], "Its owners paused this initiative"),
        ],
    )
    def test_members_of_the_owner_see_where_it_stands(
        self, client, member, member_organisation, overrides, explanation
    ):
        initiative = InitiativeFactory(owner=member_organisation, **overrides)
        client.force_login(member)
        response = client.get(initiative.get_absolute_url())
        assert response.status_code == 200
        assert explanation in response.text
        assert overrides.get("status_reason", "") in response.text
        assert '<meta name="robots" content="noindex">' in response.text

    def test_moderators_see_one_awaiting_review(self, client, db, initiative_moderator):
        pending = _hidden({"status": ModerationStatus.PENDING})
        client.force_login(initiative_moderator)
        response = client.get(pending.get_absolute_url())
        assert response.status_code == 200
        assert "Status: Awaiting review." in response.text

    def test_needs_a_fixed_number_of_queries(
        self, client, catalogue, member, django_assert_max_num_queries
    ):
        initiative = catalogue["lighting"]
        # One theme from the start: with none, the events on its themes need
        # no query at all.
        initiative.themes.set([_theme("mobility")])
        client.force_login(member)
        url = initiative.get_absolute_url()
        client.get(url)
        with CaptureQueriesContext(connection) as bare:
            client.get(url)
        _classified(
            initiative,
            themes=Theme.objects.filter(locale__language_code="en"),
            goals=SustainableDevelopmentGoal.objects.all(),
            tags=[f"tag {number}" for number in range(10)],
            sectors=[HelixSector.KNOWLEDGE, HelixSector.GOVERNMENT],
        )
        initiative.expertise_sought.set(["a", "b", "c"])
        InitiativePartnerFactory.create_batch(5, initiative=initiative)
        for number in range(3):
            InitiativeImage.objects.create(
                initiative=initiative, image=_image(), alt_text=f"Photo {number}"
            )
            InitiativeLink.objects.create(
                initiative=initiative,
                url=f"https://example.org/{number}",
                label=f"Link {number}",
            )
        with django_assert_max_num_queries(len(bare)):
            response = client.get(url)
        assert response.text.count("Photo ") == 3
        # With the follow button, the news about it and the events on its themes.
        assert len(bare) <= 31


class TestOrganisationPage:
    def test_lists_the_initiatives_it_runs_and_takes_part_in(self, client, catalogue):
        organisation = catalogue["lighting"].owner
        InitiativePartnerFactory(
            initiative=catalogue["harbour"], organisation=organisation
        )
        InitiativePartnerFactory(
            initiative=catalogue["schoolyards"],
            organisation=organisation,
            state=PartnerState.INVITED,
        )
        InitiativeFactory(
            title="Hidden harbour lab",
            owner=organisation,
            status=ModerationStatus.PENDING,
        )
        text = client.get(organisation.get_absolute_url()).text
        assert 'id="organisation-initiatives"' in text
        assert "Smart lighting on the Stratumseind</a> (runs it, running)" in text
        assert "Antwerp harbour heat</a> (partner, planning)" in text
        assert "Green schoolyards" not in text
        assert "Hidden harbour lab" not in text

    def test_has_no_initiatives_section_without_initiatives(self, client, db):
        organisation = OrganisationFactory()
        assert (
            "organisation-initiatives"
            not in client.get(organisation.get_absolute_url()).text
        )

    def test_queries_do_not_grow_with_its_initiatives(
        self, client, db, django_assert_max_num_queries
    ):
        organisation = OrganisationFactory()
        InitiativeFactory(owner=organisation)
        url = organisation.get_absolute_url()
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        InitiativeFactory.create_batch(5, owner=organisation)
        for initiative in InitiativeFactory.create_batch(5):
            InitiativePartnerFactory(initiative=initiative, organisation=organisation)
        with django_assert_max_num_queries(len(few)):
            response = client.get(url)
        assert response.text.count("(partner, running)") == 5


def test_the_hidden_lab_is_unknown_to_a_stranger_too(client, db):
    """A signed-in visitor who is in no organisation gets the same 404."""
    hidden = _hidden({"paused_at": timezone.now()})
    client.force_login(UserFactory(verified=True))
    assert client.get(hidden.get_absolute_url()).status_code == 404


@pytest.mark.smoke
def test_list_map_and_page_work_on_the_embedded_default(client, catalogue):
    """Also run on SQLite (``make run``): search falls back to containment."""
    response = client.get(LIST, {"q": "schoolyards", "sort": "relevance"})
    assert _titles(response) == ["Green schoolyards"]
    assert _titles(client.get(LIST, {"theme": "mobility", "sort": "start"})) == [
        "Antwerp harbour heat"
    ]
    assert len(client.get(MAP_DATA).json()["features"]) == 3
    detail = client.get(catalogue["harbour"].get_absolute_url())
    assert detail.status_code == 200


def _directives(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as directive -> its sources."""
    named = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in named}
