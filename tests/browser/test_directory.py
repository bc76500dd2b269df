import re

import pytest
from playwright.sync_api import expect

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus
from tests.browser.accessibility import assert_no_axe_violations

# Dutch texts come later: the Dutch pages are checked by their structure.
PAGES = [
    ("/en/organisations/", "Organisations"),
    ("/nl/organisations/", None),
    ("/en/organisations/?sector=knowledge&theme=mobility", "Organisations"),
    ("/nl/organisations/?q=zeppelin", None),
    ("/en/organisations/?sector=spaceships&sdg=99", "Organisations"),
    ("/en/organisations/city-of-utrecht/", "City of Utrecht (Utrecht)"),
    ("/nl/organisations/city-of-utrecht/", "City of Utrecht (Utrecht)"),
    ("/en/organisations/tno/", None),
    ("/nl/organisations/green-schoolyards-foundation/", None),
]


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_directory_page_has_no_accessibility_violations(page, path, heading):
    page.goto(path)
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    else:
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert page.locator("html").get_attribute("lang") == path[1:3]
    assert_no_axe_violations(page)


def test_directory_is_reachable_from_the_main_navigation(page):
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Organisations"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/organisations/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")


def test_filtering_with_htmx_updates_the_results_and_the_address(page):
    page.goto("/en/organisations/")
    # Survives only if the page is not loaded again.
    page.evaluate("() => { window.stillTheSamePage = true; }")
    page.get_by_label("Sector").select_option(label="Knowledge institution")
    page.get_by_role("button", name="Show organisations").click()
    expect(page).to_have_url(re.compile(r"sector=knowledge"))
    results = page.locator("#organisation-results .hub-card")
    expect(results).to_have_count(2)
    expect(page.get_by_role("status")).to_have_text("2 organisations")
    assert page.evaluate("() => window.stillTheSamePage") is True
    page.get_by_role("link", name="Eindhoven University of Technology").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Eindhoven University of Technology"
    )
    page.go_back()
    expect(page).to_have_url(re.compile(r"sector=knowledge"))
    expect(results).to_have_count(2)
    assert_no_axe_violations(page)


def test_search_with_htmx_says_when_nothing_matches(page):
    page.goto("/en/organisations/")
    page.get_by_label("Search", exact=True).fill("zeppelin")
    page.get_by_role("button", name="Show organisations").click()
    expect(page.get_by_role("status")).to_have_text("0 organisations")
    expect(page.get_by_text("No organisation matches these filters.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=zeppelin"))


@pytest.mark.django_db(transaction=True)
def test_filtering_works_without_javascript(writing_page_without_javascript):
    page = writing_page_without_javascript
    page.goto("/en/organisations/")
    page.get_by_label("City").fill("Eindhoven")
    page.get_by_label("Kind of organisation").select_option(label="University")
    page.get_by_role("button", name="Show organisations").click()
    expect(page).to_have_url(re.compile(r"kind=university.*city=Eindhoven"))
    expect(page.locator(".hub-card")).to_have_count(1)
    expect(page.get_by_label("City")).to_have_value("Eindhoven")
    expect(
        page.get_by_role("link", name="Eindhoven University of Technology")
    ).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_owner_sees_their_organisation_awaiting_review(writing_page):
    page = writing_page
    owner = UserFactory(email="owner@example.org", verified=True)
    OrganisationFactory(
        name="Zwolle Heat Lab",
        slug="zwolle-heat-lab",
        status=ModerationStatus.CHANGES_REQUESTED,
        status_reason="Please say what the lab offers to others.",
        owner=owner,
    )
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill("owner@example.org")
    page.get_by_label("Password").fill("a-Long-test-passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.goto("/nl/organisations/zwolle-heat-lab/")
    expect(
        page.get_by_text("Please say what the lab offers to others.")
    ).to_be_visible()
    expect(page.locator(".hub-status-banner")).to_have_count(1)
    assert_no_axe_violations(page)
    page.goto("/en/organisations/zwolle-heat-lab/")
    expect(page.get_by_text("Status: Changes requested.")).to_be_visible()
    expect(page.get_by_role("link", name="Members")).to_be_visible()
    assert_no_axe_violations(page)
