from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BaseStreamBlock
from hub.models import SocialImageMixin
from publications import schema_org
from publications.models.mixins import ClassifiedMixin


class ArticleIndexPage(SocialImageMixin, RoutablePageMixin, Page):
    """The news: articles filtered by theme, tag and year, and their feed."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["publications.ArticlePage"]
    max_count_per_parent = 1
    template = "publications/article_index_page.html"

    class Meta:
        verbose_name = _("news index page")

    @path("")
    def article_list(self, request):
        from publications import views

        return views.article_list(request, index_page=self)

    @path("feed/")
    def feed(self, request):
        from publications import views

        return views.article_feed(request, index_page=self)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "publications.ArticlePage",
        related_name="tagged_items",
        on_delete=models.CASCADE,
    )


class ArticlePage(SocialImageMixin, ClassifiedMixin, Page):
    """A news article."""

    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.CharField(_("author"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(
        verbose_name=_("tags"), through=ArticleTag, blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        *ClassifiedMixin.classification_panels,
        FieldPanel("tags"),
        InlinePanel(
            "involved_organisations",
            heading=_("Organisations involved"),
            label=_("organisation"),
        ),
        InlinePanel(
            "involved_initiatives",
            heading=_("Initiatives involved"),
            label=_("initiative"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = [
        "publications.ArticleIndexPage",
        "publications.MagazineIssuePage",
    ]
    subpage_types = []
    template = "publications/article_page.html"
    open_graph_type = "article"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def structured_data(self, request) -> dict:
        return schema_org.news_article(self, request)

    def get_context(self, request, *args, **kwargs):
        from publications import selectors
        from publications.forms import CommentForm

        context = super().get_context(request, *args, **kwargs)
        context["more_articles"] = selectors.articles_sharing_a_theme(article=self)
        context["comments"] = selectors.comments_for(
            article=self, viewer=getattr(request, "user", None)
        )
        context["comment_form"] = CommentForm()
        context["organisations"] = selectors.organisations_involved(article=self)
        context["initiatives"] = selectors.initiatives_involved(article=self)
        return context
