from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Theme(TranslatableMixin, index.Indexed, models.Model):
    """A subject the hub works on, such as climate adaptation or mobility.

    The hub's three perspectives are themes marked as such; the NL Smart City
    Strategy themes sit beside them.
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    summary = models.TextField(_("summary"), blank=True)
    is_perspective = models.BooleanField(
        _("one of the hub's three perspectives"), default=False
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("is_perspective"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_theme_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class SustainableDevelopmentGoal(models.Model):
    """One of the seventeen UN Sustainable Development Goals: fixed data."""

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_nl = models.CharField(_("name in Dutch"), max_length=100)
    colour = models.CharField(_("official colour"), max_length=7)

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return self.name_nl if get_language() == "nl" else self.name_en
