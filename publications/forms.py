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


class CommentForm(forms.Form):
    """A reader's comment, with a honeypot: ``website`` is hidden from people,
    so only a bot fills it in."""

    body = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            # Said no more plainly than this, so as not to teach the bot.
            raise forms.ValidationError(
                _("Your comment could not be posted."), code="honeypot"
            )
        return cleaned_data


class CommentFlagForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=200)
