from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BaseStreamBlock
from hub.models import SocialImageMixin
from publications import schema_org


class MagazinePage(SocialImageMixin, Page):
    """The hub's magazine: its issues, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["hub.HomePage", "hub.StandardPage"]
    subpage_types = ["publications.MagazineIssuePage"]
    max_count_per_parent = 1
    template = "publications/magazine_page.html"

    class Meta:
        verbose_name = _("magazine")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = (
            MagazineIssuePage.objects.child_of(self)
            .live()
            .select_related("cover_image", "pdf")
            # One query for all covers' renditions, however many issues.
            .prefetch_related("cover_image__renditions")
            .order_by("-issue_date")
        )
        return context


class MagazineIssuePage(SocialImageMixin, Page):
    """One issue of the magazine, with its cover, its PDF and its articles (the
    issue's child pages, or links to news articles)."""

    volume = models.PositiveSmallIntegerField(_("volume"))
    issue_date = models.DateField(_("date of issue"))
    intro = models.TextField(_("introduction"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("the issue as PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("volume"),
        FieldPanel("issue_date"),
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        FieldPanel("pdf"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["publications.MagazinePage"]
    subpage_types = ["publications.ArticlePage"]
    template = "publications/magazine_issue_page.html"

    class Meta:
        verbose_name = _("magazine issue")
        verbose_name_plural = _("magazine issues")

    def structured_data(self, request) -> dict:
        return schema_org.magazine_issue(self, request)

    def get_context(self, request, *args, **kwargs):
        from publications.models.news import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        context["issue_articles"] = ArticlePage.objects.child_of(self).live()
        return context
