from django import forms
from django.utils.translation import gettext_lazy as _


class ArticleFilterForm(forms.Form):
    """The news filters; read from the query string so a filtered list is a link."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int)

    def __init__(self, *args, themes, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", _("All themes")),
            *((theme.slug, theme.name) for theme in themes),
        ]
        self.fields["year"].choices = [
            ("", _("All years")),
            *((year, year) for year in years),
        ]
