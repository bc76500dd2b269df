import datetime

import factory
import wagtail_factories
from django.utils import timezone

from hub.factories import ThemeFactory
from publications.models import (
    ArticleIndexPage,
    ArticlePage,
    EventIndexPage,
    EventPage,
    ReportPage,
    ThemeIndexPage,
    ThemePage,
)


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "News"
    slug = "news"


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(n))
    intro = factory.Faker("sentence")
    body = wagtail_factories.StreamFieldFactory({})

    @factory.post_generation
    def themes(page, create, extracted, **kwargs):
        if extracted:
            page.themes.set(extracted)
            page.save()


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Event {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    is_online = True
    intro = factory.Faker("sentence")


class ThemeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ThemeIndexPage

    title = "Themes"
    slug = "themes"


class ThemePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ThemePage

    title = factory.Sequence(lambda n: f"Theme page {n}")
    theme = factory.SubFactory(ThemeFactory)


class ReportPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReportPage

    title = factory.Sequence(lambda n: f"Report {n}")
    publication_date = datetime.date(2021, 11, 1)
    summary = factory.Faker("paragraph")
