"""Issue #5's whole journey, in English and in Dutch: a member of an approved
organisation registers an initiative, a registry moderator approves it, and it
is in the list, on the map and in the open-data downloads; axe runs on every
public page on the way."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus
from projects.models import Initiative
from tests.browser.accessibility import assert_no_axe_violations
from tests.browser.admin import registry_moderator, sign_in_to_the_admin
from tests.browser.conftest import _guarded, _new_page
from tests.browser.test_initiative_discovery import TILES, _tile_png
from tests.browser.test_initiative_registration import LABELS
from tests.browser.test_registration import EMAIL, log_in

pytestmark = pytest.mark.django_db(transaction=True)

TITLES = {"en": "Water squares in Delft", "nl": "Waterpleinen in Delft"}


@pytest.fixture
def member(transactional_db):
    user = UserFactory(email=EMAIL, verified=True)
    OrganisationFactory(owner=user, name="Gemeente Delft", slug="gemeente-delft")
    return user


@pytest.fixture
def visitor(browser, live_server, request):
    """Another person's tab, whose map tiles come from a local picture."""
    page, outside, problems = _new_page(browser, live_server.url, request)
    png = _tile_png()
    page.route(
        TILES,
        lambda route: route.fulfill(status=200, content_type="image/png", body=png),
    )
    yield from _guarded(page, outside, problems)


def _register(page, language: str, title: str) -> None:
    words = LABELS[language]
    log_in(page)
    page.goto(f"/{language}/my/initiatives/")
    page.get_by_role("link", name=words["register"]).click()
    assert_no_axe_violations(page)
    page.get_by_label(words["title"], exact=True).fill(title)
    page.get_by_label(words["summary"], exact=True).fill(
        "Squares that hold the rain of a cloudburst and are playgrounds otherwise."
    )
    page.get_by_label(words["city"], exact=True).fill("Delft")
    page.get_by_label(words["country"], exact=True).select_option(
        label=words["netherlands"]
    )
    page.get_by_role("checkbox", name=words["theme"]).check()
    page.get_by_role("button", name=words["send"]).click()
    expect(page.locator(".hub-dashboard__item")).to_contain_text(words["awaiting"])
    assert_no_axe_violations(page)


def _approve(page, title: str) -> None:
    page.context.clear_cookies()
    registry_moderator()
    sign_in_to_the_admin(page, "mira")
    page.get_by_role("link", name="Open the initiatives’ queue").click()
    page.get_by_role("link", name=title, exact=True).click()
    page.get_by_role("link", name="Review").first.click()
    page.get_by_label("Approve: the initiative becomes public").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text(f"Your decision on “{title}”")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_registered_approved_and_in_the_list_on_the_map_and_in_the_downloads(
    writing_page, visitor, member, language
):
    title = TITLES[language]
    _register(writing_page, language, title)
    initiative = Initiative.objects.get(title=title)
    assert initiative.status == ModerationStatus.PENDING
    page_url = f"/{language}/initiatives/{initiative.slug}/"
    assert visitor.goto(page_url).status == 404

    _approve(writing_page, title)
    initiative.refresh_from_db()
    assert initiative.is_public

    visitor.goto(f"/{language}/initiatives/?q=Delft")
    expect(visitor.get_by_role("link", name=title)).to_be_visible()
    expect(visitor.locator("#initiative-map")).to_have_attribute("data-state", "ready")
    expect(visitor.locator("#initiative-map .hub-map-marker")).to_have_count(1)
    assert_no_axe_violations(visitor)

    geojson = visitor.request.get(f"/{language}/data/initiatives.geojson?q=Delft")
    features = geojson.json()["features"]
    assert [feature["properties"]["title"] for feature in features] == [title]
    longitude, latitude = features[0]["geometry"]["coordinates"]
    assert (round(longitude), round(latitude)) == (4, 52)  # Delft
    rows = csv.DictReader(
        io.StringIO(visitor.request.get(f"/{language}/data/initiatives.csv").text())
    )
    assert title in {row["title"] for row in rows}

    visitor.get_by_role("link", name=title).click()
    expect(visitor).to_have_url(re.compile(re.escape(page_url) + "$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    assert_no_axe_violations(visitor)
