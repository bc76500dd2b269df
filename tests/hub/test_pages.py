import pytest
from wagtail.models import Page

from hub.factories import HubPartnerFactory, StandardPageFactory
from hub.models import HomePage, StandardPage

pytestmark = pytest.mark.smoke


@pytest.mark.django_db
class TestHomePage:
    def test_english_home_page_is_served_with_its_language(self, client, demo_site):
        response = client.get("/en/")
        assert response.status_code == 200
        assert b'<html lang="en"' in response.content
        assert "Climate-neutral and smart cities" in response.text

    def test_dutch_home_page_is_served_with_its_language(self, client, demo_site):
        response = client.get("/nl/")
        assert response.status_code == 200
        assert b'<html lang="nl"' in response.content
        assert "Klimaatneutrale en slimme steden" in response.text
        assert "Naar de hoofdinhoud" in response.text

    def test_bare_address_sends_visitors_to_a_language(self, client, demo_site):
        response = client.get("/", headers={"accept-language": "nl"})
        assert response.status_code == 302
        assert response["Location"] == "/nl/"

    def test_language_switcher_links_to_the_translation_of_this_page(
        self, client, demo_site
    ):
        response = client.get("/en/about/")
        assert 'href="/nl/over/"' in response.text

    def test_footer_links_to_the_accessibility_statement_in_the_visitors_language(
        self, client, demo_site
    ):
        assert 'href="/en/accessibility/"' in client.get("/en/").text
        assert 'href="/nl/toegankelijkheid/"' in client.get("/nl/").text

    def test_footer_names_the_hubs_partners(self, client, demo_site):
        assert "Amsterdam Smart City" in client.get("/en/").text

    def test_about_page_is_in_the_main_navigation(self, client, demo_site):
        response = client.get("/nl/")
        assert 'href="/nl/over/"' in response.text

    def test_unknown_address_answers_with_a_translated_not_found_page(
        self, client, demo_site
    ):
        response = client.get("/nl/bestaat-niet/")
        assert response.status_code == 404
        assert "Pagina niet gevonden" in response.text

    def test_home_page_needs_a_fixed_number_of_queries(
        self, client, demo_site, django_assert_max_num_queries
    ):
        client.get("/en/")  # warm caches that Wagtail fills once per process
        with django_assert_max_num_queries(20):
            client.get("/en/")

    def test_queries_do_not_grow_with_the_menu_or_the_partners(
        self, client, demo_site, django_assert_max_num_queries
    ):
        menu_links = client.get("/en/").text.count('class="hub-nav__link"')
        for _ in range(10):
            StandardPageFactory(parent=demo_site, show_in_menus=True)
            HubPartnerFactory()
        client.get("/en/")
        with django_assert_max_num_queries(20):
            response = client.get("/en/")
        assert response.text.count('class="hub-nav__link"') == menu_links + 10


@pytest.mark.django_db
class TestPageTreeRules:
    def test_home_page_lives_only_at_the_top_of_the_tree(self, demo_site):
        root = Page.get_first_root_node()
        assert HomePage.can_exist_under(root)
        assert not HomePage.can_exist_under(demo_site)

    def test_standard_pages_live_under_home_and_standard_pages(self, demo_site):
        about = StandardPage.objects.get(slug="about")
        assert StandardPage.can_exist_under(demo_site)
        assert StandardPage.can_exist_under(about)
        assert not StandardPage.can_exist_under(Page.get_first_root_node())

    def test_each_language_has_one_home_page_at_most(self, demo_site):
        root = Page.get_first_root_node()
        assert not HomePage.can_create_at(root)
