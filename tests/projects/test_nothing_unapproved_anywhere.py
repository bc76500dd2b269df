"""Issue #5: an initiative that is not public (a draft, awaiting review, sent
back, rejected, suspended, paused, or of an organisation that is not approved)
appears on no public surface: not the list, the map, a download, the API, a
theme or organisation page, the sitemap, the news feed or the site search."""

import datetime

import pytest
from django.core.cache import cache

from hub.models import Theme
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus
from projects.factories import InitiativeFactory, InitiativePartnerFactory
from projects.models import Initiative

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": {"status": ModerationStatus.DRAFT},
    "pending": {"status": ModerationStatus.PENDING},
    "sent-back": {"status": ModerationStatus.CHANGES_REQUESTED},
    "rejected": {"status": ModerationStatus.REJECTED},
    "suspended": {"status": ModerationStatus.SUSPENDED},
    "paused": {"paused_at": datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)},
    "owner-pending": {"owner__status": ModerationStatus.PENDING},
    "owner-suspended": {"owner__status": ModerationStatus.SUSPENDED},
}
# In every hidden one's title and slug, so that one search of a page finds
# any of them (pages that repeat the visitor's query are searched for
# "lanterns", which all the titles share).
MARK = "zzhidden"


@pytest.fixture
def hidden_and_public(demo_site):
    """One initiative in each hidden state, all on the mobility theme and in
    Utrecht like the public one beside them, partnering the same company."""
    company = OrganisationFactory(name="Lantern Works", slug="lantern-works")
    public = InitiativeFactory(title="Public lanterns", slug="public-lanterns")
    created = [public]
    for state, fields in HIDDEN.items():
        created.append(
            InitiativeFactory(title=f"{MARK} {state}", slug=f"{MARK}-{state}", **fields)
        )
    mobility = Theme.objects.get(slug="mobility", locale__language_code="en")
    for initiative in created:
        initiative.themes.add(mobility)
        InitiativePartnerFactory(initiative=initiative, organisation=company)
    cache.clear()
    return public


SURFACES = [
    "/en/initiatives/",
    "/en/initiatives/?q=lanterns",
    "/en/initiatives/?theme=mobility",
    "/nl/initiatives/",
    "/en/initiatives/map.geojson",
    "/en/data/initiatives.csv",
    "/en/data/initiatives.json",
    "/en/data/initiatives.geojson",
    f"/en/data/initiatives.json?q={MARK}",
    "/api/v1/initiatives/",
    f"/api/v1/initiatives/?q={MARK}",
    "/en/organisations/lantern-works/",
    "/en/themes/mobility/",
    "/nl/themas/mobility/",
    "/sitemap.xml",
    "/en/news/feed/",
    "/en/search/?q=lanterns",
]


@pytest.mark.parametrize("path", SURFACES)
def test_no_hidden_initiative_on_a_public_surface(client, hidden_and_public, path):
    response = client.get(path)
    assert response.status_code == 200, path
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert MARK.encode() not in body.lower()


@pytest.mark.parametrize("state", list(HIDDEN))
def test_each_hidden_initiative_has_no_page_or_api_record(
    client, hidden_and_public, state
):
    assert client.get(f"/en/initiatives/{MARK}-{state}/").status_code == 404
    assert client.get(f"/api/v1/initiatives/{MARK}-{state}/").status_code == 404


def test_the_public_one_is_on_those_surfaces(client, hidden_and_public):
    # Proof that the surfaces above would show an initiative if they could.
    for path in [
        "/en/initiatives/",
        "/en/data/initiatives.json",
        "/api/v1/initiatives/",
    ]:
        assert b"Public lanterns" in client.get(path).content, path
    assert b"public-lanterns" in client.get("/sitemap.xml").content
    organisation_page = client.get("/en/organisations/lantern-works/").content
    assert b"Public lanterns" in organisation_page
    assert Initiative.objects.public().filter(slug="public-lanterns").exists()
