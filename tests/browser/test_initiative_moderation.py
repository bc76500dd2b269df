"""A registry moderator works the initiatives' queue in Wagtail's admin, as
organisations' (see test_moderation.py: the admin is Wagtail's own, not under
our policy and not axe-checked, but it must still stay on this machine)."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import ModerationAction, ModerationStatus
from projects.factories import InitiativeFactory

# This journey writes: it runs on a database that is flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)

ORGANISATION_GROUP = importlib.import_module(
    "partners.migrations.0003_registry_moderators_group"
)
INITIATIVE_PERMISSIONS = importlib.import_module(
    "projects.migrations.0002_registry_moderators"
)


def _registry_moderator():
    # A flush between transactional tests empties the groups that migrations
    # made; the migrations' own steps make this one again.
    ORGANISATION_GROUP.create_group(apps, None)
    INITIATIVE_PERMISSIONS.grant(apps, None)
    user = UserFactory(
        username="mira", first_name="Mira", last_name="Moderator", verified=True
    )
    user.groups.add(Group.objects.get(name=INITIATIVE_PERMISSIONS.GROUP))
    return user


def test_moderator_approves_a_pending_initiative(writing_page):
    page = writing_page
    _registry_moderator()
    initiative = InitiativeFactory(
        title="Slimme lantaarns Amersfoort",
        status=ModerationStatus.PENDING,
        owner=OrganisationFactory(
            name="Gemeente Amersfoort", owner=UserFactory(verified=True)
        ),
    )
    InitiativeFactory(title="Nog een concept", status=ModerationStatus.DRAFT)

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("mira")
    page.get_by_label("Password").fill("a-Long-test-passphrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.wait_for_load_state("networkidle")  # the dashboard's own late requests

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
