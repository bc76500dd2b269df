import pytest
from django.contrib.auth.models import Permission

from hub.factories import UserFactory


@pytest.fixture
def moderator(db):
    user = UserFactory(verified=True)
    user.user_permissions.add(
        Permission.objects.get(
            codename="moderate_organisation", content_type__app_label="partners"
        )
    )
    return user


@pytest.fixture
def registrant(db):
    return UserFactory(verified=True)
