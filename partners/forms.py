from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import SECTOR_KINDS, HelixSector


def _invalid_choice(message):
    return {"invalid_choice": message}


class OrganisationFilterForm(forms.Form):
    """The directory's search and filters, read from the query string so that
    a filtered list is a link. A value that is not on offer is explained on
    its field; the other filters still apply."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("All sectors")), *HelixSector.choices],
        error_messages=_invalid_choice(
            _("There is no sector “%(value)s”. Choose one from the list.")
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        required=False,
        # Grouped by sector, as the registration form offers them.
        choices=[
            ("", _("All kinds")),
            *(
                (sector.label, [(kind.value, kind.label) for kind in kinds])
                for sector, kinds in SECTOR_KINDS.items()
            ),
        ],
        error_messages=_invalid_choice(
            _("There is no kind of organisation “%(value)s”. Choose one from the list.")
        ),
    )
    theme = forms.ChoiceField(
        label=_("Theme"),
        required=False,
        error_messages=_invalid_choice(
            _("There is no theme “%(value)s”. Choose one from the list.")
        ),
    )
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages=_invalid_choice(
            _("There is no goal “%(value)s”. Choose one of the 17 from the list.")
        ),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        error_messages=_invalid_choice(
            _(
                "No listed organisation is based in “%(value)s”. Choose a "
                "country from the list."
            )
        ),
    )
    city = forms.CharField(label=_("City"), required=False, max_length=100)

    def __init__(self, *args, themes, goals, countries, **kwargs):
        """``themes`` as (slug, name) pairs, ``goals`` as SDGs, ``countries``
        as (code, name) pairs: what the choices offer."""
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes")), *themes]
        self.fields["sdg"].choices = [
            ("", _("All goals")),
            *((goal.number, str(goal)) for goal in goals),
        ]
        self.fields["country"].choices = [("", _("All countries")), *countries]

    @property
    def filters(self) -> dict:
        """The values that are valid, leaving out the empty ones and any the
        visitor got wrong (their fields show why)."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in ("", None)
        }
