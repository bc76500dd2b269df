"""The Mayor's Manual podcast as RSS 2.0 with the iTunes and Podcasting 2.0
namespaces: what Apple Podcasts and Podcast Index apps read."""

from email.utils import format_datetime
from xml.etree import ElementTree as ET

from publications.feeds import publication_moment

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
for prefix, uri in (("itunes", ITUNES), ("podcast", PODCAST), ("atom", ATOM)):
    ET.register_namespace(prefix, uri)


def podcast_feed(*, manual, episodes, request) -> bytes:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _channel(channel, manual, request)
    for letter in episodes:
        _episode(ET.SubElement(channel, "item"), letter, request)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


def _text(parent, tag: str, text: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _channel(channel, manual, request) -> None:
    site_url = manual.get_full_url(request)
    _text(channel, "title", manual.title)
    _text(channel, "link", site_url)
    _text(channel, "description", manual.podcast_description or manual.intro)
    _text(channel, "language", manual.locale.language_code)
    ET.SubElement(
        channel,
        f"{{{ATOM}}}link",
        {
            "href": request.build_absolute_uri(),
            "rel": "self",
            "type": "application/rss+xml",
        },
    )
    _text(channel, f"{{{ITUNES}}}author", "Smart Cities Hub")
    _text(channel, f"{{{ITUNES}}}explicit", "false")
    _text(channel, f"{{{ITUNES}}}type", "episodic")
    ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": manual.podcast_category})
    if manual.podcast_image:
        cover = manual.podcast_image.get_rendition("fill-1400x1400|format-png")
        ET.SubElement(
            channel,
            f"{{{ITUNES}}}image",
            {"href": request.build_absolute_uri(cover.url)},
        )
    if manual.podcast_owner_email:
        owner = ET.SubElement(channel, f"{{{ITUNES}}}owner")
        _text(owner, f"{{{ITUNES}}}name", "Smart Cities Hub")
        _text(owner, f"{{{ITUNES}}}email", manual.podcast_owner_email)


def _episode(item, letter, request) -> None:
    url = letter.get_full_url(request)
    audio = letter.episode_audio
    _text(item, "title", letter.title)
    _text(item, "link", url)
    _text(item, "description", letter.intro)
    # The page's translation key never changes, so apps never see a repeat.
    _text(item, "guid", f"urn:uuid:{letter.translation_key}", isPermaLink="false")
    _text(item, "pubDate", format_datetime(publication_moment(letter.date)))
    ET.SubElement(
        item,
        "enclosure",
        {
            "url": request.build_absolute_uri(audio.url),
            "length": str(audio.file.size),
            "type": audio_mime_type(audio.file.name),
        },
    )
    _text(item, f"{{{ITUNES}}}duration", str(round(audio.duration)))
    _text(item, f"{{{ITUNES}}}episodeType", "full")
    if letter.transcript:
        ET.SubElement(
            item,
            f"{{{PODCAST}}}transcript",
            {
                "url": f"{url}transcript/",
                "type": "text/plain",
                "language": letter.locale.language_code,
            },
        )


AUDIO_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".aac": "audio/aac"}


def audio_mime_type(filename: str) -> str:
    return next(
        (
            kind
            for suffix, kind in AUDIO_TYPES.items()
            if filename.lower().endswith(suffix)
        ),
        "audio/mpeg",
    )
