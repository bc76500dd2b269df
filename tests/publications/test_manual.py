from email.utils import parsedate_to_datetime

import feedparser
import pytest
from defusedxml import ElementTree

from publications.models import LetterPage, ManualPage

pytestmark = pytest.mark.django_db


NAMESPACES = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}


def _itunes(response, path: str) -> str:
    return ElementTree.fromstring(response.content).find(path, NAMESPACES).text


@pytest.fixture
def podcast(client, demo_site):
    response = client.get("/en/mayors-manual/podcast/")
    assert response["Content-Type"].startswith("application/rss+xml")
    return response


class TestManual:
    def test_lists_its_letters_and_offers_the_whole_manual(self, client, demo_site):
        response = client.get("/en/mayors-manual/")
        assert len(response.context["letters"]) == 3
        assert "Download the whole manual (PDF," in response.text

    def test_letter_plays_its_episode_and_links_the_transcript(self, client, demo_site):
        response = client.get("/en/mayors-manual/let-the-rain-stay/")
        assert "<audio" in response.text
        assert 'href="/en/mayors-manual/let-the-rain-stay/transcript/"' in response.text

    def test_transcript_is_plain_text_in_the_letters_language(self, client, demo_site):
        response = client.get("/nl/mayors-manual/laat-de-regen-blijven/transcript/")
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.text.startswith("Beste burgemeester.")

    def test_letter_without_transcript_answers_not_found(self, client, demo_site):
        url = "/en/mayors-manual/buy-results-not-products/transcript/"
        assert client.get(url).status_code == 404

    def test_manual_page_links_the_podcast_feed(self, client, demo_site):
        html = client.get("/en/mayors-manual/").text
        assert 'href="/en/mayors-manual/podcast/"' in html
        assert 'type="application/rss+xml"' in html

    def test_queries_do_not_grow_with_the_number_of_letters(
        self, client, demo_site, django_assert_max_num_queries
    ):
        manual = ManualPage.objects.get(locale=demo_site.locale)
        letter = LetterPage.objects.child_of(manual).first()
        for number in range(8):
            letter.copy(
                update_attrs={"slug": f"copy-{number}", "title": f"Copy {number}"}
            )
        client.get("/en/mayors-manual/")
        with django_assert_max_num_queries(30):
            client.get("/en/mayors-manual/")


class TestPodcastFeed:
    def test_channel_has_what_apple_podcasts_requires(self, podcast):
        feed = feedparser.parse(podcast.content)
        assert feed.bozo == 0
        channel = feed.feed
        assert channel.title == "The Mayor's Manual"
        assert channel.language == "en"
        assert _itunes(podcast, "channel/itunes:explicit") == "false"
        assert channel.image.href.endswith(".png")
        assert channel.tags[0].term == "Government"
        assert channel.publisher_detail.email == "podcast@smartcitieshub.example"

    def test_episode_has_guid_date_enclosure_duration_and_transcript(
        self, client, podcast
    ):
        (episode,) = feedparser.parse(podcast.content).entries
        letter = LetterPage.objects.get(slug="let-the-rain-stay")
        assert episode.id == f"urn:uuid:{letter.translation_key}"
        assert episode.guidislink is False
        assert parsedate_to_datetime(episode.published).date().isoformat() == (
            "2021-06-01"
        )
        enclosure = episode.enclosures[0]
        assert enclosure.type == "audio/mpeg"
        with letter.episode_audio.file.open("rb") as audio:
            mp3 = audio.read()
        assert int(enclosure.length) == len(mp3)
        assert mp3[0] == 0xFF and mp3[1] & 0xE0 == 0xE0  # an MPEG audio frame
        assert episode.itunes_duration == "6"
        assert b'<podcast:transcript url="' in podcast.content
        assert b'type="text/plain"' in podcast.content

    def test_guid_survives_a_new_title(self, client, podcast):
        letter = LetterPage.objects.get(slug="let-the-rain-stay")
        letter.title = "Dear mayor, keep the rain"
        letter.save_revision().publish()
        feed = feedparser.parse(client.get("/en/mayors-manual/podcast/").content)
        assert feed.entries[0].id == f"urn:uuid:{letter.translation_key}"
        assert feed.entries[0].title == "Dear mayor, keep the rain"

    def test_letters_without_audio_are_not_episodes(self, podcast):
        titles = [entry.title for entry in feedparser.parse(podcast.content).entries]
        assert "Dear mayor, buy results, not products" not in titles

    def test_dutch_feed_is_in_dutch(self, client, demo_site):
        feed = feedparser.parse(client.get("/nl/mayors-manual/podcast/").content)
        assert feed.feed.language == "nl"
        assert feed.entries[0].title == "Beste burgemeester, laat de regen blijven"
