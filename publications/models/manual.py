from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BaseStreamBlock
from hub.models import SocialImageMixin
from publications import schema_org
from publications.models.mixins import ClassifiedMixin


class ManualPage(SocialImageMixin, RoutablePageMixin, Page):
    """The Mayor's Manual: letters to the world's mayors, the manual as one
    download, and the podcast in which some letters are read."""

    intro = models.TextField(_("introduction"), blank=True)
    manual_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("the whole manual"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    podcast_description = models.TextField(_("podcast description"), blank=True)
    podcast_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("podcast cover"),
        help_text=_("Square, at least 1400 × 1400 pixels, JPEG or PNG."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    podcast_category = models.CharField(
        _("podcast category"), max_length=100, default="Government"
    )
    podcast_owner_email = models.EmailField(_("podcast owner e-mail"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("manual_document"),
        MultiFieldPanel(
            [
                FieldPanel("podcast_description"),
                FieldPanel("podcast_image"),
                FieldPanel("podcast_category"),
                FieldPanel("podcast_owner_email"),
            ],
            heading=_("Podcast"),
        ),
    ]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["publications.LetterPage"]
    max_count_per_parent = 1
    template = "publications/manual_page.html"

    class Meta:
        verbose_name = _("manual")

    @path("podcast/")
    def podcast(self, request):
        from publications import views

        return views.podcast_feed(request, manual=self)

    def get_context(self, request, *args, **kwargs):
        from publications import selectors

        context = super().get_context(request, *args, **kwargs)
        context["letters"] = selectors.letters(manual=self)
        return context


class LetterPage(SocialImageMixin, RoutablePageMixin, ClassifiedMixin, Page):
    """A letter to the world's mayors, optionally read as a podcast episode."""

    date = models.DateField(_("date"), default=timezone.localdate)
    authors = models.CharField(_("author or authors"), max_length=300)
    author_organisation = models.CharField(
        _("authors' organisation"), max_length=200, blank=True
    )
    addresses = models.CharField(
        _("city or challenge it addresses"), max_length=200, blank=True
    )
    intro = models.TextField(_("introduction"), max_length=500)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("letter as PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    episode_audio = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("podcast episode"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transcript = models.TextField(_("transcript of the episode"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("authors"),
        FieldPanel("author_organisation"),
        FieldPanel("addresses"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("document"),
        MultiFieldPanel(
            [FieldPanel("episode_audio"), FieldPanel("transcript")],
            heading=_("Podcast episode"),
        ),
        *ClassifiedMixin.classification_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("authors"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("transcript"),
    ]
    parent_page_types = ["publications.ManualPage"]
    subpage_types = []
    template = "publications/letter_page.html"

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")

    def structured_data(self, request) -> dict:
        return schema_org.letter(self, request)

    @path("transcript/")
    def transcript_text(self, request):
        from publications import views

        return views.letter_transcript(request, letter=self)
