"""Followers hear of new articles: Wagtail tells us when a page is published.

The publication app may not call this app, so this app listens to Wagtail's
``page_published`` signal (Wagtail's own extension point for it) and reads the
article's organisations and themes through the app registry."""

from django.apps import apps
from wagtail.signals import page_published


def article_published(sender, instance, **kwargs):
    from projects import following

    following.notifications_record_for_article(article=instance)


def connect() -> None:
    article_page = apps.get_model("publications", "ArticlePage")
    page_published.connect(
        article_published, sender=article_page, dispatch_uid="following-articles"
    )
