from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Pages and addresses the site's header and footer point to."""

    privacy_statement_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_statement_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    panels = [
        FieldPanel("privacy_statement_page"),
        FieldPanel("accessibility_statement_page"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = _("site settings")


class HubPartner(Orderable):
    """An organisation the hub works with, shown in the footer of every page."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("hub partner")
        verbose_name_plural = _("hub partners")

    def __str__(self):
        return self.name
