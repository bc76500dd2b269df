"""Feeds built from pages: RSS for the news, iCalendar for events."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from publications.models import ArticlePage, EventPage

CALENDAR_TIME_ZONE = ZoneInfo(settings.TIME_ZONE)


def news_feed(*, title, link, description, language, articles, request) -> str:
    feed = Rss201rev2Feed(
        title=title, link=link, description=description, language=language
    )
    for article in articles:
        _add_article(feed, article, request)
    return feed.writeString("utf-8")


def _add_article(feed, article: ArticlePage, request) -> None:
    url = article.get_full_url(request)
    feed.add_item(
        title=article.title,
        link=url,
        description=article.intro,
        unique_id=url,
        unique_id_is_permalink=True,
        pubdate=publication_moment(article.date),
        author_name=article.author or None,
        categories=[theme.name for theme in article.themes.all()],
    )


def publication_moment(day) -> datetime:
    """Pages carry a date of publication; feeds want a moment: 9:00 that day."""
    return datetime.combine(day, time(9), tzinfo=CALENDAR_TIME_ZONE)


def calendar(*, name: str, events, request) -> bytes:
    """An iCalendar file with a VTIMEZONE for the hub's time zone."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Smart Cities Hub//Events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        cal.add_component(_calendar_event(event, request))
    cal.add_missing_timezones()
    return cal.to_ical()


def event_uid(event: EventPage) -> str:
    # Stable across edits, moves and re-publishing: the page's translation key
    # and language never change.
    return f"{event.translation_key}.{event.locale.language_code}@smart-cities-hub"


def _calendar_event(event: EventPage, request) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", event.last_published_at or timezone.now())
    entry.add("dtstart", event.start.astimezone(CALENDAR_TIME_ZONE))
    entry.add("dtend", event.end.astimezone(CALENDAR_TIME_ZONE))
    entry.add("summary", event.title)
    entry.add("description", event.intro)
    entry.add("location", event_location(event))
    entry.add("url", event.get_full_url(request))
    return entry


def event_location(event: EventPage) -> str:
    if event.is_online:
        return "Online"
    return ", ".join(part for part in (event.venue, event.address) if part)
