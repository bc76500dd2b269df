from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from partners.views.chooser import organisation_chooser_viewset
from projects.views.chooser import initiative_chooser_viewset

# Editors choose among approved organisations, searched like the directory.
OrganisationChooser = organisation_chooser_viewset.widget_class


class ArticleOrganisation(Orderable):
    """An organisation an article names as involved, chosen by the editor.
    Only approved organisations are shown to readers."""

    page = ParentalKey(
        "publications.ArticlePage",
        related_name="involved_organisations",
        on_delete=models.CASCADE,
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="article_mentions",
    )

    panels = [FieldPanel("organisation", widget=OrganisationChooser)]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation involved")
        verbose_name_plural = _("organisations involved")


# Editors choose among public initiatives, searched like the initiatives' list.
InitiativeChooser = initiative_chooser_viewset.widget_class


class ArticleInitiative(Orderable):
    """An initiative an article names as involved, chosen by the editor.
    Readers see it only while it is public."""

    page = ParentalKey(
        "publications.ArticlePage",
        related_name="involved_initiatives",
        on_delete=models.CASCADE,
    )
    initiative = models.ForeignKey(
        "projects.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="article_mentions",
    )

    panels = [FieldPanel("initiative", widget=InitiativeChooser)]

    class Meta(Orderable.Meta):
        verbose_name = _("initiative involved")
        verbose_name_plural = _("initiatives involved")
