"""The publications part of the demo site: themes, news, events and a report,
in English and Dutch. Registered with ``hub.demo`` and run by
``manage.py load_demo_content``."""

import math
from array import array
from datetime import date, datetime, time, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import lameenc
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtailmedia.models import Media

from hub.demo import child_page_add, demo_loader, translation_add
from hub.models import StandardPage, SustainableDevelopmentGoal, Theme
from partners.models import Organisation
from projects.models import Initiative
from publications import demo_content
from publications.models import (
    ArticleIndexPage,
    ArticleInitiative,
    ArticleOrganisation,
    ArticlePage,
    EventIndexPage,
    EventPage,
    ExpertFormField,
    ExpertIndexPage,
    ExpertPage,
    LetterPage,
    MagazineIssuePage,
    MagazinePage,
    ManualPage,
    ReportPage,
    ThemeIndexPage,
    ThemePage,
)

HUB_TIME_ZONE = ZoneInfo(settings.TIME_ZONE)


@demo_loader
def publications_demo_load(*, home, dutch, created, notes) -> None:
    themes = {theme.slug: theme for theme in Theme.objects.filter(locale=home.locale)}
    _theme_pages(home, dutch, themes, created)
    _news(home, dutch, themes, created)
    _events(home, dutch, themes, created)
    section = _index(
        home, dutch, StandardPage, demo_content.PUBLICATIONS_SECTION, created
    )
    _report(section, dutch, themes, created)
    _manual(home, dutch, themes, created)
    _magazine(section, dutch, created)
    _experts(home, dutch, themes, created)


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
            lead_city=_organisation(demo_content.LEAD_CITIES.get(slug)),
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
            involved_organisations=_involved(article),
            involved_initiatives=_initiatives_involved(article),
        )
        translation_add(
            page,
            dutch,
            article["nl"],
            created,
            involved_organisations=_involved(article),
            involved_initiatives=_initiatives_involved(article),
        )


def _organisation(slug: str | None) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first() if slug else None


def _involved(article: dict) -> list[ArticleOrganisation]:
    organisations = Organisation.objects.in_bulk(
        article.get("organisations", ()), field_name="slug"
    )
    return [
        ArticleOrganisation(organisation=organisations[slug])
        for slug in article.get("organisations", ())
        if slug in organisations
    ]


def _initiatives_involved(article: dict) -> list[ArticleInitiative]:
    initiatives = Initiative.objects.in_bulk(
        article.get("initiatives", ()), field_name="slug"
    )
    return [
        ArticleInitiative(initiative=initiatives[slug])
        for slug in article.get("initiatives", ())
        if slug in initiatives
    ]


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


def _report(section, dutch, themes, created) -> None:
    report = demo_content.REPORT
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


def _manual(home, dutch, themes, created) -> None:
    texts = demo_content.MANUAL
    manual = child_page_add(
        home,
        ManualPage,
        texts["en"],
        created,
        show_in_menus=True,
        manual_document=_document(texts["en"]["title"], texts["en"]["intro"]),
        podcast_image=_image("The Mayor's Manual podcast", (1400, 1400)),
        podcast_owner_email="podcast@smartcitieshub.example",
    )
    translation_add(manual, dutch, texts["nl"], created)
    for letter in demo_content.LETTERS:
        page = child_page_add(
            manual,
            LetterPage,
            letter["en"],
            created,
            date=date.fromisoformat(letter["date"]),
            themes=[themes[slug] for slug in letter["themes"]],
            episode_audio=_episode(letter["en"]["title"])
            if letter["episode"]
            else None,
        )
        translation_add(page, dutch, letter["nl"], created)


def _magazine(section, dutch, created) -> None:
    issue = demo_content.MAGAZINE_ISSUE
    magazine = child_page_add(
        section, MagazinePage, demo_content.MAGAZINE["en"], created
    )
    translation_add(magazine, dutch, demo_content.MAGAZINE["nl"], created)
    title = f"NL Smart Cities Magazine vol. {issue['volume']}: {issue['en']['title']}"
    page = child_page_add(
        magazine,
        MagazineIssuePage,
        issue["en"],
        created,
        volume=issue["volume"],
        issue_date=date.fromisoformat(issue["date"]),
        pdf=_document(title, issue["en"]["intro"]),
        cover_image=_image(title, (800, 1120)),
    )
    translation_add(page, dutch, issue["nl"], created)


def _experts(home, dutch, themes, created) -> None:
    index = _index(home, dutch, ExpertIndexPage, demo_content.EXPERT_INDEX, created)
    for expert in demo_content.EXPERTS:
        page = child_page_add(
            index,
            ExpertPage,
            expert["en"],
            created,
            to_address=expert["email"],
            themes=[themes[slug] for slug in expert["themes"]],
        )
        _expert_form(page, "en")
        _expert_form(translation_add(page, dutch, expert["nl"], created), "nl")


def _expert_form(page, language: str) -> None:
    if page.form_fields.exists():
        return
    for order, (label, kind, required) in enumerate(
        demo_content.EXPERT_FORM_FIELDS[language]
    ):
        ExpertFormField.objects.create(
            page=page, sort_order=order, label=label, field_type=kind, required=required
        )


def _image(title: str, size: tuple[int, int]) -> Image:
    """A plain cover in the hub's colours, made here so that no file is shipped."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    picture = PILImage.new("RGB", size, "#0b4f6c")
    draw = ImageDraw.Draw(picture)
    width, height = size
    draw.ellipse(
        (width // 4, height // 4, 3 * width // 4, 3 * height // 4), fill="#b3400b"
    )
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"{slugify(title)}.png")
    )


def _episode(title: str) -> Media:
    """A short MP3 (a soft tone) standing in for a recorded reading."""
    existing = Media.objects.filter(title=title).first()
    if existing:
        return existing
    seconds, rate = 6, 22050
    samples = array(
        "h",
        (
            int(
                8000
                * math.sin(2 * math.pi * 440 * n / rate)
                * min(1, n / rate, (seconds * rate - n) / rate)
            )
            for n in range(seconds * rate)
        ),
    )
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(64)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(7)
    mp3 = encoder.encode(samples.tobytes()) + encoder.flush()
    return Media.objects.create(
        title=title,
        file=ContentFile(bytes(mp3), name=f"{slugify(title)}.mp3"),
        type="audio",
        duration=seconds,
    )


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
