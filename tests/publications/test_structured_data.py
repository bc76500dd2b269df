import datetime

import pytest

from publications.factories import (
    ArticlePageFactory,
    EventPageFactory,
    ReportPageFactory,
)
from publications.models import EventPage, ReportPage
from tests.seo import read_head

pytestmark = pytest.mark.django_db

SITE = "http://localhost:8000"  # the demo site's Site record
ARTICLE = "/en/news/shared-mobility-the-norm/"


class TestNewsArticle:
    def test_article_is_described_as_a_news_article(self, client, news_index):
        article = read_head(client.get(ARTICLE)).structured_data("NewsArticle")
        assert article["@context"] == "https://schema.org"
        assert article["headline"] == (
            "Shared mobility could be the norm within a few years"
        )
        assert article["datePublished"] == "2021-07-14"
        assert article["author"] == {
            "@type": "Person",
            "name": "Smart Cities Hub editors",
        }
        assert article["inLanguage"] == "en"
        assert article["url"] == f"{SITE}{ARTICLE}"

    def test_dutch_article_is_in_dutch(self, client, news_index):
        response = client.get("/nl/nieuws/deelmobiliteit-de-standaard/")
        assert read_head(response).structured_data("NewsArticle")["inLanguage"] == "nl"

    def test_article_without_a_byline_is_by_the_hub(self, client, news_index):
        page = ArticlePageFactory(parent=news_index, author="")
        article = read_head(client.get(page.url)).structured_data("NewsArticle")
        assert article["author"] == {
            "@type": "Organization",
            "name": "Smart Cities Hub",
        }

    def test_title_cannot_end_the_script_element(self, client, news_index):
        title = "Smart & safe </script><script>alert(1)</script>"
        page = ArticlePageFactory(parent=news_index, title=title)
        response = client.get(page.url)
        assert "</script><script>alert(1)" not in response.text
        assert "\\u003c/script\\u003e" in response.text
        article = read_head(response).structured_data("NewsArticle")
        assert article["headline"] == title

    def test_breadcrumbs_run_from_home_through_the_news_to_the_article(
        self, client, news_index
    ):
        head = read_head(client.get(ARTICLE))
        trail = head.structured_data("BreadcrumbList")["itemListElement"]
        assert [item["item"] for item in trail] == [
            f"{SITE}/en/",
            f"{SITE}/en/news/",
            f"{SITE}{ARTICLE}",
        ]


class TestEvent:
    def test_event_on_site_takes_place_at_its_venue(self, client, event_index):
        page = EventPage.objects.get(slug="masterclass-heat-proof-streets")
        event = read_head(client.get(page.url)).structured_data("Event")
        assert event["name"] == "Masterclass: heat-proof streets"
        assert event["eventAttendanceMode"] == (
            "https://schema.org/OfflineEventAttendanceMode"
        )
        assert event["location"] == {
            "@type": "Place",
            "name": "City hall",
            "address": "Coolsingel 40, Rotterdam",
        }
        assert event["url"] == f"{SITE}/en/events/masterclass-heat-proof-streets/"

    def test_times_are_iso_8601_in_amsterdam_with_their_offset(
        self, client, event_index
    ):
        summer = datetime.datetime(2030, 7, 1, 10, tzinfo=datetime.UTC)
        page = EventPageFactory(
            parent=event_index, start=summer, end=summer + datetime.timedelta(hours=2)
        )
        event = read_head(client.get(page.url)).structured_data("Event")
        assert event["startDate"] == "2030-07-01T12:00:00+02:00"
        assert event["endDate"] == "2030-07-01T14:00:00+02:00"
        assert datetime.datetime.fromisoformat(event["startDate"]) == summer

    def test_online_event_takes_place_at_its_registration_page(
        self, client, event_index
    ):
        page = EventPageFactory(
            parent=event_index,
            is_online=True,
            registration_url="https://register.example.org/webinar",
        )
        event = read_head(client.get(page.url)).structured_data("Event")
        assert event["eventAttendanceMode"] == (
            "https://schema.org/OnlineEventAttendanceMode"
        )
        assert event["location"] == {
            "@type": "VirtualLocation",
            "url": "https://register.example.org/webinar",
        }


class TestReport:
    def test_report_is_described_with_its_documents_format(self, client, demo_site):
        page = ReportPage.objects.get(slug="100-climate-neutral-cities")
        report = read_head(client.get(page.url)).structured_data("Report")
        assert report["name"] == "100 Climate-Neutral Cities in Europe by 2030"
        assert report["datePublished"] == page.publication_date.isoformat()
        assert report["url"] == f"{SITE}/en/publications/100-climate-neutral-cities/"
        assert report["encoding"] == {
            "@type": "MediaObject",
            "contentUrl": f"{SITE}{page.document.url}",
            "encodingFormat": "application/pdf",
        }

    def test_report_without_a_document_names_no_format(self, client, demo_site):
        page = ReportPageFactory(parent=demo_site)
        report = read_head(client.get(page.url)).structured_data("Report")
        assert "encoding" not in report


class TestLettersAndIssues:
    def test_letter_read_aloud_is_a_podcast_episode(self, client, news_index):
        url = "/en/mayors-manual/let-the-rain-stay/"
        episode = read_head(client.get(url)).structured_data("PodcastEpisode")
        assert episode["associatedMedia"]["duration"] == "PT6S"
        assert episode["partOfSeries"]["name"] == "The Mayor's Manual"
        assert episode["datePublished"] == "2021-06-01"

    def test_letter_without_audio_is_an_article(self, client, news_index):
        url = "/en/mayors-manual/buy-results-not-products/"
        letter = read_head(client.get(url)).structured_data("Article")
        assert letter["author"]["name"] == "A policymaker in public procurement"

    def test_magazine_issue_is_a_publication_issue_with_its_pdf(
        self, client, news_index
    ):
        url = "/en/publications/magazine/cocreating-future-cities/"
        issue = read_head(client.get(url)).structured_data("PublicationIssue")
        assert issue["issueNumber"] == "1"
        assert issue["encoding"]["encodingFormat"] == "application/pdf"
