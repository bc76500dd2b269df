from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

# Editors classify with the themes of the default language; a translation of a
# page shows each theme in its own language through the theme's translation key.
DEFAULT_LANGUAGE_THEMES = {"locale__language_code": settings.LANGUAGE_CODE}


class ClassifiedMixin(models.Model):
    """Themes and UN goals, with the panel that edits them."""

    themes = ParentalManyToManyField(
        "hub.Theme",
        verbose_name=_("themes"),
        blank=True,
        limit_choices_to=DEFAULT_LANGUAGE_THEMES,
        related_name="%(app_label)s_%(class)s_pages",
    )
    sustainable_development_goals = ParentalManyToManyField(
        "hub.SustainableDevelopmentGoal",
        verbose_name=_("sustainable development goals"),
        blank=True,
        related_name="%(app_label)s_%(class)s_pages",
    )

    classification_panels = [
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel(
                    "sustainable_development_goals",
                    widget=forms.CheckboxSelectMultiple,
                ),
            ],
            heading=_("Themes and goals"),
        )
    ]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from publications import selectors

        context = super().get_context(request, *args, **kwargs)
        # The themes as they are called in this page's language.
        context["theme_list"] = selectors.localized_themes(
            themes=self.themes.all(), locale=self.locale
        )
        return context
