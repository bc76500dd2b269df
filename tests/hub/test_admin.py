import pytest
from wagtail.models import Locale

from hub.factories import StandardPageFactory, UserFactory

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


def test_editors_can_send_a_new_page_for_translation_into_dutch(
    editor_client, demo_site
):
    page = StandardPageFactory(parent=demo_site, title="Webinar series")
    submit_url = f"/admin/localize/submit/page/{page.pk}/"
    editor_client.post(
        submit_url, {"locales": [Locale.objects.get(language_code="nl").pk]}
    )
    translation = page.get_translation(Locale.objects.get(language_code="nl"))
    assert translation.get_parent().specific == demo_site.get_translation(
        translation.locale
    )
