from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BaseStreamBlock
from hub.models import SocialImageMixin
from publications.models.involvement import OrganisationChooser


class ThemeIndexPage(SocialImageMixin, Page):
    """Lists the hub's themes; one per language, under the home page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["publications.ThemePage"]
    max_count_per_parent = 1
    template = "publications/theme_index_page.html"

    class Meta:
        verbose_name = _("theme index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["theme_pages"] = (
            ThemePage.objects.child_of(self).live().select_related("theme")
        )
        return context


class ThemePage(SocialImageMixin, Page):
    """A theme's story, with the latest articles, events, organisations and
    initiatives on it gathered."""

    theme = models.ForeignKey(
        "hub.Theme",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        related_name="+",
    )
    lead_city = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("lead city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The municipality that leads this theme, as in the NL Smart City "
            "Strategy. Shown only while its profile is approved."
        ),
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("lead_city", widget=OrganisationChooser),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["publications.ThemeIndexPage"]
    subpage_types = []
    template = "publications/theme_page.html"

    class Meta:
        verbose_name = _("theme page")

    def get_context(self, request, *args, **kwargs):
        from publications import selectors

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = selectors.articles_with_theme(
            theme=self.theme, locale=self.locale, limit=6
        )
        context["events"] = selectors.upcoming_events_with_theme(
            theme=self.theme, locale=self.locale, limit=4
        )
        context["lead_city"] = selectors.public_organisation(self.lead_city)
        context["organisations"] = selectors.organisations_with_theme(
            theme=self.theme, limit=6
        )
        context["initiatives"] = selectors.initiatives_with_theme(
            theme=self.theme, limit=6
        )
        return context
