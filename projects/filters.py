"""The initiatives list's search, facets and order, read from the query string
so that a filtered list (and its map) is a link. Kept apart from the forms
initiatives are registered with: the map data, exports and API read the same
filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import HelixSector
from projects import selectors
from projects.models import InitiativeStage

FACETS = ("q", "theme", "sdg", "stage", "sector", "country", "city")


def _invalid_choice(message):
    return {"invalid_choice": message}


class InitiativeFilterForm(forms.Form):
    """A value that is not on offer is explained on its field; the other
    filters still apply."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
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
    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("All stages")), *InitiativeStage.choices],
        error_messages=_invalid_choice(
            _("There is no stage “%(value)s”. Choose one from the list.")
        ),
    )
    sector = forms.ChoiceField(
        label=_("Looking for partners in"),
        required=False,
        choices=[("", _("Any sector")), *HelixSector.choices],
        error_messages=_invalid_choice(
            _("There is no sector “%(value)s”. Choose one from the list.")
        ),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        error_messages=_invalid_choice(
            _(
                "No listed initiative takes place in “%(value)s”. Choose a "
                "country from the list."
            )
        ),
    )
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            (selectors.SORT_RELEVANCE, _("Best match first when searching")),
            (selectors.SORT_NEWEST, _("Newest first")),
            (selectors.SORT_TITLE, _("Title, A to Z")),
            (selectors.SORT_START, _("Start date, earliest first")),
        ],
        error_messages=_invalid_choice(
            _("There is no order “%(value)s”. Choose one from the list.")
        ),
    )

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
        """The valid facets that narrow the list, as
        ``selectors.initiatives_filtered`` takes them; a field in error
        counts as not given."""
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in FACETS
            if name in self.cleaned_data and self.cleaned_data[name] not in ("", None)
        }

    @property
    def order(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("sort") or selectors.SORT_RELEVANCE
