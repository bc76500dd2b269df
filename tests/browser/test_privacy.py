import json
import re

import pytest
from playwright.sync_api import expect

from hub.factories import UserFactory
from hub.models import User
from partners.factories import OrganisationFactory
from tests.browser.accessibility import assert_no_axe_violations

# Signed-in pages: the person is made in the test, so these run on a database
# that is flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-Long-test-passphrase"


def _log_in(page, email):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_privacy_and_delete_pages_have_no_accessibility_violations(
    writing_page, language
):
    page = writing_page
    person = UserFactory(email="ans@example.org", verified=True)
    _log_in(page, person.email)
    # allauth's account pages lead to it, in the same navigation.
    page.goto(f"/{language}/accounts/email/")
    assert_no_axe_violations(page)
    page.locator(f".hub-account-nav a[href='/{language}/account/privacy/']").click()
    expect(page).to_have_url(re.compile(f"/{language}/account/privacy/$"))
    assert page.locator("html").get_attribute("lang") == language
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(f"/{language}/account/delete/")
    expect(page.locator("input[name=password]")).to_be_visible()
    assert_no_axe_violations(page)

    # With an organisation they alone own, the page explains what comes first.
    OrganisationFactory(name="Gemeente Zwolle", owner=person)
    page.reload()
    expect(page.locator("#deletion-blockers")).to_contain_text("Gemeente Zwolle")
    expect(page.locator("input[name=password]")).to_have_count(0)
    assert_no_axe_violations(page)


def test_person_downloads_their_data_then_deletes_their_account(writing_page):
    page = writing_page
    UserFactory(email="bram@example.org", first_name="Bram", verified=True)
    _log_in(page, "bram@example.org")
    page.get_by_role("contentinfo").get_by_role(
        "link", name="Your data and account"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data and account")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data").click()
    download = download_info.value
    assert download.suggested_filename == "smart-cities-hub-my-data.json"
    with open(download.path(), encoding="utf-8") as file:
        assert json.load(file)["account"]["email"] == "bram@example.org"

    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("That is not your password.")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("status")).to_contain_text("Your account has been deleted.")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert not User.objects.filter(email="bram@example.org").exists()
