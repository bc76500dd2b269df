import pytest

from publications.models import ArticleIndexPage, EventIndexPage


@pytest.fixture
def news_index(demo_site):
    return ArticleIndexPage.objects.get(locale=demo_site.locale)


@pytest.fixture
def event_index(demo_site):
    return EventIndexPage.objects.get(locale=demo_site.locale)
