import re

import pytest
from playwright.sync_api import expect

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus
from projects import selectors
from projects.factories import InitiativeFactory, InitiativePartnerFactory
from projects.models import Initiative, PartnerState
from tests.browser.accessibility import assert_no_axe_violations
from tests.browser.test_registration import EMAIL, log_in

# These journeys write: each runs on a database that is flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)

LABELS = {
    "en": {
        "my": "My initiatives",
        "register": "Register an initiative",
        "title": "Title",
        "summary": "Summary",
        "city": "City",
        "country": "Country",
        "netherlands": "Netherlands",
        "theme": "Mobility",
        "draft": "Save draft",
        "send": "Send for review",
        "resume": "Resume",
        "draft_status": "Draft.",
        "awaiting": "Awaiting review.",
        "theme_error": "Please choose at least one theme.",
    },
    "nl": {
        "my": "Mijn initiatieven",
        "register": "Initiatief aanmelden",
        "title": "Titel",
        "summary": "Samenvatting",
        "city": "Plaats",
        "country": "Land",
        "netherlands": "Nederland",
        "theme": "Mobiliteit",
        "draft": "Concept opslaan",
        "send": "Ter beoordeling versturen",
        "resume": "Verdergaan",
        "draft_status": "Concept.",
        "awaiting": "Wacht op beoordeling.",
        "theme_error": "Kies ten minste één thema.",
    },
}


@pytest.fixture
def member(db):
    user = UserFactory(email=EMAIL, verified=True)
    OrganisationFactory(owner=user, name="Gemeente Delft", slug="delft")
    return user


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_member_registers_an_initiative_in_steps(writing_page, member, language):
    page, words = writing_page, LABELS[language]
    log_in(page)
    page.goto(f"/{language}/")
    page.get_by_role("link", name=words["my"]).click()
    expect(page).to_have_url(re.compile(rf"/{language}/my/initiatives/$"))
    assert_no_axe_violations(page)  # the empty dashboard
    page.get_by_role("link", name=words["register"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["register"])
    assert_no_axe_violations(page)

    # Only the title, saved as a draft.
    page.get_by_label(words["title"], exact=True).fill("Water squares in Delft")
    page.get_by_role("button", name=words["draft"]).click()
    expect(page).to_have_url(re.compile(r"/initiatives/water-squares-in-delft/edit/$"))
    # The demo site has initiatives of its own: this one is found by its title.
    drafted = Initiative.objects.get(title="Water squares in Delft")
    assert drafted.status == ModerationStatus.DRAFT

    # Resumed from the dashboard, sent without a theme: the error keeps the rest.
    page.get_by_role("link", name=words["my"]).click()
    card = page.locator(".hub-dashboard__item")
    expect(card).to_contain_text(words["draft_status"])
    card.get_by_role("link", name=re.compile(words["resume"])).click()
    expect(page.get_by_label(words["title"], exact=True)).to_have_value(
        "Water squares in Delft"
    )
    page.get_by_label(words["summary"], exact=True).fill(
        "Squares that hold rain in a storm."
    )
    page.get_by_label(words["city"], exact=True).fill("Delft")
    page.get_by_label(words["country"], exact=True).select_option(
        label=words["netherlands"]
    )
    page.get_by_role("button", name=words["send"]).click()
    expect(page.locator(".hub-error-summary")).to_contain_text(words["theme_error"])
    expect(page.get_by_label(words["summary"], exact=True)).to_have_value(
        "Squares that hold rain in a storm."
    )
    assert_no_axe_violations(page)  # the form with its errors

    page.get_by_role("checkbox", name=words["theme"]).check()
    page.get_by_role("button", name=words["send"]).click()
    expect(page).to_have_url(re.compile(rf"/{language}/my/initiatives/$"))
    expect(page.locator(".hub-dashboard__item")).to_contain_text(words["awaiting"])
    initiative = Initiative.objects.get(title="Water squares in Delft")
    assert initiative in selectors.initiatives_awaiting_review()
    assert initiative.city == "Delft"
    assert [theme.slug for theme in initiative.themes.all()] == ["mobility"]
    assert_no_axe_violations(page)


def test_the_dashboard_partners_page_and_invitations_have_no_violations(
    writing_page, member
):
    page = writing_page
    delft = member.memberships.get().organisation
    initiative = InitiativeFactory(owner=delft, slug="lights", title="Smart lights")
    InitiativeFactory(
        owner=delft,
        status=ModerationStatus.CHANGES_REQUESTED,
        status_reason="Please name the street.",
    )
    InitiativePartnerFactory(initiative=initiative, state=PartnerState.INVITED)
    InitiativePartnerFactory(
        organisation=delft, state=PartnerState.INVITED, role="Test site"
    )
    log_in(page)
    page.goto("/en/my/initiatives/")
    expect(
        page.get_by_role("heading", name="Invitations to be a partner")
    ).to_be_visible()
    assert_no_axe_violations(page)

    page.goto("/en/initiatives/lights/partners/?q=Organisation")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Partners of Smart lights"
    )
    assert_no_axe_violations(page)

    page.goto("/en/initiatives/lights/edit/")
    assert_no_axe_violations(page)
