"""Steps in Wagtail's admin that several browser journeys take."""

import importlib
import re

from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from hub.factories import UserFactory

ORGANISATION_GROUP = importlib.import_module(
    "partners.migrations.0003_registry_moderators_group"
)
INITIATIVE_PERMISSIONS = importlib.import_module(
    "projects.migrations.0002_registry_moderators"
)


def registry_moderator():
    """Mira, a member of "Registry moderators". A flush between transactional
    tests empties the groups that migrations made; the migrations' own steps
    make this one again, with its organisations' and initiatives' rights."""
    ORGANISATION_GROUP.create_group(apps, None)
    INITIATIVE_PERMISSIONS.grant(apps, None)
    user = UserFactory(
        username="mira", first_name="Mira", last_name="Moderator", verified=True
    )
    user.groups.add(Group.objects.get(name=ORGANISATION_GROUP.GROUP))
    return user


def sign_in_to_the_admin(page, username: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-Long-test-passphrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.wait_for_load_state("networkidle")  # the dashboard's own late requests
