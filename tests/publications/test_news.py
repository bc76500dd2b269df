import feedparser
import pytest
from wagtail.models import Locale

from hub.models import Theme
from publications.factories import ArticlePageFactory
from publications.models import ArticlePage

pytestmark = pytest.mark.django_db


class TestNewsIndex:
    def test_lists_the_articles_of_its_language_newest_first(self, client, news_index):
        response = client.get("/en/news/")
        assert response.status_code == 200
        titles = [article.title for article in response.context["articles"]]
        assert (
            titles[0] == "VNG backs the G5 in carrying out the NL Smart City Strategy"
        )
        assert "VNG steunt de G5 bij de NL Smart City Strategie" not in response.text

    def test_filters_by_theme(self, client, news_index):
        response = client.get("/en/news/", {"theme": "mobility"})
        titles = {article.title for article in response.context["articles"]}
        assert titles == {
            "Shared mobility could be the norm within a few years",
            "Charging points placed by how drivers behave",
        }

    def test_dutch_news_filters_by_the_dutch_theme(self, client, news_index):
        response = client.get("/nl/nieuws/", {"theme": "mobility"})
        assert len(response.context["articles"]) == 2
        assert "Mobiliteit" in response.text

    def test_filters_by_tag_and_year(self, client, news_index):
        response = client.get("/en/news/", {"tag": "light", "year": "2021"})
        assert len(response.context["articles"]) == 2

    def test_explains_an_impossible_year_and_keeps_the_rest(self, client, news_index):
        response = client.get("/en/news/", {"year": "1850", "tag": "light"})
        assert response.status_code == 200
        assert "Select a valid choice" in response.text
        assert 'value="light"' in response.text

    def test_says_so_when_nothing_matches(self, client, news_index):
        response = client.get("/en/news/", {"tag": "nothing-like-this"})
        assert "No articles match these filters yet." in response.text

    def test_pages_through_many_articles(self, client, news_index):
        ArticlePageFactory.create_batch(10, parent=news_index)
        second = client.get("/en/news/", {"page": 2})
        assert len(second.context["articles"]) == 6
        assert "Page 2 of 2" in second.text

    def test_hides_unpublished_articles(self, client, news_index):
        ArticlePageFactory(parent=news_index, title="Draft story", live=False)
        assert "Draft story" not in client.get("/en/news/").text

    def test_queries_do_not_grow_with_the_number_of_articles(
        self, client, news_index, django_assert_max_num_queries
    ):
        theme = Theme.objects.get(slug="mobility", locale=news_index.locale)
        ArticlePageFactory.create_batch(9, parent=news_index, themes=[theme])
        client.get("/en/news/")
        with django_assert_max_num_queries(32):
            client.get("/en/news/")


class TestArticle:
    def test_shows_its_themes_in_the_pages_language(self, client, news_index):
        article = ArticlePage.objects.get(slug="vng-steunt-g5-smart-city-strategie")
        response = client.get(article.url)
        assert "Digitale transformatie" in response.text
        assert "Digital transformation" not in response.text

    def test_suggests_more_articles_with_the_same_theme(self, client, news_index):
        response = client.get("/en/news/shared-mobility-the-norm/")
        more = [article.title for article in response.context["more_articles"]]
        assert "Charging points placed by how drivers behave" in more

    def test_article_page_needs_a_fixed_number_of_queries(
        self, client, news_index, django_assert_max_num_queries
    ):
        client.get("/en/news/shared-mobility-the-norm/")
        with django_assert_max_num_queries(35):
            client.get("/en/news/shared-mobility-the-norm/")


class TestNewsFeed:
    def test_feed_lists_the_articles_with_their_dates_and_links(
        self, client, news_index
    ):
        response = client.get("/en/news/feed/")
        assert response["Content-Type"].startswith("application/rss+xml")
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0
        assert feed.feed.language == "en"
        assert len(feed.entries) == 6
        first = feed.entries[0]
        assert first.link.endswith("/en/news/vng-backs-g5-smart-city-strategy/")
        assert first.published_parsed[:3] == (2021, 9, 20)

    def test_dutch_feed_carries_the_dutch_articles(self, client, news_index):
        feed = feedparser.parse(client.get("/nl/nieuws/feed/").content)
        assert feed.feed.language == "nl"
        assert (
            feed.entries[0].title == "VNG steunt de G5 bij de NL Smart City Strategie"
        )

    def test_news_page_links_its_feed(self, client, news_index):
        html = client.get("/en/news/").text
        assert 'type="application/rss+xml"' in html
        assert 'href="/en/news/feed/"' in html

    def test_feed_leaves_out_the_other_language(self, client, news_index):
        dutch = Locale.objects.get(language_code="nl")
        assert ArticlePage.objects.filter(locale=dutch).exists()
        feed = feedparser.parse(client.get("/en/news/feed/").content)
        assert all("/nl/" not in entry.link for entry in feed.entries)
