"""A registry moderator works the queue in Wagtail's admin. The admin is
Wagtail's own (not under our policy, not axe-checked), but it must still stay
on this machine."""

import re

import pytest
from playwright.sync_api import expect

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import ModerationAction, ModerationStatus
from tests.browser.admin import registry_moderator, sign_in_to_the_admin

# This journey writes: it runs on a database that is flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)


def test_moderator_approves_a_pending_organisation(writing_page):
    page = writing_page
    registry_moderator()
    organisation = OrganisationFactory(
        name="Gemeente Amersfoort",
        status=ModerationStatus.PENDING,
        owner=UserFactory(verified=True),
    )
    sign_in_to_the_admin(page, "mira")

    page.get_by_role("link", name="Open the moderation queue").click()
    expect(
        page.get_by_role("link", name="Gemeente Amersfoort", exact=True)
    ).to_be_visible()
    page.get_by_role("link", name="Review “Gemeente Amersfoort”").click()
    page.get_by_label("Approve: the profile becomes public").check()
    page.get_by_role("button", name="Save decision").click()

    expect(page.get_by_text("Your decision on “Gemeente Amersfoort”")).to_be_visible()
    history = page.get_by_role("region", name="Moderation history")
    expect(history).to_contain_text("Approved")
    expect(history).to_contain_text("Mira Moderator")
    status = page.locator("dt").filter(has_text=re.compile(r"^Status$"))
    expect(status.locator("xpath=following-sibling::dd[1]")).to_have_text("Approved")
    organisation.refresh_from_db()
    assert organisation.status == ModerationStatus.APPROVED
    assert organisation.decisions.get().action == ModerationAction.APPROVE


def test_moderator_rejects_without_a_reason_and_is_told_why(writing_page):
    page = writing_page
    registry_moderator()
    OrganisationFactory(
        name="Spam Corp",
        status=ModerationStatus.PENDING,
        owner=UserFactory(verified=True),
    )
    sign_in_to_the_admin(page, "mira")

    page.goto("/admin/snippets/partners/organisation/?status=pending")
    page.get_by_role("link", name="Review “Spam Corp”").click()
    page.get_by_label("Reject: the profile stays hidden").check()
    page.get_by_role("button", name="Save decision").click()

    expect(
        page.get_by_text("Please give a reason: the owners will read it.")
    ).to_be_visible()
    expect(page.get_by_label("Reject: the profile stays hidden")).to_be_checked()
