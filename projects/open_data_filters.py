"""The facets of the downloads and the API, read from the query string.

The same facets as the lists, checked the same way as the organisation
directory checks them; but where a list explains a wrong value beside its
field and carries on, a download or an API call answers 400 with the reasons,
so that a script never mistakes a typo for an empty result.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from hub.models import SustainableDevelopmentGoal
from partners import selectors as partner_selectors
from partners.forms import OrganisationFilterForm
from partners.models import HelixSector
from projects.models import InitiativeStage

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
COUNTRY_ERROR = _(
    "There is no country “%(value)s”. Give its two-letter ISO 3166 code, such as NL."
)


def _choice(label, choices, message):
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", ""), *choices],
        error_messages={"invalid_choice": message},
    )


class InitiativeFacetsForm(forms.Form):
    """The facets of ``projects.selectors.initiatives_filtered``."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = _choice(
        _("Theme"), [], _("There is no theme “%(value)s”. Choose one from the list.")
    )
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={
            "invalid_choice": _(
                "There is no goal “%(value)s”. Choose one of the 17 from the list."
            )
        },
    )
    stage = _choice(
        _("Stage"),
        InitiativeStage.choices,
        _("There is no stage “%(value)s”. Choose one from the list."),
    )
    sector = _choice(
        _("Sector sought"),
        HelixSector.choices,
        _("There is no sector “%(value)s”. Choose one from the list."),
    )
    country = _choice(_("Country"), [], COUNTRY_ERROR)
    city = forms.CharField(label=_("City"), required=False, max_length=100)

    def __init__(self, *args, themes, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", ""), *themes]
        self.fields["sdg"].choices = [("", ""), *((g.number, str(g)) for g in goals)]
        self.fields["country"].choices = [("", ""), *countries]


class OrganisationFacetsForm(OrganisationFilterForm):
    """The directory's filters, with every country on offer: a download for
    a country without organisations is empty, not wrong."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, countries=list(countries), **kwargs)
        self.fields["country"].error_messages["invalid_choice"] = COUNTRY_ERROR


class PageForm(forms.Form):
    """Which page of an API list, and how long a page is."""

    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("The page must be a whole number, such as 2."),
            "min_value": _("The page must be 1 or more."),
        },
    )
    page_size = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        error_messages={
            "invalid": _("The page size must be a whole number, such as 50."),
            "min_value": _("The page size must be 1 or more."),
            "max_value": _("The page size can be at most %(limit_value)s."),
        },
    )


def _form_choices() -> dict:
    return {
        "themes": partner_selectors.themes_to_filter_by(translations={}),
        "goals": SustainableDevelopmentGoal.objects.all(),
    }


def initiative_facets(data) -> tuple[dict, dict]:
    """(filters for ``initiatives_filtered``, errors by field) from ``data``."""
    return _facets(InitiativeFacetsForm(data, **_form_choices()))


def organisation_facets(data) -> tuple[dict, dict]:
    """(filters for ``organisations_filtered``, errors by field) from ``data``."""
    return _facets(OrganisationFacetsForm(data, **_form_choices()))


def _facets(form: forms.Form) -> tuple[dict, dict]:
    if not form.is_valid():
        return {}, {name: list(errors) for name, errors in form.errors.items()}
    filters = {
        name: value
        for name, value in form.cleaned_data.items()
        if value not in ("", None)
    }
    return filters, {}
