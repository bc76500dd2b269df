"""A registry moderator works the initiatives' queue in Wagtail's admin, as
organisations' (see test_moderation.py: the admin is Wagtail's own, not under
our policy and not axe-checked, but it must still stay on this machine)."""

import pytest
from playwright.sync_api import expect

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import ModerationAction, ModerationStatus
from projects.factories import InitiativeFactory
from tests.browser.admin import registry_moderator, sign_in_to_the_admin

# This journey writes: it runs on a database that is flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)


def test_moderator_approves_a_pending_initiative(writing_page):
    page = writing_page
    registry_moderator()
    initiative = InitiativeFactory(
        title="Slimme lantaarns Amersfoort",
        status=ModerationStatus.PENDING,
        owner=OrganisationFactory(
            name="Gemeente Amersfoort", owner=UserFactory(verified=True)
        ),
    )
    InitiativeFactory(title="Nog een concept", status=ModerationStatus.DRAFT)

    sign_in_to_the_admin(page, "mira")

    page.get_by_role("link", name="Open the initiatives’ queue").click()
    title = page.get_by_role("link", name="Slimme lantaarns Amersfoort", exact=True)
    expect(title).to_be_visible()
    expect(page.get_by_text("Nog een concept")).to_have_count(0)
    title.click()
    expect(page.get_by_role("region", name="Moderation history")).to_be_visible()
    page.get_by_role("link", name="Review").first.click()
    page.get_by_label("Approve: the initiative becomes public").check()
    page.get_by_role("button", name="Save decision").click()

    expect(
        page.get_by_text("Your decision on “Slimme lantaarns Amersfoort”")
    ).to_be_visible()
    history = page.get_by_role("region", name="Moderation history")
    expect(history).to_contain_text("Approved")
    expect(history).to_contain_text("Mira Moderator")
    initiative.refresh_from_db()
    assert initiative.status == ModerationStatus.APPROVED
    assert initiative.decisions.get().action == ModerationAction.APPROVE
