import re
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction

from hub.factories import StandardPageFactory
from hub.models import HomePage, StandardPage
from publications.models import MagazineIssuePage
from tests.seo import read_head

pytestmark = pytest.mark.django_db

SITE = "http://localhost:8000"  # the demo site's Site record
SITEMAP_NAMESPACES = {
    "sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
ABOUT_VERSIONS = {
    "en": f"{SITE}/en/about/",
    "nl": f"{SITE}/nl/over/",
    "x-default": f"{SITE}/en/about/",
}


def _sitemap(client) -> dict[str, dict[str, str]]:
    """Each address in the sitemap, with the hreflang alternates listed for it."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urlset = ElementTree.fromstring(response.content)  # noqa: S314 -- our own XML
    return {
        url.findtext("sitemap:loc", namespaces=SITEMAP_NAMESPACES): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", SITEMAP_NAMESPACES)
        }
        for url in urlset.findall("sitemap:url", SITEMAP_NAMESPACES)
    }


def _query_count(client, path: str) -> int:
    client.get(path)  # warm caches that Wagtail fills once per process
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


class TestSitemap:
    def test_lists_every_live_page_in_english_and_dutch(self, client, demo_site):
        # Organisations, initiatives and the data pages have sections of
        # their own (tested in tests/partners and tests/projects).
        addresses = {
            address
            for address in _sitemap(client)
            if not re.search(r"/(organisations|initiatives|data|statistics)/", address)
        }
        live_pages = Page.objects.live().public().filter(depth__gt=1)
        assert len(addresses) == live_pages.count()
        assert {f"{SITE}/en/", f"{SITE}/nl/", f"{SITE}/nl/over/"} <= addresses
        dutch = {address for address in addresses if address.startswith(f"{SITE}/nl/")}
        assert len(dutch) == live_pages.filter(locale__language_code="nl").count()

    def test_links_each_page_to_its_language_versions(self, client, demo_site):
        sitemap = _sitemap(client)
        assert sitemap[f"{SITE}/en/about/"] == ABOUT_VERSIONS
        assert sitemap[f"{SITE}/nl/over/"] == ABOUT_VERSIONS

    def test_leaves_out_unpublished_and_private_pages(self, client, demo_site):
        StandardPageFactory(parent=demo_site, slug="draft", live=False)
        members_only = StandardPageFactory(parent=demo_site, slug="members-only")
        PageViewRestriction.objects.create(
            page=members_only, restriction_type=PageViewRestriction.LOGIN
        )
        addresses = set(_sitemap(client))
        assert f"{SITE}/en/draft/" not in addresses
        assert f"{SITE}/en/members-only/" not in addresses

    def test_queries_do_not_grow_with_the_number_of_pages(self, client, demo_site):
        before = _query_count(client, "/sitemap.xml")
        StandardPageFactory.create_batch(10, parent=demo_site)
        assert _query_count(client, "/sitemap.xml") == before


class TestRobotsTxt:
    def test_keeps_crawlers_out_of_the_admin_and_the_account_pages(self, client):
        response = client.get("/robots.txt")
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        lines = response.text.splitlines()
        assert lines[:2] == ["User-agent: *", "Allow: /"]
        for path in ("/admin/", "/en/accounts/", "/nl/accounts/"):
            assert f"Disallow: {path}" in lines

    def test_names_the_sitemap_by_its_full_address(self, client):
        response = client.get("/robots.txt", secure=True)
        assert "Sitemap: https://testserver/sitemap.xml" in response.text


class TestCanonicalAndHreflang:
    def test_english_page_names_its_own_address_canonical(self, client, demo_site):
        head = read_head(client.get("/en/about/", {"utm_source": "newsletter"}))
        assert head.canonical == f"{SITE}/en/about/"

    def test_dutch_page_names_its_own_address_canonical(self, client, demo_site):
        assert read_head(client.get("/nl/over/")).canonical == f"{SITE}/nl/over/"

    def test_both_language_versions_link_each_other_and_english_as_default(
        self, client, demo_site
    ):
        assert read_head(client.get("/en/about/")).hreflang == ABOUT_VERSIONS
        assert read_head(client.get("/nl/over/")).hreflang == ABOUT_VERSIONS

    def test_page_without_a_translation_links_only_itself(self, client, demo_site):
        page = StandardPageFactory(parent=demo_site, slug="english-only")
        assert read_head(client.get(page.url)).hreflang == {
            "en": f"{SITE}/en/english-only/",
            "x-default": f"{SITE}/en/english-only/",
        }

    def test_unpublished_translation_is_not_linked(self, client, demo_site):
        StandardPage.objects.get(slug="over").unpublish()
        assert "nl" not in read_head(client.get("/en/about/")).hreflang

    def test_pages_outside_wagtail_get_no_canonical_link(self, client, demo_site):
        head = read_head(client.get("/en/accounts/login/"))
        assert head.canonical is None
        assert head.open_graph("og:url") == []

    def test_head_queries_do_not_grow_with_the_number_of_translations(
        self, client, demo_site
    ):
        # English and Dutch first: the language switcher needs one query more
        # for a page that has no Dutch version.
        page = StandardPageFactory(parent=demo_site, slug="soon-in-many-languages")
        _publish_translation(page, "nl")
        two_languages = _query_count(client, page.url)
        _publish_translation(page, "de")
        _publish_translation(page, "fr")
        hreflang = read_head(client.get(page.url)).hreflang
        assert set(hreflang) == {"en", "nl", "de", "fr", "x-default"}
        assert hreflang["fr"] == f"{SITE}/fr/soon-in-many-languages/"
        assert _query_count(client, page.url) == two_languages


def _publish_translation(page: Page, language_code: str) -> None:
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    home = HomePage.objects.get(locale__language_code="en")
    if not home.has_translation(locale):
        home.copy_for_translation(locale).save_revision().publish()
    page.copy_for_translation(locale).save_revision().publish()


class TestOpenGraph:
    def test_english_page_is_described_for_link_previews(self, client, demo_site):
        head = read_head(client.get("/en/about/"))
        about = StandardPage.objects.get(slug="about")
        assert head.open_graph("og:type") == ["website"]
        assert head.open_graph("og:title") == ["About the hub"]
        assert head.open_graph("og:description") == [about.intro]
        assert head.open_graph("og:url") == [f"{SITE}/en/about/"]
        assert head.open_graph("og:site_name") == ["Smart Cities Hub"]
        assert head.open_graph("og:locale") == ["en_GB"]
        assert head.open_graph("og:locale:alternate") == ["nl_NL"]

    def test_dutch_page_is_described_in_dutch(self, client, demo_site):
        head = read_head(client.get("/nl/over/"))
        assert head.open_graph("og:title") == ["Over de hub"]
        assert head.open_graph("og:url") == [f"{SITE}/nl/over/"]
        assert head.open_graph("og:locale") == ["nl_NL"]
        assert head.open_graph("og:locale:alternate") == ["en_GB"]

    def test_search_description_and_seo_title_come_first(self, client, demo_site):
        head = read_head(client.get("/en/"))
        assert head.open_graph("og:title") == [demo_site.seo_title]
        assert head.open_graph("og:description") == [demo_site.search_description]

    def test_article_is_an_open_graph_article(self, client, demo_site):
        head = read_head(client.get("/en/news/shared-mobility-the-norm/"))
        assert head.open_graph("og:type") == ["article"]

    def test_a_page_shows_its_main_image_in_link_previews(self, client, demo_site):
        issue = MagazineIssuePage.objects.live().filter(locale=demo_site.locale).first()
        head = read_head(client.get(issue.url))
        (image_url,) = head.open_graph("og:image")
        assert image_url.startswith(f"{SITE}/")
        assert "fill-1200x630" in image_url
        # Cropped to the previews' 1.91:1, never enlarged (the cover is 800 wide).
        assert head.open_graph("og:image:width") == ["800"]
        assert head.open_graph("og:image:height") == ["420"]
        assert head.open_graph("og:image:alt") == [issue.cover_image.title]
        rendition = issue.cover_image.get_rendition("fill-1200x630|format-jpeg")
        assert image_url == f"{SITE}{rendition.url}"
        assert rendition.file.storage.exists(rendition.file.name)

    def test_the_editors_social_image_comes_first(self, client, demo_site):
        issue = MagazineIssuePage.objects.live().filter(locale=demo_site.locale).first()
        about = StandardPage.objects.get(slug="about")
        assert read_head(client.get("/en/about/")).open_graph("og:image") == []
        about.social_image = issue.cover_image
        about.save_revision().publish()
        (image_url,) = read_head(client.get("/en/about/")).open_graph("og:image")
        rendition = issue.cover_image.get_rendition("fill-1200x630|format-jpeg")
        assert image_url == f"{SITE}{rendition.url}"


class TestStructuredData:
    def test_home_page_describes_the_hub_as_an_organisation(self, client, demo_site):
        head = read_head(client.get("/en/"))
        organisation = head.structured_data("Organization")
        assert organisation["@context"] == "https://schema.org"
        assert organisation["name"] == "Smart Cities Hub"
        assert organisation["url"] == f"{SITE}/en/"

    def test_home_page_has_no_breadcrumbs(self, client, demo_site):
        head = read_head(client.get("/nl/"))
        assert [d["@type"] for d in head.json_ld] == ["Organization"]

    def test_breadcrumbs_run_from_the_home_page_of_the_pages_language(
        self, client, demo_site
    ):
        head = read_head(client.get("/nl/over/"))
        trail = head.structured_data("BreadcrumbList")["itemListElement"]
        assert [(item["position"], item["item"]) for item in trail] == [
            (1, f"{SITE}/nl/"),
            (2, f"{SITE}/nl/over/"),
        ]
        assert trail[-1]["name"] == "Over de hub"

    def test_pages_outside_wagtail_carry_no_structured_data(self, client, demo_site):
        assert read_head(client.get("/en/accounts/signup/")).json_ld == []
