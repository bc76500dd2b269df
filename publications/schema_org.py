"""schema.org descriptions of publications, which their pages put in their
HTML as JSON-LD (see ``hub.templatetags.seo_tags``)."""

from django.utils import timezone

from hub.seo import SCHEMA_ORG, organisation, site_url


def news_article(page, request) -> dict:
    return {
        "@context": SCHEMA_ORG,
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.intro,
        "datePublished": page.date.isoformat(),
        "author": _author(page),
        "publisher": organisation(),
        "inLanguage": page.locale.language_code,
        "url": page.get_full_url(request),
    }


def _author(page) -> dict:
    # Articles without a byline are written by the hub's own editors.
    if page.author:
        return {"@type": "Person", "name": page.author}
    return organisation()


def event(page, request) -> dict:
    mode = "Online" if page.is_online else "Offline"
    return {
        "@context": SCHEMA_ORG,
        "@type": "Event",
        "name": page.title,
        "description": page.intro,
        "startDate": _local_time(page.start),
        "endDate": _local_time(page.end),
        "eventAttendanceMode": f"{SCHEMA_ORG}/{mode}EventAttendanceMode",
        "location": _event_location(page, request),
        "organizer": organisation(),
        "inLanguage": page.locale.language_code,
        "url": page.get_full_url(request),
    }


def _local_time(moment) -> str:
    """ISO 8601 in the hub's time zone, with its offset, as the page shows it."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _event_location(page, request) -> dict:
    if page.is_online:
        # Where to take part: the registration page, or else the event's own.
        url = page.registration_url or page.get_full_url(request)
        return {"@type": "VirtualLocation", "url": url}
    # The address is one line as the editor wrote it (schema.org takes text);
    # search engines want one, and a venue such as "City hall" says where too.
    return {
        "@type": "Place",
        "name": page.venue,
        "address": page.address or page.venue,
    }


def report(page, request) -> dict:
    description = {
        "@context": SCHEMA_ORG,
        "@type": "Report",
        "name": page.title,
        "description": page.summary,
        "datePublished": page.publication_date.isoformat(),
        "publisher": organisation(),
        "inLanguage": page.locale.language_code,
        "url": page.get_full_url(request),
    }
    if page.document:
        description["encoding"] = _media_object(page, request)
    return description


def _media_object(page, request) -> dict:
    return {
        "@type": "MediaObject",
        "contentUrl": site_url(page, page.document.url, request),
        "encodingFormat": page.document.content_type,
    }


def letter(page, request) -> dict:
    """A letter is an article; read aloud, it is also a podcast episode."""
    description = {
        "@context": SCHEMA_ORG,
        "@type": "PodcastEpisode" if page.episode_audio else "Article",
        "name": page.title,
        "headline": page.title,
        "description": page.intro,
        "datePublished": page.date.isoformat(),
        "author": {"@type": "Person", "name": page.authors},
        "publisher": organisation(),
        "inLanguage": page.locale.language_code,
        "url": page.get_full_url(request),
    }
    if page.episode_audio:
        audio = page.episode_audio
        description["associatedMedia"] = {
            "@type": "AudioObject",
            "contentUrl": site_url(page, audio.url, request),
            "duration": f"PT{round(audio.duration)}S",
        }
        description["partOfSeries"] = {
            "@type": "PodcastSeries",
            "name": page.get_parent().title,
        }
    return description


def magazine_issue(page, request) -> dict:
    description = {
        "@context": SCHEMA_ORG,
        "@type": "PublicationIssue",
        "name": page.title,
        "issueNumber": str(page.volume),
        "datePublished": page.issue_date.isoformat(),
        "description": page.intro,
        "publisher": organisation(),
        "inLanguage": page.locale.language_code,
        "url": page.get_full_url(request),
    }
    if page.pdf:
        description["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": site_url(page, page.pdf.url, request),
            "encodingFormat": page.pdf.content_type,
        }
    return description
