import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from hub.factories import StandardPageFactory, UserFactory
from hub.tasks import publish_scheduled_pages

pytestmark = pytest.mark.django_db


def test_a_page_scheduled_for_the_past_goes_live_on_the_next_run(demo_site):
    page = StandardPageFactory(parent=demo_site, live=False)
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    publish_scheduled_pages()
    page.refresh_from_db()
    assert page.live


def test_beat_runs_scheduled_publishing_every_minute():
    schedule = settings.CELERY_BEAT_SCHEDULE["publish-scheduled-pages"]
    assert schedule["task"] == "hub.tasks.publish_scheduled_pages"
    assert schedule["schedule"] <= 60


def test_editors_get_wagtails_accessibility_and_content_checker(client, demo_site):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert "checker-axe-configuration" in client.get("/en/").text
