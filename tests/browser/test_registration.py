import re

import pytest
from playwright.sync_api import expect

from hub.factories import UserFactory
from partners.factories import (
    JoinRequestFactory,
    MembershipFactory,
    OrganisationFactory,
)
from partners.models import ModerationStatus, Organisation
from tests.browser.accessibility import assert_no_axe_violations

# These journeys write: each runs on a database that is flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "registrant@example.org"


def log_in(page, email=EMAIL):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a-Long-test-passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def fill_registration(page, name="Gemeente Eindhoven"):
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Helix sector").select_option(label="Government")
    page.get_by_label("Kind of organisation").select_option(label="Municipality")
    page.get_by_label("City").fill("Eindhoven")
    page.get_by_label("Country").select_option(label="Netherlands")
    page.get_by_label("Expertise").fill("smart lighting, open data")


def test_a_user_registers_an_organisation_and_sees_it_awaiting_review(
    writing_page,
):
    page = writing_page
    UserFactory(email=EMAIL, verified=True)
    log_in(page)
    page.get_by_role("link", name="My organisations").click()
    page.get_by_role("link", name="Register an organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Register an organisation"
    )
    fill_registration(page)
    page.get_by_role("checkbox", name="Mobility").check()
    page.get_by_role("button", name="Register for review").click()
    expect(page).to_have_url(re.compile(r"/en/organisations/gemeente-eindhoven/$"))

    page.goto("/en/my/organisations/")
    card = page.locator(".hub-dashboard__item")
    expect(card).to_contain_text("Gemeente Eindhoven")
    expect(card).to_contain_text("Awaiting review.")
    expect(card).to_contain_text("Your role: Owner")
    organisation = Organisation.objects.get(name="Gemeente Eindhoven")
    assert [theme.slug for theme in organisation.themes.all()] == ["mobility"]


def test_similar_organisations_appear_while_the_name_is_typed(writing_page):
    page = writing_page
    OrganisationFactory(name="Gemeente Eindhoven", slug="eindhoven")
    OrganisationFactory(name="Gemeente Eindhoven-Zuid", status=ModerationStatus.PENDING)
    UserFactory(email=EMAIL, verified=True)
    log_in(page)
    page.goto("/en/organisations/register/")
    similar = page.locator("#similar-organisations")
    expect(similar).to_be_empty()

    page.get_by_label("Name", exact=True).press_sequentially("Gemeente Eindhov")
    expect(similar).to_contain_text("Is this your organisation?")
    expect(
        similar.get_by_role("link", name="Ask to join Gemeente Eindhoven")
    ).to_have_attribute("href", "/en/organisations/eindhoven/join/")
    # Under review: the name only, never a link to it.
    expect(similar).to_contain_text("Gemeente Eindhoven-Zuid")
    expect(similar.get_by_role("link", name=re.compile("Zuid"))).to_have_count(0)
    assert_no_axe_violations(page)

    # Ticked while typing, the confirmation lets the registration through.
    similar.get_by_label("None of these is my organisation").check()
    fill_registration(page, name="Gemeente Eindhoven Noord")
    page.get_by_label("None of these is my organisation").check()
    page.get_by_role("button", name="Register for review").click()
    expect(page).to_have_url(re.compile(r"/en/organisations/gemeente-eindhoven-noord/"))


def test_registration_works_without_javascript(writing_page_without_javascript):
    page = writing_page_without_javascript
    OrganisationFactory(name="Gemeente Eindhoven", slug="eindhoven")
    registered = Organisation.objects.count()  # the demo site's and that one
    UserFactory(email=EMAIL, verified=True)
    log_in(page)
    page.goto("/en/organisations/register/")
    fill_registration(page, name="Gemeente Eindhoven")
    page.get_by_role("button", name="Register for review").click()

    # Nothing is created yet: the similar organisation is offered first.
    expect(
        page.get_by_role("heading", name="Is this your organisation?")
    ).to_be_visible()
    assert Organisation.objects.count() == registered
    expect(page.get_by_label("Name", exact=True)).to_have_value("Gemeente Eindhoven")
    expect(page.get_by_label("City")).to_have_value("Eindhoven")
    page.get_by_label("None of these is my organisation").check()
    page.get_by_role("button", name="Register for review").click()

    page.goto("/en/my/organisations/")
    expect(page.locator(".hub-dashboard__item")).to_contain_text("Awaiting review.")
    assert Organisation.objects.count() == registered + 1


@pytest.mark.parametrize("language", ["en", "nl"])
def test_registry_pages_have_no_accessibility_violations(writing_page, language):
    page = writing_page
    owner = UserFactory(
        email=EMAIL, first_name="Olga", last_name="Owner", verified=True
    )
    organisation = OrganisationFactory(owner=owner, name="Gemeente Delft", slug="delft")
    MembershipFactory(organisation=organisation, user__first_name="Eddy")
    JoinRequestFactory(organisation=organisation, message="May I join?")
    OrganisationFactory(
        owner=owner,
        status=ModerationStatus.CHANGES_REQUESTED,
        status_reason="Please describe what you offer.",
    )
    log_in(page)

    for path in (
        f"/{language}/my/organisations/",
        f"/{language}/organisations/delft/members/",
        f"/{language}/organisations/delft/edit/",
        f"/{language}/organisations/register/",
    ):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_axe_violations(page)

    # The form with its errors shown, and the duplicate check.
    page.locator("#id_name").fill("Gemeente Delft")
    page.locator("form.hub-form button[type=submit]").click()
    expect(page.locator("#id_not_a_duplicate")).to_be_visible()
    expect(page.locator(".utrecht-form-field-error-message").first).to_be_visible()
    assert_no_axe_violations(page)
