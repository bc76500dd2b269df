from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BaseStreamBlock
from hub.seo import SCHEMA_ORG, organisation

# Page fields that hold a page's own main picture, in order of preference, for
# link previews when an editor chose no social image.
MAIN_IMAGE_FIELDS = ("hero_image", "cover_image", "podcast_image")


class SocialImageMixin(models.Model):
    """The picture a link to the page shows on social media and in messaging
    apps (Open Graph ``og:image``), chosen on the Promote tab."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared on social media or in messaging apps; "
            "1200 × 630 pixels works best. Without one, the page's own main "
            "image is used."
        ),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

    def preview_image(self):
        """The social image, or else the page's own main image, or None."""
        candidates = (getattr(self, name, None) for name in MAIN_IMAGE_FIELDS)
        return self.social_image or next(filter(None, candidates), None)


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


class HomePage(SocialImageMixin, IntroBodyMixin, Page):
    """The root of one language's site: one per locale."""

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "hub/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def structured_data(self, request) -> dict:
        return {"@context": SCHEMA_ORG, **organisation(url=self.get_full_url(request))}


class StandardPage(SocialImageMixin, IntroBodyMixin, Page):
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
