"""Finding initiatives in a browser: the list with and without JavaScript,
its map (tiles served from a local picture) and each initiative's page."""

import re
from io import BytesIO

import pytest
from django.conf import settings
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from hub.models import Theme
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus
from projects.factories import InitiativeFactory
from projects.models import Initiative, InitiativeStage
from tests.browser.accessibility import assert_no_axe_violations
from tests.browser.conftest import _guarded, _new_page

# Where the tile server's addresses begin: the only outside host the map's
# page may ask for, answered here by the test itself.
TILES = settings.INITIATIVE_MAP_TILE_URL.split("{", 1)[0] + "**"
PLACES = [
    ("Eindhoven", 51.4416, 5.4697, InitiativeStage.RUNNING),
    ("Utrecht", 52.0907, 5.1214, InitiativeStage.IDEA),
    ("Rotterdam", 51.9244, 4.4777, InitiativeStage.PLANNING),
    ("Groningen", 53.2194, 6.5665, InitiativeStage.RUNNING),
]


def _tile_png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (256, 256), "#dfe9dc").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def initiatives(site_server, django_db_blocker):
    """Four public initiatives in four cities and one awaiting review,
    committed so that the live server sees them. The demo site's are paused
    meanwhile (not deleted: articles name them), and resumed afterwards."""
    with django_db_blocker.unblock():
        demo = list(Initiative.objects.public().values_list("pk", flat=True))
        Initiative.objects.filter(pk__in=demo).update(paused_at=timezone.now())
        owner = OrganisationFactory(name="Brainport Smart District")
        mobility = Theme.objects.get(slug="mobility", locale__language_code="en")
        created = []
        for city, latitude, longitude, stage in PLACES:
            initiative = InitiativeFactory(
                title=f"Shared e-bikes in {city}",
                slug=f"shared-e-bikes-{city.lower()}",
                summary=f"Neighbours in {city} share electric bikes.",
                owner=owner,
                city=city,
                latitude=latitude,
                longitude=longitude,
                stage=stage,
            )
            initiative.themes.set([mobility])
            created.append(initiative)
        InitiativeFactory(
            title="Secret hydrogen hub",
            owner=owner,
            status=ModerationStatus.PENDING,
        )
        yield created
        owner.delete()
        Initiative.objects.filter(pk__in=demo).update(paused_at=None)


@pytest.fixture
def map_page(page):
    """A tab whose tile requests get a local picture, counted in ``tiles``."""
    page.tiles = []
    png = _tile_png()

    def answer(route):
        page.tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=png)

    page.route(TILES, answer)
    return page


@pytest.fixture
def page_without_javascript(browser, site_server, db, request):
    yield from _guarded(
        *_new_page(browser, site_server.url, request, java_script_enabled=False)
    )


def _wait_for_markers(page, count: int):
    expect(page.locator("#initiative-map")).to_have_attribute("data-state", "ready")
    expect(page.locator("#initiative-map .hub-map-marker")).to_have_count(count)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_list_with_its_map_has_no_accessibility_violations(
    map_page, initiatives, language
):
    map_page.goto(f"/{language}/initiatives/")
    expect(map_page.get_by_role("heading", level=1)).to_have_text(
        "Initiatives" if language == "en" else "Initiatieven"
    )
    _wait_for_markers(map_page, 4)
    assert map_page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations(map_page)


def test_map_shows_a_marker_for_each_initiative_on_local_tiles(map_page, initiatives):
    map_page.goto("/en/initiatives/")
    expect(
        map_page.get_by_role("region", name="Map of the initiatives")
    ).to_be_visible()
    _wait_for_markers(map_page, 4)
    expect(
        map_page.locator("#initiative-map img.leaflet-tile-loaded").first
    ).to_be_visible()
    assert map_page.tiles
    assert all(
        url.startswith("https://tile.openstreetmap.org/") for url in map_page.tiles
    )
    expect(map_page.locator(".leaflet-control-attribution")).to_contain_text(
        "OpenStreetMap"
    )
    # Dispatched, not a pointer click: on a busy machine the map may still be
    # panning to its bounds, and a click at the old spot misses the marker.
    map_page.locator("#initiative-map .hub-map-marker").first.dispatch_event("click")
    popup = map_page.locator(".leaflet-popup-content")
    expect(popup.get_by_role("link")).to_have_text(re.compile(r"Shared e-bikes in"))


def test_skip_link_moves_focus_past_the_map_to_the_list(map_page, initiatives):
    map_page.goto("/en/initiatives/")
    _wait_for_markers(map_page, 4)
    skip = map_page.get_by_role(
        "link", name="Skip the map, go to the list of initiatives"
    )
    skip.focus()
    expect(skip).to_be_visible()
    map_page.keyboard.press("Enter")
    assert map_page.evaluate("() => document.activeElement.id") == (
        "initiative-results-section"
    )
    map_page.keyboard.press("Tab")
    focused = map_page.evaluate("() => document.activeElement.textContent")
    assert "Shared e-bikes in" in focused


def test_filtering_with_htmx_updates_list_map_and_address(map_page, initiatives):
    map_page.goto("/en/initiatives/")
    _wait_for_markers(map_page, 4)
    # Survives only if the page is not loaded again.
    map_page.evaluate("() => { window.stillTheSamePage = true; }")
    map_page.get_by_label("Stage").select_option(label="Running")
    map_page.get_by_role("button", name="Show initiatives").click()
    expect(map_page).to_have_url(re.compile(r"stage=running"))
    expect(map_page.locator("#initiative-results .hub-card")).to_have_count(2)
    expect(map_page.get_by_role("status")).to_have_text("2 initiatives")
    _wait_for_markers(map_page, 2)
    assert map_page.evaluate("() => window.stillTheSamePage") is True
    map_page.get_by_role("link", name="Shared e-bikes in Groningen").click()
    expect(map_page.get_by_role("heading", level=1)).to_have_text(
        "Shared e-bikes in Groningen"
    )
    map_page.go_back()
    expect(map_page).to_have_url(re.compile(r"stage=running"))
    expect(map_page.locator("#initiative-results .hub-card")).to_have_count(2)
    _wait_for_markers(map_page, 2)
    assert_no_axe_violations(map_page)


def test_filtering_works_without_javascript(page_without_javascript, initiatives):
    page = page_without_javascript
    page.goto("/en/initiatives/")
    expect(page.locator("[data-initiative-map-section]")).to_be_hidden()
    expect(page.locator(".hub-card")).to_have_count(4)
    page.get_by_label("City").fill("Utrecht")
    page.get_by_role("button", name="Show initiatives").click()
    expect(page).to_have_url(re.compile(r"city=Utrecht"))
    expect(page.locator(".hub-card")).to_have_count(1)
    expect(page.get_by_label("City")).to_have_value("Utrecht")
    expect(page.get_by_role("link", name="Shared e-bikes in Utrecht")).to_be_visible()
    expect(page.get_by_text("Secret hydrogen hub")).to_have_count(0)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_initiative_page_has_no_accessibility_violations(page, initiatives, language):
    page.goto(f"/{language}/initiatives/shared-e-bikes-eindhoven/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Shared e-bikes in Eindhoven"
    )
    expect(page.get_by_role("link", name="Brainport Smart District")).to_be_visible()
    assert_no_axe_violations(page)


def test_initiatives_are_reachable_from_the_main_navigation(map_page, initiatives):
    page = map_page
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Initiatives"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/initiatives/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Initiatives")
