"""A registry moderator works the queue in Wagtail's admin. The admin is
Wagtail's own (not under our policy, not axe-checked), but it must still stay
on this machine."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import ModerationAction, ModerationStatus

# This journey writes: it runs on a database that is flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)

GROUP_MIGRATION = importlib.import_module(
    "partners.migrations.0003_registry_moderators_group"
)


def _registry_moderator():
    # A flush between transactional tests empties the groups that migrations
    # made; the migration's own step makes this one again.
    GROUP_MIGRATION.create_group(apps, None)
    user = UserFactory(
        username="mira", first_name="Mira", last_name="Moderator", verified=True
    )
    user.groups.add(Group.objects.get(name=GROUP_MIGRATION.GROUP))
    return user


def _sign_in_to_the_admin(page, username: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-Long-test-passphrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.wait_for_load_state("networkidle")  # the dashboard's own late requests


def test_moderator_approves_a_pending_organisation(writing_page):
    page = writing_page
    _registry_moderator()
    organisation = OrganisationFactory(
        name="Gemeente Amersfoort",
        status=ModerationStatus.PENDING,
        owner=UserFactory(verified=True),
    )
    _sign_in_to_the_admin(page, "mira")

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
    _registry_moderator()
    OrganisationFactory(
        name="Spam Corp",
        status=ModerationStatus.PENDING,
        owner=UserFactory(verified=True),
    )
    _sign_in_to_the_admin(page, "mira")

    page.goto("/admin/snippets/partners/organisation/?status=pending")
    page.get_by_role("link", name="Review “Spam Corp”").click()
    page.get_by_label("Reject: the profile stays hidden").check()
    page.get_by_role("button", name="Save decision").click()

    expect(
        page.get_by_text("Please give a reason: the owners will read it.")
    ).to_be_visible()
    expect(page.get_by_label("Reject: the profile stays hidden")).to_be_checked()
