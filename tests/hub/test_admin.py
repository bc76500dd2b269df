import pytest

from hub.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/snippets/hub/theme/", "/admin/snippets/hub/hubpartner/"],
)
def test_editors_reach_the_site_core_in_wagtails_admin(editor_client, demo_site, path):
    assert editor_client.get(path).status_code == 200


def test_theme_list_shows_the_perspectives(editor_client, demo_site):
    response = editor_client.get("/admin/snippets/hub/theme/")
    assert "Climate adaptation" in response.text


def test_visitors_are_sent_to_log_in_for_the_admin(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
