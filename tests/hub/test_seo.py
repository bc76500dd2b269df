from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from hub.factories import StandardPageFactory

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
        addresses = set(_sitemap(client))
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
