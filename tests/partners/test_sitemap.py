from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.factories import OrganisationFactory
from partners.models import ModerationStatus

pytestmark = pytest.mark.django_db

SITE = "http://localhost:8000"  # the demo site's Site record
NAMESPACES = {
    "sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def _sitemap(client) -> dict[str, dict[str, str]]:
    """Each address in the sitemap, with the hreflang alternates listed for it."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urlset = ElementTree.fromstring(response.content)  # noqa: S314 -- our own XML
    return {
        url.findtext("sitemap:loc", namespaces=NAMESPACES): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", NAMESPACES)
        }
        for url in urlset.findall("sitemap:url", NAMESPACES)
    }


def test_lists_approved_organisations_in_english_and_dutch(client, demo_site):
    sitemap = _sitemap(client)
    versions = {
        "en": f"{SITE}/en/organisations/city-of-utrecht/",
        "nl": f"{SITE}/nl/organisations/city-of-utrecht/",
        "x-default": f"{SITE}/en/organisations/city-of-utrecht/",
    }
    assert sitemap[f"{SITE}/en/organisations/city-of-utrecht/"] == versions
    assert sitemap[f"{SITE}/nl/organisations/city-of-utrecht/"] == versions


@pytest.mark.parametrize(
    "status",
    [
        ModerationStatus.PENDING,
        ModerationStatus.CHANGES_REQUESTED,
        ModerationStatus.REJECTED,
        ModerationStatus.SUSPENDED,
    ],
)
def test_leaves_out_organisations_that_are_not_approved(client, demo_site, status):
    OrganisationFactory(slug="not-public", status=status)
    addresses = set(_sitemap(client))
    assert not {address for address in addresses if "/not-public/" in address}
    assert f"{SITE}/en/organisations/rooftop-rain-sensors/" not in addresses


def test_says_when_an_organisation_last_changed(client, demo_site):
    response = client.get("/sitemap.xml")
    assert "<lastmod>" in response.text


def test_queries_do_not_grow_with_the_number_of_organisations(client, demo_site):
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as before:
        client.get("/sitemap.xml")
    OrganisationFactory.create_batch(10)
    with CaptureQueriesContext(connection) as after:
        client.get("/sitemap.xml")
    assert len(after) == len(before)


def test_lists_the_organisations_directory_in_both_languages(client, demo_site):
    sitemap = _sitemap(client)
    english = f"{SITE}/en/organisations/"
    assert sitemap[english]["nl"] == f"{SITE}/nl/organisations/"
    assert f"{SITE}/nl/organisations/" in sitemap
