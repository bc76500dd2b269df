from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from hub.models import SustainableDevelopmentGoal, Theme
from partners import selectors, services
from partners.models import (
    SECTOR_KINDS,
    HelixSector,
    JoinRequest,
    MemberRole,
    Organisation,
)

CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"
TAG_MAX_LENGTH = 100  # taggit's Tag.name
TAG_FIELDS = ("expertise", "offer_tags", "seek_tags")
# So that browsers can fill in what they know (WCAG 1.3.5).
AUTOCOMPLETE = {
    "name": "organization",
    "website": "url",
    "country": "country",
    "contact_email": "email",
}


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """Themes are stored in the default language; each is offered under its
    name in the visitor's language where it has been translated."""

    names: dict = {}

    def label_from_instance(self, theme):
        return self.names.get(theme.translation_key, theme.name)


def _theme_names_in_active_language() -> dict:
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return {}
    return dict(
        Theme.objects.filter(locale__language_code=language).values_list(
            "translation_key", "name"
        )
    )


def _kind_choices() -> list:
    """The kinds grouped by helix sector, for one <optgroup> per sector."""
    return [
        ("", _("Choose a kind of organisation")),
        *(
            (sector.label, [(kind.value, kind.label) for kind in kinds])
            for sector, kinds in SECTOR_KINDS.items()
        ),
    ]


def _tags_field(label, help_text) -> TagField:
    return TagField(label=label, help_text=help_text, required=False, max_length=500)


class OrganisationForm(forms.ModelForm):
    """An organisation's profile as its members register and edit it. Saving
    goes through the services; this form only checks what was typed."""

    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=300,
        assume_scheme="https",
        help_text=_("For example https://www.example.org"),
    )
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=_kind_choices)
    themes = ThemeChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": CHECKBOX}),
    )
    sustainable_development_goals = forms.ModelMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        queryset=SustainableDevelopmentGoal.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": CHECKBOX}),
    )
    expertise = _tags_field(
        _("Expertise"),
        _("Keywords separated by commas, such as: smart lighting, open data"),
    )
    offer_tags = _tags_field(
        _("What you offer, as keywords"),
        _("Separated by commas, such as: pilot location, funding advice"),
    )
    seek_tags = _tags_field(
        _("What you seek, as keywords"),
        _("Separated by commas, such as: research partner, sensor supplier"),
    )

    class Meta:
        model = Organisation
        # In the order the form shows them, so that errors are listed so too.
        fields = [
            "name",
            "short_name",
            "website",
            "sector",
            "kind",
            "description",
            "logo",
            "city",
            "country",
            "themes",
            "sustainable_development_goals",
            "expertise",
            "offers",
            "offer_tags",
            "seeks",
            "seek_tags",
            "contact_email",
        ]
        labels = {
            "name": _("Name"),
            "short_name": _("Short name or acronym"),
            "sector": _("Helix sector"),
            "description": _("Description"),
            "logo": _("Logo"),
            "city": _("City"),
            "country": _("Country"),
            "offers": _("What your organisation offers"),
            "seeks": _("What your organisation seeks"),
            "contact_email": _("Public contact e-mail"),
        }
        help_texts = {
            "short_name": _("Optional, such as TU/e for Eindhoven University."),
            "sector": _(
                "Which of the four helices your organisation belongs to: "
                "government, business, knowledge institutions or civil society."
            ),
            "description": _("What your organisation does, in a few sentences."),
            "city": _("We place your organisation on the map by its city."),
            "offers": _("Knowledge, facilities or services others can ask you for."),
            "seeks": _("The partners or help you are looking for."),
        }
        error_messages = {
            "name": {"required": _("Please enter your organisation's name.")},
            "sector": {"required": _("Please choose a helix sector.")},
            "country": {"required": _("Please choose a country.")},
            "logo": {
                "invalid_image": _("The logo is not an image we can read."),
            },
            "contact_email": {
                "invalid": _("Please enter an e-mail address such as info@example.org.")
            },
        }
        widgets = {
            "country": forms.Select,
            "description": forms.Textarea(attrs={"rows": 6}),
            "offers": forms.Textarea(attrs={"rows": 4}),
            "seeks": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("sector", "kind", "country"):
            self.fields[name].required = True
        self.fields["sector"].choices = [
            ("", _("Choose a helix sector")),
            *HelixSector.choices,
        ]
        self.fields["kind"].error_messages["required"] = _(
            "Please choose the kind of organisation."
        )
        self.fields["website"].error_messages["invalid"] = _(
            "Please enter a web address such as https://www.example.org."
        )
        self.fields["themes"].queryset = Theme.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        )
        self.fields["themes"].names = _theme_names_in_active_language()
        for name, purpose in AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = purpose

    def clean(self):
        cleaned_data = super().clean()
        sector, kind = cleaned_data.get("sector"), cleaned_data.get("kind")
        if sector and kind and kind not in SECTOR_KINDS[HelixSector(sector)]:
            self.add_error(
                "kind",
                forms.ValidationError(
                    _(
                        "This kind of organisation does not belong to the sector "
                        "“%(sector)s”. Please choose a kind listed under that sector."
                    ),
                    code="kind_not_in_sector",
                    params={"sector": HelixSector(sector).label},
                ),
            )
        for name in TAG_FIELDS:
            self._check_tag_length(name, cleaned_data.get(name) or [])
        return cleaned_data

    def _check_tag_length(self, name: str, tags: list[str]) -> None:
        if any(len(tag) > TAG_MAX_LENGTH for tag in tags):
            self.add_error(
                name,
                forms.ValidationError(
                    _("Each keyword may be at most %(limit)s characters long."),
                    code="tag_too_long",
                    params={"limit": TAG_MAX_LENGTH},
                ),
            )

    def full_clean(self):
        super().full_clean()
        # A browser cannot send a chosen file again: say so rather than let
        # the logo disappear without a word.
        if self._errors and self.files.get("logo") and "logo" not in self._errors:
            self.add_error(
                "logo",
                forms.ValidationError(
                    _(
                        "Your logo could not be kept because of the other errors. "
                        "Please choose the logo again."
                    ),
                    code="choose_again",
                ),
            )

    def organisation_fields(self) -> dict:
        """The cleaned values as the services take them."""
        fields = {name: self.cleaned_data[name] for name in self._meta.fields}
        # Unticking "clear" leaves the logo as it is; ticking it removes it.
        if fields["logo"] is False:
            fields["logo"] = ""
        elif fields["logo"] is None:
            del fields["logo"]
        return fields


class DuplicateConfirmationForm(forms.Form):
    """The registrant's word that none of the similar organisations is theirs."""

    not_a_duplicate = forms.BooleanField(
        label=_("None of these is my organisation"), required=False
    )


class OrganisationRegistrationForm(DuplicateConfirmationForm, OrganisationForm):
    """Registering checks first that the organisation is not on the hub yet:
    if similar ones exist, the registrant must say none of them is theirs."""

    # The confirmation sits with the similar organisations, under the website.
    field_order = ["name", "short_name", "website", "not_a_duplicate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.similar = []
        for name in ("name", "website"):
            self.fields[name].widget.attrs.update(_live_similar_check_attributes())

    def clean(self):
        cleaned_data = super().clean()
        self.similar = list(
            selectors.organisations_similar(
                name=cleaned_data.get("name") or "",
                website_domain=services.website_domain(
                    cleaned_data.get("website") or ""
                ),
            )
        )
        if self.similar and not cleaned_data.get("not_a_duplicate"):
            self.add_error(
                "not_a_duplicate",
                forms.ValidationError(
                    _(
                        "Organisations like this one are already on the hub. If one "
                        "of them is yours, ask to join it; if not, tick “None of "
                        "these is my organisation”."
                    ),
                    code="possible_duplicate",
                ),
            )
        return cleaned_data


def _live_similar_check_attributes() -> dict:
    """With htmx, the "is this yours?" list updates as the name or website is
    typed; without JavaScript the same list appears after submitting."""
    return {
        "hx-get": reverse("partners:organisation_similar"),
        "hx-trigger": "keyup changed delay:500ms, change",
        "hx-target": "#similar-organisations",
        "hx-include": "[name='name'], [name='website'], [name='not_a_duplicate']",
        "hx-sync": "closest form:replace",
    }


class JoinRequestForm(forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = ["message"]
        labels = {"message": _("Message to the owners (optional)")}
        help_texts = {"message": _("Say who you are and why you would like to join.")}
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}


class MembershipUpdateForm(forms.Form):
    """One of the buttons on the members page: change a role, remove a
    member (or leave), or show or hide one's own name."""

    ROLE, REMOVE, VISIBILITY = "role", "remove", "visibility"

    action = forms.ChoiceField(
        choices=[(ROLE, ROLE), (REMOVE, REMOVE), (VISIBILITY, VISIBILITY)]
    )
    role = forms.ChoiceField(choices=MemberRole.choices, required=False)
    shown_publicly = forms.BooleanField(required=False)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("action") == self.ROLE and not cleaned_data.get("role"):
            self.add_error("role", _("Please choose a role."))
        return cleaned_data


class JoinRequestAnswerForm(forms.Form):
    ACCEPT, DECLINE = "accept", "decline"

    answer = forms.ChoiceField(choices=[(ACCEPT, ACCEPT), (DECLINE, DECLINE)])


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
