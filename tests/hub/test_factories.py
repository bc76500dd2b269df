import pytest
from wagtail.models import Page

from hub import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory",
    [factories.UserFactory, factories.ThemeFactory, factories.HubPartnerFactory],
)
def test_factory_builds_a_valid_object(factory):
    instance = factory()
    instance.full_clean()


def test_page_factories_build_a_valid_tree():
    home = factories.HomePageFactory(parent=Page.get_first_root_node())
    page = factories.StandardPageFactory(parent=home)
    assert page.get_parent().specific == home


def test_verified_user_can_sign_in(client):
    user = factories.UserFactory(verified=True)
    assert client.login(username=user.username, password="a-Long-test-passphrase")
