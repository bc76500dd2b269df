import pytest
from django.contrib.contenttypes.models import ContentType

from publications.factories import ArticlePageFactory
from publications.models import ArticleIndexPage, ArticlePage, EventPage

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [page.title for page in response.context["results"]]


def test_finds_published_pages_in_the_visitors_language(client, demo_site):
    english = _titles(client.get("/en/search/", {"q": "rain"}))
    dutch = _titles(client.get("/nl/search/", {"q": "regen"}))
    assert "Dear mayor, let the rain stay" in english
    assert "Beste burgemeester, laat de regen blijven" in dutch
    assert "Beste burgemeester, laat de regen blijven" not in english


def test_filters_by_kind_of_page(client, demo_site):
    kind = ContentType.objects.get_for_model(EventPage).pk
    response = client.get("/en/search/", {"q": "data", "kind": kind})
    assert _titles(response) == ["Data day: the built environment"]


def test_says_which_kind_each_result_is(client, demo_site):
    response = client.get("/en/search/", {"q": "shared mobility"})
    assert "Article" in response.text


def test_unknown_kind_is_explained_not_an_error(client, demo_site):
    response = client.get("/en/search/", {"q": "rain", "kind": "99999"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert 'value="rain"' in response.text


def test_nothing_found_suggests_what_to_try(client, demo_site):
    response = client.get("/en/search/", {"q": "zeppelin"})
    assert "0 results" in response.text
    assert "Try other or fewer words" in response.text


def test_unpublished_pages_are_never_found(client, demo_site):
    index = ArticleIndexPage.objects.get(locale=demo_site.locale)
    ArticlePageFactory(parent=index, title="Secret zeppelin plan", live=False)
    assert _titles(client.get("/en/search/", {"q": "zeppelin"})) == []


def test_results_are_paginated(client, demo_site):
    index = ArticleIndexPage.objects.get(locale=demo_site.locale)
    ArticlePageFactory.create_batch(12, parent=index, intro="About zeppelins.")
    first = client.get("/en/search/", {"q": "zeppelins"})
    second = client.get("/en/search/", {"q": "zeppelins", "page": 2})
    assert len(first.context["results"]) == 10
    assert len(second.context["results"]) == 2


def test_queries_do_not_grow_with_the_number_of_results(
    client, demo_site, django_assert_max_num_queries
):
    index = ArticleIndexPage.objects.get(locale=demo_site.locale)
    ArticlePageFactory.create_batch(9, parent=index, intro="About zeppelins.")
    assert ArticlePage.objects.count() > 9
    client.get("/en/search/", {"q": "zeppelins"})
    with django_assert_max_num_queries(30):
        client.get("/en/search/", {"q": "zeppelins"})


def test_search_is_linked_from_every_page(client, demo_site):
    assert 'href="/nl/search/"' in client.get("/nl/").text
