"""An operator checks on the matching jobs in Wagtail's admin. The admin's
chrome is Wagtail's own (not under our policy, see test_moderation.py), but
the panel's content and the dashboard's summary are our templates: those are
axe-checked."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from playwright.sync_api import expect

from hub.factories import UserFactory
from projects.matching.weights import ALGORITHM_VERSION
from projects.models import MatchingRun, MatchingRunKind, MatchingRunStatus
from tests.browser.accessibility import assert_no_axe_violations
from tests.browser.admin import sign_in_to_the_admin

# This journey writes: it runs on a database that is flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)

# Where our templates' markup sits inside Wagtail's pages.
PANEL_CONTENT = "main"
DASHBOARD_SUMMARY = "#matching-jobs-section"


def _operator():
    user = UserFactory(username="otto", verified=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(
            codename="run_matching", content_type__app_label="projects"
        ),
    )
    return user


def _runs():
    now = timezone.now()
    MatchingRun.objects.create(
        kind=MatchingRunKind.FULL,
        status=MatchingRunStatus.SUCCEEDED,
        algorithm_version=ALGORITHM_VERSION,
        started_at=now - timedelta(hours=5),
        finished_at=now - timedelta(hours=5) + timedelta(seconds=84),
        initiatives_count=12,
        organisations_count=340,
    )
    MatchingRun.objects.create(
        kind=MatchingRunKind.REPAIR,
        status=MatchingRunStatus.FAILED,
        algorithm_version=ALGORITHM_VERSION,
        started_at=now - timedelta(minutes=20),
        finished_at=now - timedelta(minutes=19),
        error="OperationalError: could not connect to server",
    )


def test_an_operator_reads_the_matching_panel(writing_page):
    page = writing_page
    _operator()
    _runs()
    sign_in_to_the_admin(page, "otto")

    summary = page.locator(DASHBOARD_SUMMARY)
    expect(summary).to_be_visible()
    assert_no_axe_violations(page, context=DASHBOARD_SUMMARY)

    page.goto("/admin/matching/")
    expect(page.get_by_role("heading", name="Runs")).to_be_visible()
    expect(page.get_by_text("12 initiatives and 340 organisations.")).to_be_visible()
    expect(page.get_by_text("could not connect to server")).to_be_visible()
    expect(page.get_by_role("button", name="Recompute all suggestions")).to_be_visible()
    assert_no_axe_violations(page, context=PANEL_CONTENT)
