import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_no_axe_violations
from tests.browser.forms import fill_sign_up

PAGES = [
    ("/en/", "Climate-neutral and smart cities"),
    ("/nl/", "Klimaatneutrale en slimme steden"),
    ("/en/about/", "About the hub"),
    ("/nl/over/", "Over de hub"),
    ("/en/accessibility/", "Accessibility statement"),
    ("/nl/toegankelijkheid/", "Toegankelijkheidsverklaring"),
    ("/en/privacy/", "Privacy statement"),
    ("/nl/privacy/", "Privacyverklaring"),
    ("/en/accounts/signup/", "Create an account"),
    ("/nl/accounts/signup/", "Account aanmaken"),
    ("/en/accounts/login/", "Log in"),
    ("/nl/accounts/login/", "Inloggen"),
    ("/en/accounts/password/reset/", None),
    ("/nl/does-not-exist/", "Pagina niet gevonden"),
    ("/en/search/?q=mobility", "Search"),
    ("/nl/search/?q=regen&kind=99999", "Zoeken"),
]


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_page_has_no_accessibility_violations(page, path, heading):
    page.goto(path)
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert page.locator("html").get_attribute("lang") == path[1:3]
    assert_no_axe_violations(page)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_language_switcher_opens_the_same_page_in_dutch(page):
    page.goto("/en/about/")
    page.get_by_role("navigation", name="Language").get_by_role(
        "link", name="Nederlands"
    ).click()
    expect(page).to_have_url(re.compile(r"/nl/over/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Over de hub")


def test_landmarks_are_present(page):
    page.goto("/en/")
    for role in ("banner", "main", "contentinfo"):
        expect(page.get_by_role(role)).to_have_count(1)
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()


def test_sign_up_error_is_announced_and_keeps_what_was_typed(page):
    fill_sign_up(page, "en", "mayor@example.org", "Amsterdam-2030", consent=False)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Please agree to the privacy statement")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("mayor@example.org")
    assert_no_axe_violations(page)


def test_keyboard_focus_is_clearly_visible(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the skip link, onto the site name
    outline = page.evaluate(
        "() => { const style = getComputedStyle(document.activeElement);"
        " return [style.outlineStyle, parseFloat(style.outlineWidth)]; }"
    )
    assert outline[0] != "none"
    assert outline[1] >= 2
