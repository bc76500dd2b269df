import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_no_axe_violations

PAGES = [
    ("/en/data/", "Open data"),
    ("/nl/data/", "Open data"),
    ("/en/data/?country=NL&sector=knowledge", "Open data"),
    ("/en/data/api/", "Open data API"),
    ("/nl/data/api/", "API voor open data"),
    ("/en/statistics/", "Statistics"),
    ("/nl/statistics/", "Statistieken"),
]


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_open_data_page_has_no_accessibility_violations(page, path, heading):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert page.locator("html").get_attribute("lang") == path[1:3]
    assert_no_axe_violations(page)


def test_each_chart_is_an_image_named_by_its_title(page):
    page.goto("/en/statistics/")
    chart = page.get_by_role("img", name=re.compile("^Organisations by helix sector"))
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name="Organisations by helix sector: the numbers")
    expect(table.get_by_role("rowheader", name="Government")).to_be_visible()


def test_the_footer_leads_to_the_data_and_the_statistics(page):
    page.goto("/en/")
    page.get_by_role("contentinfo").get_by_role("link", name="Open data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    page.get_by_role("contentinfo").get_by_role("link", name="Statistics").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistics")


def test_the_directorys_download_links_follow_its_filters(page):
    page.goto("/en/organisations/")
    page.get_by_label("Sector").select_option(label="Knowledge institution")
    page.get_by_role("button", name="Show organisations").click()
    expect(page).to_have_url(re.compile(r"sector=knowledge"))
    expect(
        page.locator("#organisations-downloads").get_by_role("link", name="CSV")
    ).to_have_attribute(
        "href", re.compile(r"/en/data/organisations\.csv\?.*sector=knowledge")
    )
