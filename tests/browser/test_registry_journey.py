"""The registry's whole journey, as issue #4 defines done: sign up, verify the
e-mail address, register an organisation, a moderator approves it, and it is
public — in English and in Dutch, with axe run on every public page on the way."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from hub.factories import UserFactory
from partners.models import ModerationStatus, Organisation
from tests.browser.accessibility import assert_no_axe_violations
from tests.browser.forms import fill_sign_up

pytestmark = pytest.mark.django_db(transaction=True)

GROUP_MIGRATION = importlib.import_module(
    "partners.migrations.0003_registry_moderators_group"
)
PASSWORD = "Helix-2030-together"
WORDS = {
    "en": {
        "create": "Create account",
        "confirm": "Confirm",
        "email": "Email",
        "password": "Password",
        "log_in": "Log in",
        "log_out": "Log out",
        "mine": "My organisations",
        "register": "Register an organisation",
        "submit": "Register for review",
        "name": "Name",
        "sector": "Helix sector",
        "kind": "Kind of organisation",
        "city": "City",
        "country": "Country",
        "pending": "Awaiting review",
        "directory": "Organisations",
    },
    "nl": {
        "create": "Account aanmaken",
        "confirm": "Bevestig",
        "email": "E-mail",
        "password": "Wachtwoord",
        "log_in": "Inloggen",
        "log_out": "Uitloggen",
        "mine": "Mijn organisaties",
        "register": "Organisatie aanmelden",
        "submit": "Aanmelden ter beoordeling",
        "name": "Naam",
        "sector": "Helixsector",
        "kind": "Soort organisatie",
        "city": "Plaats",
        "country": "Land",
        "pending": "Wacht op beoordeling",
        "directory": "Organisaties",
    },
}


def _sign_up_and_verify(page, language: str, email: str) -> None:
    words = WORDS[language]
    fill_sign_up(page, language, email, PASSWORD)
    assert_no_axe_violations(page)
    page.get_by_role("button", name=words["create"]).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page)
    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[-1].body)[0]
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    assert_no_axe_violations(page)
    page.get_by_role("button").filter(has_text=re.compile(words["confirm"])).click()


def _log_in(page, language: str, email: str) -> None:
    words = WORDS[language]
    page.goto(f"/{language}/accounts/login/")
    assert_no_axe_violations(page)
    page.get_by_label(words["email"]).fill(email)
    page.get_by_label(words["password"]).fill(PASSWORD)
    page.get_by_role("button", name=words["log_in"]).click()
    expect(page.get_by_role("button", name=words["log_out"])).to_be_visible()


def _register(page, language: str, name: str) -> None:
    words = WORDS[language]
    page.get_by_role("link", name=words["mine"]).click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=words["register"]).click()
    assert_no_axe_violations(page)
    page.get_by_label(words["name"], exact=True).fill(name)
    page.get_by_label(words["sector"], exact=True).select_option("government")
    page.get_by_label(words["kind"], exact=True).select_option("municipality")
    page.get_by_label(words["city"], exact=True).fill("Zwolle")
    page.get_by_label(words["country"], exact=True).select_option("NL")
    page.get_by_role("button", name=words["submit"]).click()
    # The owner sees the page while it waits, with its status explained.
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator("main")).to_contain_text(words["pending"])
    assert_no_axe_violations(page)
    page.get_by_role("link", name=words["mine"]).click()
    expect(page.locator("main")).to_contain_text(words["pending"])
    assert_no_axe_violations(page)


def _approve_in_the_admin(page, name: str) -> None:
    # A flush between transactional tests empties the groups migrations made.
    GROUP_MIGRATION.create_group(apps, None)
    moderator = UserFactory(username="mira", verified=True)
    moderator.groups.add(Group.objects.get(name=GROUP_MIGRATION.GROUP))
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("mira")
    page.get_by_label("Password").fill("a-Long-test-passphrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.wait_for_load_state("networkidle")  # the dashboard's own late requests
    page.get_by_role("link", name="Open the moderation queue").click()
    page.get_by_role("link", name=f"Review “{name}”").click()
    page.get_by_label("Approve: the profile becomes public").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text(f"Your decision on “{name}”")).to_be_visible()


@pytest.mark.parametrize(
    ("language", "name"),
    [("en", "Municipality of Zwolle"), ("nl", "Gemeente Zwolle")],
)
def test_sign_up_register_approve_and_the_organisation_is_public(
    writing_page, browser, live_server, language, name
):
    page = writing_page
    email = f"alderman-{language}@zwolle.example"
    _sign_up_and_verify(page, language, email)
    _log_in(page, language, email)
    _register(page, language, name)
    organisation = Organisation.objects.get(name=name)
    assert organisation.status == ModerationStatus.PENDING

    # Until approved, nobody else finds it.
    visitor = browser.new_context(base_url=live_server.url).new_page()
    response = visitor.goto(organisation.get_absolute_url())
    assert response.status == 404

    page.context.clear_cookies()
    _approve_in_the_admin(page, name)
    organisation.refresh_from_db()
    assert organisation.status == ModerationStatus.APPROVED
    # The owners are told by a task once the decision is committed.
    assert organisation.decisions.filter(action="approve").exists()

    visitor.goto(f"/{language}/organisations/?q=Zwolle")
    assert_no_axe_violations(visitor)
    visitor.get_by_role("link", name=name).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(name)
    expect(visitor.locator("main")).not_to_contain_text(WORDS[language]["pending"])
    assert_no_axe_violations(visitor)
    visitor.context.close()
