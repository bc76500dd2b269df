from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BaseStreamBlock
from hub.models import SocialImageMixin
from publications import schema_org
from publications.models.mixins import ClassifiedMixin


class EventIndexPage(SocialImageMixin, RoutablePageMixin, Page):
    """Upcoming and past events and webinars, and the calendar of all of them."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["publications.EventPage"]
    max_count_per_parent = 1
    template = "publications/event_index_page.html"

    class Meta:
        verbose_name = _("event index page")

    @path("")
    def event_list(self, request):
        from publications import views

        return views.event_list(request, index_page=self)

    @path("calendar/")
    def calendar(self, request):
        from publications import views

        return views.event_calendar(request, index_page=self)


class EventPage(SocialImageMixin, RoutablePageMixin, ClassifiedMixin, Page):
    """An event or webinar, on site or online, with its own calendar entry."""

    start = models.DateTimeField(_("starts at"))
    end = models.DateTimeField(_("ends at"))
    is_online = models.BooleanField(_("online"), default=False)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    intro = models.TextField(_("introduction"), max_length=400)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("When")),
        MultiFieldPanel(
            [
                FieldPanel("is_online"),
                FieldPanel("venue"),
                FieldPanel("address"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("registration_url"),
        FieldPanel("intro"),
        FieldPanel("body"),
        *ClassifiedMixin.classification_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("venue"),
        index.FilterField("start"),
    ]
    parent_page_types = ["publications.EventIndexPage"]
    subpage_types = []
    template = "publications/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def structured_data(self, request) -> dict:
        return schema_org.event(self, request)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("An event must end after it starts.")})
        if not self.is_online and not self.venue:
            raise ValidationError(
                {"venue": _("Give the venue, or mark the event as online.")}
            )

    @path("calendar/")
    def ics(self, request):
        from publications import views

        return views.event_ics(request, event=self)
