"""Reads for the publication pages: lists with a fixed number of queries."""

from collections.abc import Iterable

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Locale

from hub.models import Theme
from partners.models import ModerationStatus, Organisation
from projects.models import Initiative
from publications.models import (
    ArticleComment,
    ArticlePage,
    CommentStatus,
    EventPage,
    LetterPage,
)


def localized_themes(*, themes: Iterable[Theme], locale: Locale) -> list[Theme]:
    """``themes`` as they are called in ``locale`` (one query for all of them)."""
    themes = list(themes)
    translations = {
        theme.translation_key: theme
        for theme in Theme.objects.filter(
            translation_key__in={theme.translation_key for theme in themes},
            locale=locale,
        )
    }
    return [translations.get(theme.translation_key, theme) for theme in themes]


def live_articles(*, locale: Locale):
    return (
        ArticlePage.objects.live()
        .filter(locale=locale)
        .order_by("-date", "-pk")
        .prefetch_related("themes", "tags")
    )


def articles_with_theme(*, theme: Theme, locale: Locale, limit: int):
    return list(
        live_articles(locale=locale).filter(
            themes__translation_key=theme.translation_key
        )[:limit]
    )


def articles_sharing_a_theme(*, article: ArticlePage, limit: int = 3):
    keys = [theme.translation_key for theme in article.themes.all()]
    return list(
        live_articles(locale=article.locale)
        .filter(themes__translation_key__in=keys)
        .exclude(pk=article.pk)
        .distinct()[:limit]
    )


def live_events(*, locale: Locale):
    return EventPage.objects.live().filter(locale=locale).prefetch_related("themes")


def upcoming_events(*, locale: Locale):
    return live_events(locale=locale).filter(end__gte=timezone.now()).order_by("start")


def past_events(*, locale: Locale):
    return live_events(locale=locale).filter(end__lt=timezone.now()).order_by("-start")


def upcoming_events_with_theme(*, theme: Theme, locale: Locale, limit: int):
    return list(
        upcoming_events(locale=locale).filter(
            themes__translation_key=theme.translation_key
        )[:limit]
    )


def upcoming_events_on_themes(*, themes, locale: Locale, limit: int):
    """Upcoming events in ``locale`` on any of ``themes`` (default-language
    themes, as events and initiatives are classified), soonest first."""
    # The cards show no themes: nothing to prefetch.
    return list(
        EventPage.objects.live()
        .filter(
            locale=locale,
            end__gte=timezone.now(),
            themes__in=[theme.pk for theme in themes],
        )
        .distinct()
        .order_by("start")[:limit]
    )


def letters(*, manual):
    return (
        LetterPage.objects.child_of(manual)
        .live()
        .select_related("episode_audio", "document")
        .order_by("-date", "-pk")
    )


def podcast_episodes(*, manual):
    return letters(manual=manual).filter(episode_audio__isnull=False)


def comments_for(*, article: ArticlePage, viewer) -> list[ArticleComment]:
    """The published comments on ``article`` and ``viewer``'s own pending ones,
    oldest first, with their authors (one query)."""
    if article.pk is None:  # the preview of an article never saved
        return []
    visible = Q(status=CommentStatus.PUBLISHED)
    if viewer is not None and viewer.is_authenticated:
        visible |= Q(status=CommentStatus.PENDING, author=viewer)
    return list(
        ArticleComment.objects.filter(visible, article=article)
        .select_related("author")
        .order_by("created_at", "pk")
    )


# The registry: publications show only approved organisations, whatever an
# editor linked, so that a suspended or withdrawn profile disappears at once.


def public_organisation(organisation: Organisation | None) -> Organisation | None:
    if organisation is None or organisation.status != ModerationStatus.APPROVED:
        return None
    return organisation


def organisations_involved(*, article: ArticlePage) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            article_mentions__page=article, status=ModerationStatus.APPROVED
        )
        .order_by("article_mentions__sort_order")
        .prefetch_related("themes")
    )


def organisations_with_theme(*, theme: Theme, limit: int) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            status=ModerationStatus.APPROVED,
            themes__translation_key=theme.translation_key,
        )
        .order_by("-updated_at", "pk")
        .prefetch_related("themes")[:limit]
    )


def articles_mentioning(*, organisation: Organisation, locale: Locale, limit: int):
    """The coverage an organisation received: live articles in ``locale`` that
    name it as involved (translations share their original's organisations)."""
    return list(
        live_articles(locale=locale)
        .filter(involved_organisations__organisation=organisation)
        .distinct()[:limit]
    )


def comments_for_moderation():
    """Every comment with its number of flags (``flag_count``), for the
    moderators' listing in the admin."""
    return ArticleComment.objects.select_related("article", "author").annotate(
        flag_count=Count("flags")
    )


# Initiatives: readers see only public ones (approved, not paused, of an
# approved owner), whatever an editor linked. Their themes are in the default
# language: theme pages in another one match them by translation key.


def initiatives_involved(*, article: ArticlePage) -> list[Initiative]:
    return list(
        Initiative.objects.public()
        .filter(article_mentions__page=article)
        .order_by("article_mentions__sort_order")
        .select_related("owner")
    )


def initiatives_with_theme(*, theme: Theme, limit: int) -> list[Initiative]:
    return list(
        Initiative.objects.public()
        .filter(themes__translation_key=theme.translation_key)
        .order_by("-updated_at", "pk")
        .select_related("owner")[:limit]
    )


def articles_mentioning_initiative(*, initiative, locale: Locale, limit: int):
    """The coverage an initiative received: live articles in ``locale`` that
    name it as involved (translations keep their original's initiatives)."""
    return list(
        live_articles(locale=locale)
        .filter(involved_initiatives__initiative=initiative)
        .distinct()[:limit]
    )
