"""An article's way from an editor's draft to a published page in two
languages, driven through Wagtail's admin as editors use it."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from hub.factories import UserFactory
from publications.models import ArticleIndexPage, ArticlePage

pytestmark = pytest.mark.django_db


def _member_of(group_name: str, client):
    user = UserFactory(is_staff=False)
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client


@pytest.fixture
def editor(client):
    return _member_of("Editors", client)


@pytest.fixture
def news_index(demo_site):
    return ArticleIndexPage.objects.get(locale=demo_site.locale)


def _article_form(editor, news_index, action: str):
    url = f"/admin/pages/add/publications/articlepage/{news_index.pk}/"
    data = querydict_from_html(editor.get(url).text, form_id="page-edit-form")
    data.update(
        nested_form_data(
            {
                "title": "Heat plans for every Dutch city",
                "slug": "heat-plans",
                "date": "2026-11-20",
                "author": "Hub editors",
                "intro": "Every municipality will have a heat plan by 2027.",
                "body": streamfield(
                    [("paragraph", rich_text("<p>Shade, water and green.</p>"))]
                ),
            }
        )
    )
    data[action] = "1"
    return url, data


def _submitted_article(editor, news_index) -> ArticlePage:
    url, data = _article_form(editor, news_index, "action-submit")
    response = editor.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return ArticlePage.objects.get(slug="heat-plans")


def test_editor_creates_a_draft_that_visitors_cannot_see(client, editor, news_index):
    url, data = _article_form(editor, news_index, "action-save")
    assert editor.post(url, data).status_code == 302
    article = ArticlePage.objects.get(slug="heat-plans")
    assert not article.live
    client.logout()
    assert client.get("/en/news/heat-plans/").status_code == 404


def test_editor_previews_the_draft(editor, news_index):
    article = _submitted_article(editor, news_index)
    response = editor.get(f"/admin/pages/{article.pk}/view_draft/")
    assert response.status_code == 200
    assert "Shade, water and green." in response.text


def test_editor_cannot_publish_alone(editor, news_index):
    url, data = _article_form(editor, news_index, "action-publish")
    editor.post(url, data)
    assert not ArticlePage.objects.get(slug="heat-plans").live


def test_second_editor_approves_and_the_article_goes_live(
    client, editor, news_index, django_user_model
):
    article = _submitted_article(editor, news_index)
    state = WorkflowState.objects.get(object_id=str(article.pk))
    moderator = _member_of("Moderators", client)
    task_state = state.current_task_state
    response = moderator.post(
        f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/",
        {"comment": "Good to go."},
    )
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live
    moderator.logout()
    assert "Heat plans for every Dutch city" in client.get("/en/news/").text


def test_published_article_is_sent_for_translation_into_dutch(
    client, editor, news_index
):
    article = _submitted_article(editor, news_index)
    moderator = _member_of("Moderators", client)
    task_state = WorkflowState.objects.get(object_id=str(article.pk)).current_task_state
    moderator.post(
        f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )
    dutch = Locale.objects.get(language_code="nl")
    moderator.post(
        f"/admin/localize/submit/page/{article.pk}/", {"locales": [dutch.pk]}
    )
    translation = article.get_translation(dutch)
    assert translation.get_parent().specific == news_index.get_translation(dutch)
    assert translation.specific.intro == article.intro  # awaiting a translator
