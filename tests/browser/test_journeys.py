import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from hub.factories import UserFactory
from tests.browser.accessibility import assert_no_axe_violations
from tests.browser.forms import fill_sign_up

# These journeys write: each runs on a database that is flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_signs_up_confirms_the_address_and_is_signed_in(writing_page):
    page = writing_page
    fill_sign_up(page, "nl", "wethouder@example.org", "Utrecht-gezond-2030")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page)

    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[-1].body)[0]
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.get_by_role("button").filter(has_text=re.compile("Bevestig")).click()
    page.goto("/nl/accounts/login/")
    page.get_by_label("E-mail").fill("wethouder@example.org")
    page.get_by_label("Wachtwoord").fill("Utrecht-gezond-2030")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def test_sign_up_works_without_javascript(writing_page_without_javascript):
    page = writing_page_without_javascript
    fill_sign_up(page, "en", "citizen@example.org", "Eindhoven-light-2030")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Verify", re.IGNORECASE)
    )


def test_editors_admin_and_userbar_stay_on_this_site_under_the_policy(writing_page):
    page = writing_page
    UserFactory(username="editor", is_superuser=True, is_staff=True, verified=True)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-Long-test-passphrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.wait_for_load_state("networkidle")  # the dashboard's own late requests
    page.goto("/en/")
    expect(page.locator("wagtail-userbar")).to_have_count(1)


def test_visitor_asks_an_expert_a_question_and_is_thanked(writing_page):
    page = writing_page
    page.goto("/nl/experts/adviseur-klimaatadaptatie/")
    page.get_by_label("Uw naam").fill("Wethouder van Zwolle")
    page.get_by_label("Uw e-mailadres").fill("wethouder@zwolle.example")
    page.get_by_label("Uw vraag").fill("Hoe beginnen we met waterpleinen?")
    page.get_by_role("button", name="Verzenden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt")
    assert_no_axe_violations(page)


def test_reader_posts_a_comment_that_awaits_moderation(writing_page):
    page = writing_page
    UserFactory(email="reader@example.org", verified=True)
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill("reader@example.org")
    page.get_by_label("Password").fill("a-Long-test-passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.goto("/en/news/shared-mobility-the-norm/")
    page.get_by_label("Your comment").fill("Our city tried bike sharing in 2024.")
    page.get_by_role("button", name="Post comment").click()
    comments = page.get_by_role("region", name="Comments")
    expect(comments).to_contain_text("Our city tried bike sharing in 2024.")
    expect(comments).to_contain_text("Awaiting moderation")
    assert_no_axe_violations(page)
