from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from hub.factories import UserFactory
from hub.models import SustainableDevelopmentGoal, Theme
from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import (
    DataSource,
    HelixSector,
    MemberRole,
    ModerationStatus,
    Organisation,
    OrganisationKind,
)
from tests.seo import read_head

pytestmark = pytest.mark.django_db

LIST = "/en/organisations/"
SITE = "http://localhost:8000"  # the demo site's Site record
NOT_PUBLIC = [
    ModerationStatus.PENDING,
    ModerationStatus.CHANGES_REQUESTED,
    ModerationStatus.REJECTED,
    ModerationStatus.SUSPENDED,
]


def _names(response) -> list[str]:
    return [organisation.name for organisation in response.context["organisations"]]


@pytest.fixture
def empty_directory(demo_site):
    """The demo site without its demo organisations."""
    Organisation.objects.all().delete()


def _classified(organisation, *, themes=(), goals=(), tags=()):
    organisation.themes.set(themes)
    organisation.sustainable_development_goals.set(goals)
    organisation.expertise.set(tags)
    return organisation


def _logo() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (40, 20), "#0b4f6c").save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


class TestDirectory:
    def test_lists_approved_organisations_by_name(self, client, empty_directory):
        OrganisationFactory(name="Zwolle Energy Co-op")
        OrganisationFactory(name="Almere Data Lab")
        response = client.get(LIST)
        assert response.status_code == 200
        assert _names(response) == ["Almere Data Lab", "Zwolle Energy Co-op"]
        assert "2 organisations" in response.text

    @pytest.mark.parametrize("status", NOT_PUBLIC)
    def test_never_lists_an_organisation_that_is_not_approved(
        self, client, demo_site, status
    ):
        OrganisationFactory(name="Hidden Harbour Labs", status=status)
        response = client.get(LIST)
        assert "Hidden Harbour Labs" not in response.text
        assert "Hidden Harbour Labs" not in client.get(LIST, {"q": "Hidden"}).text

    def test_leaves_out_the_demo_organisation_awaiting_review(self, client, demo_site):
        assert "Rooftop Rain Sensors" not in client.get(LIST).text

    def test_filters_by_sector(self, client, demo_site):
        response = client.get(LIST, {"sector": HelixSector.KNOWLEDGE})
        assert set(_names(response)) == {
            "Eindhoven University of Technology",
            "Netherlands Organisation for Applied Scientific Research TNO",
        }

    def test_filters_by_kind(self, client, demo_site):
        response = client.get(LIST, {"kind": OrganisationKind.CITIZEN_COLLECTIVE})
        assert _names(response) == ["Warm Strijp"]

    def test_filters_by_theme(self, client, demo_site):
        response = client.get(LIST, {"theme": "healthy-urban-living"})
        assert set(_names(response)) == {
            "City of Utrecht",
            "Green Schoolyards Foundation",
        }

    def test_shows_theme_names_in_the_visitors_language(self, client, demo_site):
        response = client.get("/nl/organisations/", {"theme": "healthy-urban-living"})
        assert len(response.context["organisations"]) == 2
        assert "Gezond stedelijk leven" in response.text
        assert "Healthy urban living" not in response.text

    def test_filters_by_sustainable_development_goal(self, client, demo_site):
        response = client.get(LIST, {"sdg": "6"})
        assert _names(response) == ["City of Rotterdam"]

    def test_filters_by_country_among_those_that_occur(self, client, demo_site):
        OrganisationFactory(name="Ghent Climate Office", city="Ghent", country="BE")
        response = client.get(LIST, {"country": "BE"})
        assert _names(response) == ["Ghent Climate Office"]
        assert '<option value="BE" selected>Belgium</option>' in response.text
        assert '<option value="DE"' not in response.text

    def test_a_hidden_organisations_country_is_not_offered(self, client, demo_site):
        OrganisationFactory(country="DE", status=ModerationStatus.PENDING)
        assert '<option value="DE"' not in client.get(LIST).text

    def test_filters_by_city_whatever_its_case(self, client, demo_site):
        response = client.get(LIST, {"city": "eindhoven"})
        assert set(_names(response)) == {
            "City of Eindhoven",
            "Eindhoven University of Technology",
            "Warm Strijp",
        }

    def test_searches_names_and_descriptions(self, client, demo_site):
        assert _names(client.get(LIST, {"q": "heat network"})) == ["Warm Strijp"]
        assert _names(client.get(LIST, {"q": "TNO"})) == [
            "Netherlands Organisation for Applied Scientific Research TNO"
        ]

    def test_combines_search_and_filters(self, client, demo_site):
        response = client.get(LIST, {"q": "G5", "theme": "mobility"})
        assert set(_names(response)) == {"City of The Hague", "City of Utrecht"}

    def test_explains_an_unknown_sector_and_keeps_the_other_filters(
        self, client, demo_site
    ):
        response = client.get(LIST, {"sector": "spaceships", "city": "Eindhoven"})
        assert response.status_code == 200
        assert (
            "There is no sector “spaceships”. Choose one from the list."
            in response.text
        )
        assert 'aria-invalid="true"' in response.text
        assert 'value="Eindhoven"' in response.text
        assert len(response.context["organisations"]) == 3

    @pytest.mark.parametrize(
        ("name", "value", "message"),
        [
            ("kind", "castle", "There is no kind of organisation “castle”."),
            ("theme", "astrology", "There is no theme “astrology”."),
            ("sdg", "18", "There is no goal “18”."),
            ("sdg", "thirteen", "There is no goal “thirteen”."),
            ("country", "XX", "No listed organisation is based in “XX”."),
        ],
    )
    def test_explains_other_unknown_filter_values(
        self, client, demo_site, name, value, message
    ):
        response = client.get(LIST, {name: value})
        assert response.status_code == 200
        assert message in response.text
        assert len(response.context["organisations"]) == 12

    def test_says_so_when_nothing_matches(self, client, demo_site):
        response = client.get(LIST, {"q": "zeppelin"})
        assert "0 organisations" in response.text
        assert "No organisation matches these filters." in response.text
        assert 'href="/en/organisations/">Show all organisations' in response.text

    def test_says_so_when_no_organisation_is_listed_yet(self, client, empty_directory):
        assert "No organisations are listed yet." in client.get(LIST).text

    def test_pages_through_many_organisations_keeping_the_filters(
        self, client, empty_directory
    ):
        OrganisationFactory.create_batch(25, city="Delft")
        first = client.get(LIST, {"city": "Delft"})
        second = client.get(LIST, {"city": "Delft", "page": 2})
        assert len(first.context["organisations"]) == 20
        assert len(second.context["organisations"]) == 5
        assert "Page 2 of 2" in second.text
        assert 'href="?city=Delft&amp;page=2"' in first.text

    def test_cards_show_place_kind_themes_and_logo(self, client, empty_directory):
        mobility = Theme.objects.get(slug="mobility", locale__language_code="en")
        _classified(
            OrganisationFactory(
                name="Delft Bike Lab",
                city="Delft",
                sector=HelixSector.BUSINESS,
                kind=OrganisationKind.START_UP,
                logo=_logo(),
            ),
            themes=[mobility],
        )
        card = client.get(LIST).text
        assert "Business · Start-up" in card
        assert "Delft, Netherlands" in card
        assert "Mobility" in card
        assert 'class="hub-organisation-card__logo"' in card
        assert 'href="/en/organisations/organisation-' in card

    def test_htmx_gets_only_the_results_and_the_new_count(self, client, demo_site):
        response = client.get(
            LIST, {"sector": HelixSector.KNOWLEDGE}, headers={"HX-Request": "true"}
        )
        assert "<html" not in response.text
        assert "<form" not in response.text
        assert "Eindhoven University of Technology" in response.text
        assert 'hx-swap-oob="innerHTML"' in response.text
        assert "2 organisations" in response.text
        assert "HX-Request" in response["Vary"]

    def test_htmx_restoring_its_history_gets_the_whole_page(self, client, demo_site):
        response = client.get(
            LIST,
            headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
        )
        assert "<html" in response.text

    def test_filter_form_works_without_javascript_and_with_htmx(
        self, client, demo_site
    ):
        html = client.get(LIST).text
        assert 'method="get" action="/en/organisations/"' in html
        assert 'hx-get="/en/organisations/"' in html
        assert 'hx-push-url="true"' in html
        assert "<script>" not in html

    def test_is_in_the_main_navigation_marked_as_current(self, client, demo_site):
        home = client.get("/en/").text
        assert 'href="/en/organisations/">Organisations</a>' in home
        directory = client.get(LIST).text
        assert 'href="/en/organisations/" aria-current="page"' in directory
        organisation_page = client.get("/en/organisations/city-of-utrecht/").text
        assert 'href="/en/organisations/" aria-current="true"' in organisation_page

    def test_tells_search_engines_its_address_in_each_language(self, client, demo_site):
        head = read_head(client.get(LIST, {"sector": HelixSector.BUSINESS}))
        assert head.canonical == f"{SITE}/en/organisations/"
        assert head.hreflang == {
            "en": f"{SITE}/en/organisations/",
            "nl": f"{SITE}/nl/organisations/",
            "x-default": f"{SITE}/en/organisations/",
        }
        assert head.open_graph("og:locale") == ["en_GB"]

    def test_queries_do_not_grow_with_the_number_of_organisations(
        self, client, empty_directory, django_assert_max_num_queries
    ):
        themes = list(Theme.objects.filter(locale__language_code="en")[:3])
        goals = list(SustainableDevelopmentGoal.objects.all()[:3])

        def add(count):
            for organisation in OrganisationFactory.create_batch(count):
                _classified(organisation, themes=themes, goals=goals, tags=["data"])

        add(5)
        client.get("/nl/organisations/")  # warm caches Wagtail fills once
        with CaptureQueriesContext(connection) as few:
            client.get("/nl/organisations/")
        add(20)
        with django_assert_max_num_queries(len(few)):
            response = client.get("/nl/organisations/")
        assert len(response.context["organisations"]) == 20
        assert len(few) <= 20  # 7 for the directory, the rest for the site chrome


class TestOrganisationPage:
    def test_shows_an_approved_organisation_to_anyone(self, client, demo_site):
        response = client.get("/en/organisations/city-of-utrecht/")
        assert response.status_code == 200
        text = response.text
        assert "<h1>City of Utrecht" in text
        assert "(Utrecht)" in text
        assert "Government · Municipality" in text
        assert "Utrecht, Netherlands" in text
        assert 'href="https://www.utrecht.nl/"' in text
        assert "Healthy urban living" in text
        assert SustainableDevelopmentGoal.objects.get(number=3).name_en in text
        assert "air quality" in text
        assert "Experience with measuring air quality" in text
        assert "<title>City of Utrecht – Smart Cities Hub</title>" in text

    def test_names_themes_and_goals_in_dutch_on_the_dutch_page(self, client, demo_site):
        text = client.get("/nl/organisations/city-of-utrecht/").text
        assert "Gezond stedelijk leven" in text
        goal = SustainableDevelopmentGoal.objects.get(number=3)
        assert goal.name_nl in text

    def test_description_is_escaped_and_keeps_its_paragraphs(self, client, demo_site):
        organisation = OrganisationFactory(
            description="<script>alert(1)</script>\n\nWe light streets."
        )
        text = client.get(organisation.get_absolute_url()).text
        assert "<script>alert(1)</script>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        assert "<p>We light streets.</p>" in text

    def test_shows_the_public_contact_address_only_if_given(self, client, demo_site):
        with_contact = client.get(
            "/en/organisations/green-schoolyards-foundation/"
        ).text
        assert 'href="mailto:hello@green-schoolyards.example.org"' in with_contact
        assert "mailto:" not in client.get("/en/organisations/city-of-utrecht/").text

    def test_shows_the_logo_with_its_name_as_alternative_text(self, client, demo_site):
        organisation = OrganisationFactory(name="Delft Bike Lab", logo=_logo())
        text = client.get(organisation.get_absolute_url()).text
        assert 'alt="Logo of Delft Bike Lab"' in text

    def test_unknown_address_is_not_found(self, client, demo_site):
        assert client.get("/en/organisations/no-such-thing/").status_code == 404

    @pytest.mark.parametrize("status", NOT_PUBLIC)
    def test_hides_an_organisation_that_is_not_approved_from_visitors(
        self, client, demo_site, status
    ):
        organisation = OrganisationFactory(status=status)
        assert client.get(organisation.get_absolute_url()).status_code == 404

    def test_hides_it_from_members_of_other_organisations(self, client, demo_site):
        pending = OrganisationFactory(status=ModerationStatus.PENDING)
        other_member = MembershipFactory().user
        client.force_login(other_member)
        assert client.get(pending.get_absolute_url()).status_code == 404

    @pytest.mark.parametrize(
        ("status", "reason", "explanation"),
        [
            (ModerationStatus.PENDING, "", "Status: Awaiting review."),
            (
                ModerationStatus.CHANGES_REQUESTED,
                "Please add your website.",
                "Status: Changes requested.",
            ),
            (ModerationStatus.REJECTED, "This is a test entry.", "Status: Rejected."),
            (
                ModerationStatus.SUSPENDED,
                "Reported as spam.",
                "Status: Suspended.",
            ),
        ],
    )
    def test_members_see_where_it_stands_and_why(
        self, client, demo_site, registrant, status, reason, explanation
    ):
        organisation = OrganisationFactory(
            status=status, status_reason=reason, owner=registrant
        )
        client.force_login(registrant)
        response = client.get(organisation.get_absolute_url())
        assert response.status_code == 200
        assert explanation in response.text
        assert reason in response.text
        assert '<meta name="robots" content="noindex">' in response.text

    def test_moderators_see_an_organisation_awaiting_review(
        self, client, demo_site, moderator
    ):
        client.force_login(moderator)
        response = client.get("/en/organisations/rooftop-rain-sensors/")
        assert response.status_code == 200
        assert "Status: Awaiting review." in response.text
        assert "Ask to join" not in response.text

    def test_approved_page_shows_no_status_banner(self, client, demo_site):
        text = client.get("/en/organisations/city-of-utrecht/").text
        assert "Status:" not in text
        assert 'content="noindex"' not in text

    def test_names_only_members_who_chose_so_and_never_an_address(
        self, client, demo_site
    ):
        organisation = OrganisationFactory()
        shown = UserFactory(
            first_name="Ada", last_name="Lovelace", email="ada@example.org"
        )
        hidden = UserFactory(first_name="Grace", last_name="Hopper")
        MembershipFactory(organisation=organisation, user=shown, shown_publicly=True)
        MembershipFactory(organisation=organisation, user=hidden)
        text = client.get(organisation.get_absolute_url()).text
        assert "Ada Lovelace" in text
        assert "Grace Hopper" not in text
        assert "ada@example.org" not in text
        assert hidden.email not in text

    def test_credits_cordis_for_data_from_it(self, client, demo_site):
        text = client.get("/en/organisations/tno/").text
        assert "Source: CORDIS, European Commission" in text
        organisation = OrganisationFactory(source=DataSource.CORDIS, external_id="1")
        assert "CC BY 4.0" in client.get(organisation.get_absolute_url()).text

    def test_registered_organisations_carry_no_source_line(self, client, demo_site):
        assert "CORDIS" not in client.get("/en/organisations/city-of-utrecht/").text

    def test_anonymous_visitors_are_invited_to_log_in_to_join(self, client, demo_site):
        text = client.get("/en/organisations/city-of-utrecht/").text
        assert (
            'href="/en/accounts/login/?next=/en/organisations/city-of-utrecht/join/"'
            in text
        )
        assert "Log in to ask to join" in text
        assert "/edit/" not in text

    def test_signed_in_visitors_may_ask_to_join(self, client, demo_site, registrant):
        client.force_login(registrant)
        text = client.get("/en/organisations/city-of-utrecht/").text
        assert 'href="/en/organisations/city-of-utrecht/join/">Ask to join' in text
        assert "/edit/" not in text

    def test_editors_may_edit_but_not_manage_members(self, client, demo_site):
        membership = MembershipFactory(role=MemberRole.EDITOR)
        client.force_login(membership.user)
        text = client.get(membership.organisation.get_absolute_url()).text
        slug = membership.organisation.slug
        assert f'href="/en/organisations/{slug}/edit/"' in text
        assert f'href="/en/organisations/{slug}/members/"' not in text
        assert "Ask to join" not in text

    def test_owners_may_edit_and_manage_members(self, client, demo_site, registrant):
        organisation = OrganisationFactory(owner=registrant)
        client.force_login(registrant)
        text = client.get(organisation.get_absolute_url()).text
        assert f'href="/en/organisations/{organisation.slug}/edit/"' in text
        assert f'href="/en/organisations/{organisation.slug}/members/"' in text

    def test_a_suspended_organisation_cannot_be_edited(
        self, client, demo_site, registrant
    ):
        organisation = OrganisationFactory(
            owner=registrant,
            status=ModerationStatus.SUSPENDED,
            status_reason="Reported as spam.",
        )
        client.force_login(registrant)
        text = client.get(organisation.get_absolute_url()).text
        assert "/edit/" not in text

    def test_tells_search_engines_its_address_in_each_language(self, client, demo_site):
        head = read_head(client.get("/nl/organisations/city-of-utrecht/"))
        assert head.canonical == f"{SITE}/nl/organisations/city-of-utrecht/"
        assert head.hreflang == {
            "en": f"{SITE}/en/organisations/city-of-utrecht/",
            "nl": f"{SITE}/nl/organisations/city-of-utrecht/",
            "x-default": f"{SITE}/en/organisations/city-of-utrecht/",
        }
        assert head.open_graph("og:title") == ["City of Utrecht"]
        assert head.open_graph("og:locale") == ["nl_NL"]

    def test_needs_a_fixed_number_of_queries(
        self, client, demo_site, registrant, django_assert_max_num_queries
    ):
        organisation = OrganisationFactory(owner=registrant)
        client.force_login(registrant)
        url = organisation.get_absolute_url()
        client.get(url)
        with CaptureQueriesContext(connection) as bare:
            client.get(url)
        _classified(
            organisation,
            themes=Theme.objects.filter(locale__language_code="en"),
            goals=SustainableDevelopmentGoal.objects.all(),
            tags=[f"tag {number}" for number in range(10)],
        )
        organisation.offer_tags.set(["a", "b", "c"])
        organisation.seek_tags.set(["d", "e", "f"])
        MembershipFactory.create_batch(
            5, organisation=organisation, shown_publicly=True
        )
        with django_assert_max_num_queries(len(bare)):
            client.get(url)
        # 28 alone; 30 after tests that reset cached lookups; +2 for the follow
        # button and the header's count of unread notifications, +1 for the
        # initiatives it runs or is a partner in.
        assert len(bare) <= 33


class TestSiteSearch:
    def test_never_finds_an_organisation_awaiting_review(self, client, demo_site):
        response = client.get("/en/search/", {"q": "Rooftop Rain Sensors"})
        assert response.status_code == 200
        assert [page.title for page in response.context["results"]] == []
        assert "/organisations/rooftop-rain-sensors/" not in response.text
