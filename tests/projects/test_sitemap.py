import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import ModerationStatus
from projects.factories import InitiativeFactory
from projects.models import Initiative
from tests.partners.test_sitemap import _sitemap

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_initiatives")]

SITE = "http://localhost:8000"  # the demo site's Site record


def test_lists_public_initiatives_in_english_and_dutch(client, demo_site):
    InitiativeFactory(slug="harbour-heat")
    sitemap = _sitemap(client)
    versions = {
        "en": f"{SITE}/en/initiatives/harbour-heat/",
        "nl": f"{SITE}/nl/initiatives/harbour-heat/",
        "x-default": f"{SITE}/en/initiatives/harbour-heat/",
    }
    assert sitemap[f"{SITE}/en/initiatives/harbour-heat/"] == versions
    assert sitemap[f"{SITE}/nl/initiatives/harbour-heat/"] == versions


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": ModerationStatus.DRAFT},
        {"status": ModerationStatus.PENDING},
        {"status": ModerationStatus.CHANGES_REQUESTED},
        {"status": ModerationStatus.REJECTED},
        {"status": ModerationStatus.SUSPENDED},
        {"paused_at": datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)},
        {"owner__status": ModerationStatus.SUSPENDED},
    ],
)
def test_leaves_out_initiatives_that_are_not_public(client, demo_site, overrides):
    InitiativeFactory(slug="not-public", **overrides)
    assert not {address for address in _sitemap(client) if "/not-public/" in address}


def test_queries_do_not_grow_with_the_number_of_initiatives(client, demo_site):
    InitiativeFactory()
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as before:
        client.get("/sitemap.xml")
    InitiativeFactory.create_batch(10)
    with CaptureQueriesContext(connection) as after:
        client.get("/sitemap.xml")
    assert len(after) == len(before)
    listed = [
        address
        for address in _sitemap(client)
        if re.search(r"/initiatives/[^/]+/$", address)
    ]
    # Every public one (the demo site's too), in both languages.
    assert len(listed) == 2 * Initiative.objects.public().count() >= 2 * 11


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("/en/initiatives/", "/nl/initiatives/"),
        ("/en/data/", "/nl/data/"),
        ("/en/data/api/", "/nl/data/api/"),
        ("/en/statistics/", "/nl/statistics/"),
    ],
)
def test_lists_the_initiatives_list_and_the_data_pages_in_both_languages(
    client, demo_site, english, dutch
):
    sitemap = _sitemap(client)
    versions = {
        "en": f"{SITE}{english}",
        "nl": f"{SITE}{dutch}",
        "x-default": f"{SITE}{english}",
    }
    assert sitemap[f"{SITE}{english}"] == versions
    assert sitemap[f"{SITE}{dutch}"] == versions
