from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BaseStreamBlock
from hub.seo import SCHEMA_ORG, organisation


class IntroBodyMixin(models.Model):
    """An introduction and a body of blocks, with the panels to edit them."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


class HomePage(IntroBodyMixin, Page):
    """The root of one language's site: one per locale."""

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "hub/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def structured_data(self, request) -> dict:
        return {"@context": SCHEMA_ORG, **organisation(url=self.get_full_url(request))}


class StandardPage(IntroBodyMixin, Page):
    """A page of text: about, privacy statement, accessibility statement."""

    parent_page_types = ["hub.HomePage", "hub.StandardPage"]
    template = "hub/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def get_context(self, request, *args, **kwargs):
        # A standard page can head a section: it lists the pages below it.
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_children().live().public().specific()
        return context
