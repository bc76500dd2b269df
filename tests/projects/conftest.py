import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from hub.celery import app as celery_app
from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import MemberRole, Membership
from projects.models import Initiative


@pytest.fixture
def initiative_moderator(db):
    user = UserFactory(verified=True)
    user.user_permissions.add(
        Permission.objects.get(
            codename="moderate_initiative", content_type__app_label="projects"
        )
    )
    return user


@pytest.fixture
def member(db):
    """A verified user who owns an approved organisation."""
    user = UserFactory(verified=True)
    OrganisationFactory(owner=user, name="Gemeente Eindhoven")
    return user


@pytest.fixture
def member_organisation(member):
    return Membership.objects.get(user=member, role=MemberRole.OWNER).organisation


@pytest.fixture
def no_demo_initiatives(db):
    """For tests that count initiatives from an empty table, without the demo
    site's."""
    Initiative.objects.all().delete()


@pytest.fixture
def in_english():
    """Addresses and pages in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def tasks_run_at_once():
    """Celery runs each task as it is sent, in the test's own transaction."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False
