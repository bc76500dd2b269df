import re

import pytest
from playwright.sync_api import expect

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from projects import following
from projects.models import NotificationKind
from tests.browser.accessibility import assert_no_axe_violations

# These journeys write: each runs on a database that is flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "follower@example.org"


def log_in(page, language="en"):
    page.goto(f"/{language}/accounts/login/")
    page.locator("input[type=email]").fill(EMAIL)
    page.locator("input[type=password]").fill("a-Long-test-passphrase")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("form[action*='logout'] button")).to_be_visible()


def test_a_user_follows_an_organisation_and_sees_it_on_their_page(writing_page):
    page = writing_page
    UserFactory(email=EMAIL, verified=True)
    OrganisationFactory(name="Gemeente Eindhoven", slug="eindhoven")
    log_in(page)
    page.goto("/en/organisations/eindhoven/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Follow – Gemeente Eindhoven").click()
    expect(page.get_by_text("You now follow Gemeente Eindhoven.")).to_be_visible()
    expect(
        page.get_by_role("button", name="Unfollow – Gemeente Eindhoven")
    ).to_be_visible()
    page.get_by_role("link", name="Following").click()
    expect(page).to_have_url(re.compile(r"/en/my/following/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What I follow")
    expect(page.get_by_role("link", name="Gemeente Eindhoven")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_following_page_has_no_accessibility_violations_in_dutch(writing_page):
    page = writing_page
    user = UserFactory(email=EMAIL, verified=True)
    organisation = OrganisationFactory(name="Gemeente Eindhoven", slug="eindhoven")
    following.follow_create(user=user, target=organisation)
    following.notifications_record(target=organisation, kind=NotificationKind.UPDATED)
    log_in(page, "nl")
    page.goto("/nl/my/following/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat ik volg")
    expect(page.get_by_text("Gemeente Eindhoven is bijgewerkt.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Alles als gelezen markeren").click()
    expect(
        page.get_by_text("Al uw meldingen zijn als gelezen gemarkeerd.")
    ).to_be_visible()
    page.goto("/nl/organisations/eindhoven/")
    assert_no_axe_violations(page)
