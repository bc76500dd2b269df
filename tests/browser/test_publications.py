import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_no_axe_violations

PAGES = [
    ("/en/themes/", "Themes"),
    ("/nl/themas/", "Thema's"),
    ("/en/themes/mobility/", "Mobility"),
    ("/nl/themas/mobility/", "Mobiliteit"),
    ("/en/news/", "News"),
    ("/nl/nieuws/?theme=mobility", "Nieuws"),
    ("/en/news/vng-backs-g5-smart-city-strategy/", None),
    ("/nl/nieuws/vng-steunt-g5-smart-city-strategie/", None),
    ("/en/events/", "Events"),
    ("/nl/evenementen/", "Evenementen"),
    ("/en/events/masterclass-heat-proof-streets/", "Masterclass: heat-proof streets"),
    ("/nl/evenementen/masterclass-hittebestendige-straten/", None),
    ("/en/publications/", "Publications"),
    ("/en/publications/100-climate-neutral-cities/", None),
    ("/nl/publicaties/100-klimaatneutrale-steden/", None),
    ("/en/mayors-manual/", "The Mayor's Manual"),
    ("/nl/mayors-manual/", "The Mayor's Manual"),
    ("/en/mayors-manual/let-the-rain-stay/", "Dear mayor, let the rain stay"),
    ("/nl/mayors-manual/laat-de-regen-blijven/", None),
    ("/en/publications/magazine/", "NL Smart Cities Magazine"),
    ("/en/publications/magazine/cocreating-future-cities/", None),
    ("/nl/publicaties/magazine/cocreating-future-cities/", None),
    ("/en/experts/", "Experts"),
    ("/nl/experts/adviseur-klimaatadaptatie/", "Adviseur klimaatadaptatie"),
]


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_publication_page_has_no_accessibility_violations(page, path, heading):
    page.goto(path)
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert page.locator("html").get_attribute("lang") == path[1:3]
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "section",
    ["Themes", "News", "Events", "Publications", "The Mayor's Manual", "Experts"],
)
def test_every_section_is_reachable_from_the_main_navigation(page, section):
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name=section
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(section)


def test_news_filters_work_without_javascript_too(page):
    page.goto("/en/news/")
    page.get_by_label("Theme").select_option(label="Mobility")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"theme=mobility"))
    expect(page.locator(".hub-card")).to_have_count(2)
