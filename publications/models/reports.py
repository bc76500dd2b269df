from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BaseStreamBlock
from hub.models import SocialImageMixin
from publications import schema_org
from publications.models.mixins import ClassifiedMixin


class ReportPage(SocialImageMixin, ClassifiedMixin, Page):
    """A publication of the hub, such as '100 Climate-Neutral Cities in Europe by
    2030', with its summary and the document to download."""

    publication_date = models.DateField(_("published on"))
    summary = models.TextField(_("summary"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("publication_date"),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("body"),
        *ClassifiedMixin.classification_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["hub.HomePage", "hub.StandardPage"]
    subpage_types = []
    template = "publications/report_page.html"

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def structured_data(self, request) -> dict:
        return schema_org.report(self, request)
