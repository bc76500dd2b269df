"""The publications part of the demo site: themes, news, events and a report,
in English and Dutch. Registered with ``hub.demo`` and run by
``manage.py load_demo_content``."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from hub.demo import child_page_add, demo_loader, translation_add
from hub.models import StandardPage, SustainableDevelopmentGoal, Theme
from publications import demo_content
from publications.models import (
    ArticleIndexPage,
    ArticlePage,
    EventIndexPage,
    EventPage,
    ReportPage,
    ThemeIndexPage,
    ThemePage,
)

HUB_TIME_ZONE = ZoneInfo(settings.TIME_ZONE)


@demo_loader
def publications_demo_load(*, home, dutch, created) -> None:
    themes = {theme.slug: theme for theme in Theme.objects.filter(locale=home.locale)}
    _theme_pages(home, dutch, themes, created)
    _news(home, dutch, themes, created)
    _events(home, dutch, themes, created)
    _report(home, dutch, themes, created)


def _index(home, dutch, page_class, content, created):
    index = child_page_add(home, page_class, content["en"], created, show_in_menus=True)
    translation_add(index, dutch, content["nl"], created)
    return index


def _theme_pages(home, dutch, themes, created) -> None:
    index = _index(home, dutch, ThemeIndexPage, demo_content.THEME_INDEX, created)
    for slug, texts in demo_content.THEME_PAGES.items():
        theme = themes[slug]
        page = child_page_add(
            index,
            ThemePage,
            {"title": theme.name, "slug": slug, **texts["en"]},
            created,
            theme=theme,
        )
        dutch_name = theme.get_translation(dutch).name
        translation_add(
            page, dutch, {"title": dutch_name, "slug": slug, **texts["nl"]}, created
        )


def _news(home, dutch, themes, created) -> None:
    index = _index(home, dutch, ArticleIndexPage, demo_content.NEWS_INDEX, created)
    for article in demo_content.ARTICLES:
        page = child_page_add(
            index,
            ArticlePage,
            article["en"],
            created,
            date=date.fromisoformat(article["date"]),
            themes=[themes[slug] for slug in article["themes"]],
            tags=article["tags"],
        )
        translation_add(page, dutch, article["nl"], created)


def _events(home, dutch, themes, created) -> None:
    index = _index(home, dutch, EventIndexPage, demo_content.EVENT_INDEX, created)
    for event in demo_content.EVENTS:
        start = _event_start(event)
        page = child_page_add(
            index,
            EventPage,
            event["en"],
            created,
            start=start,
            end=start + timedelta(hours=event["hours"]),
            is_online=event["online"],
            themes=[themes[slug] for slug in event["themes"]],
        )
        translation_add(page, dutch, event["nl"], created)


def _event_start(event: dict) -> datetime:
    if "days" in event:
        day = timezone.localdate() + timedelta(days=event["days"])
    else:
        day = date.fromisoformat(event["date"])
    return datetime.combine(day, time(event["hour"]), tzinfo=HUB_TIME_ZONE)


def _report(home, dutch, themes, created) -> None:
    report = demo_content.REPORT
    section = _index(
        home, dutch, StandardPage, demo_content.PUBLICATIONS_SECTION, created
    )
    page = child_page_add(
        section,
        ReportPage,
        report["en"],
        created,
        publication_date=date.fromisoformat(report["date"]),
        document=_document(report["en"]["title"], report["en"]["summary"]),
        themes=[themes[slug] for slug in report["themes"]],
        sustainable_development_goals=list(
            SustainableDevelopmentGoal.objects.filter(number__in=report["goals"])
        ),
    )
    translation_add(page, dutch, report["nl"], created)


def _document(title: str, text: str) -> Document:
    """A PDF made here, so that the demo downloads work with no files shipped."""
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    pdf = simple_pdf([title, "", *_wrapped(text, width=80)])
    return Document.objects.create(
        title=title,
        file=ContentFile(pdf, name=f"{title[:40].lower().replace(' ', '-')}.pdf"),
    )


def _wrapped(text: str, *, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def simple_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ``lines`` of Helvetica text (Latin-1 only)."""
    escaped = [
        line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        for line in lines
    ]
    text = "BT /F1 12 Tf 16 TL 56 800 Td " + " ".join(f"({line}) '" for line in escaped)
    stream = f"{text} ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return pdf
