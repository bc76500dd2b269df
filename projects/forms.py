"""The forms registrants fill in for their initiatives. Saving goes through
the services; these forms only check what was typed."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from hub.models import SustainableDevelopmentGoal, Theme
from partners.forms import (
    CHECKBOX,
    TAG_MAX_LENGTH,
    ThemeChoiceField,
    _tags_field,
    _theme_names_in_active_language,
)
from partners.models import HelixSector
from projects.models import Initiative, InitiativeStage
from projects.models.initiatives import MAX_IMAGES, MAX_LINKS
from projects.validators import validate_initiative_image

TAG_FIELDS = ("tags", "expertise_sought")
# What "Send for review" needs beyond the title, and the sentence that asks
# for each. Saving a draft needs only the title.
REQUIRED_FOR_REVIEW = {
    "summary": _("Please write a short summary of the initiative."),
    "stage": _("Please choose the stage the initiative is in."),
    "city": _("Please enter the city where the initiative takes place."),
    "country": _("Please choose the country where the initiative takes place."),
    "themes": _("Please choose at least one theme."),
}
# So that browsers can fill in what they know (WCAG 1.3.5).
AUTOCOMPLETE = {"country": "country", "contact_email": "email"}
DATE_FORMAT = "%Y-%m-%d"


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT)


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organisation):
        return organisation.name


def _sectors_sought_field(widget) -> forms.MultipleChoiceField:
    """The sectors an initiative seeks partners in: rows of their own (see
    ``services``), not a model field."""
    return forms.MultipleChoiceField(
        label=_("Partners sought from these sectors"),
        choices=HelixSector.choices,
        required=False,
        help_text=_("Which of the four helices you would like partners from."),
        widget=widget,
    )


def _sectors_sought_initial(form) -> None:
    if form.instance.pk:
        form.fields["sectors_sought"].initial = list(
            form.instance.sought_sectors.values_list("sector", flat=True)
        )


class InitiativeForm(forms.ModelForm):
    """An initiative as its owners register and edit it. ``sending`` says
    whether it is to be sent for review (or is already public or awaiting
    review), which asks for more than a draft does. ``owners`` are the
    organisations it may be registered for; None when editing, as the owner
    does not change."""

    owner = OwnerChoiceField(
        label=_("Organisation"),
        queryset=None,
        empty_label=None,
        help_text=_("The organisation that runs the initiative and answers for it."),
        error_messages={
            "required": _("Please choose the organisation that owns the initiative."),
            "invalid_choice": _(
                "Please choose one of your approved organisations from the list."
            ),
        },
    )
    themes = ThemeChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        help_text=_("Choose at least one: visitors filter initiatives by theme."),
        widget=forms.CheckboxSelectMultiple(attrs={"class": CHECKBOX}),
    )
    sustainable_development_goals = forms.ModelMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        queryset=SustainableDevelopmentGoal.objects.all(),
        required=False,
        help_text=_("The UN goals the initiative contributes to, if any."),
        widget=forms.CheckboxSelectMultiple(attrs={"class": CHECKBOX}),
    )
    tags = _tags_field(
        _("Keywords"),
        _("Separated by commas, such as: smart lighting, sensors, open data"),
    )
    sectors_sought = _sectors_sought_field(
        forms.CheckboxSelectMultiple(attrs={"class": CHECKBOX})
    )
    expertise_sought = _tags_field(
        _("Expertise sought"),
        _("Separated by commas, such as: data science, funding advice"),
    )

    class Meta:
        model = Initiative
        # In the order the form shows them, so that errors are listed so too.
        fields = [
            "title",
            "summary",
            "description",
            "stage",
            "city",
            "country",
            "themes",
            "sustainable_development_goals",
            "tags",
            "partners_sought",
            "expertise_sought",
            "start_date",
            "end_date",
            "contact_email",
        ]
        labels = {
            "title": _("Title"),
            "summary": _("Summary"),
            "description": _("Description"),
            "stage": _("Stage"),
            "city": _("City"),
            "country": _("Country"),
            "partners_sought": _("What partners you are looking for"),
            "start_date": _("Start date"),
            "end_date": _("End date"),
            "contact_email": _("Public contact e-mail"),
        }
        help_texts = {
            "title": _("The name people will know the initiative by."),
            "summary": _(
                "One or two sentences shown in lists and on the map; at most 300 "
                "characters."
            ),
            "description": _(
                "What the initiative does, for whom, and what it has achieved so far."
            ),
            "stage": _(
                "Idea: not started yet. Planning: being prepared. Running: under way. "
                "Completed: finished."
            ),
            "city": _("We place the initiative on the map by its city."),
            "country": _("The country the city is in."),
            "partners_sought": _(
                "In a few sentences: the help, knowledge or facilities you need."
            ),
            "start_date": _("Optional. For example 2027-03-31."),
            "end_date": _("Optional; leave empty if it has no planned end."),
            "contact_email": _(
                "Shown on the public page, so that partners can reach you. Leave "
                "empty to show none."
            ),
        }
        error_messages = {
            "title": {"required": _("Please enter the initiative's title.")},
            "start_date": {"invalid": _("Please enter a date such as 2027-03-31.")},
            "end_date": {"invalid": _("Please enter a date such as 2027-12-31.")},
            "contact_email": {
                "invalid": _("Please enter an e-mail address such as info@example.org.")
            },
        }
        widgets = {
            "country": forms.Select,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "partners_sought": forms.Textarea(attrs={"rows": 4}),
            "start_date": _date_widget(),
            "end_date": _date_widget(),
        }

    def __init__(self, *args, owners=None, sending=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sending = sending
        self._set_up_owner(owners)
        self.fields["themes"].queryset = Theme.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        )
        self.fields["themes"].names = _theme_names_in_active_language()
        self.fields["stage"].choices = InitiativeStage.choices
        _sectors_sought_initial(self)
        for name in REQUIRED_FOR_REVIEW:
            self.fields[name].required = False
        for name, purpose in AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = purpose
        self.fields["country"].widget.choices = [
            ("", _("Choose a country")),
            *list(self.fields["country"].widget.choices)[1:],
        ]

    def _set_up_owner(self, owners) -> None:
        if owners is None:
            del self.fields["owner"]
            return
        self.fields["owner"].queryset = owners
        self.owners = list(owners)
        if len(self.owners) == 1:
            # Nothing to choose: the page names the organisation instead.
            self.fields["owner"].widget = forms.HiddenInput()
        if self.owners:
            self.fields["owner"].initial = self.owners[0].pk
            self.fields["owner"].required = len(self.owners) > 1

    def clean_owner(self):
        # With one organisation to register for, the choice is made already.
        return self.cleaned_data["owner"] or self.owners[0]

    def clean(self):
        cleaned_data = super().clean()
        if self.sending:
            for name, message in REQUIRED_FOR_REVIEW.items():
                if not cleaned_data.get(name) and name not in self.errors:
                    self.add_error(name, forms.ValidationError(message, "required"))
        start, end = cleaned_data.get("start_date"), cleaned_data.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date",
                forms.ValidationError(
                    _("The end date must be on or after the start date."),
                    code="ends_before_start",
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

    def initiative_fields(self) -> dict:
        """The cleaned values as the services take them."""
        fields = {name: self.cleaned_data[name] for name in self._meta.fields}
        fields["sectors_sought"] = self.cleaned_data["sectors_sought"]
        return fields


class LinkForm(forms.Form):
    url = forms.URLField(
        label=_("Address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("For example https://www.example.org/our-project"),
        error_messages={
            "invalid": _("Please enter a web address such as https://www.example.org.")
        },
    )
    label = forms.CharField(
        label=_("Link text"),
        required=False,
        max_length=120,
        help_text=_("What the link leads to, such as “Project website”."),
    )

    def clean(self):
        cleaned_data = super().clean()
        url, label = cleaned_data.get("url"), cleaned_data.get("label")
        if url and not label:
            self.add_error(
                "label", _("Please say in a few words where the link leads.")
            )
        if label and not url and "url" not in self.errors:
            self.add_error("url", _("Please enter the address the link leads to."))
        return cleaned_data

    @property
    def link(self) -> dict | None:
        data = self.cleaned_data
        return {"url": data["url"], "label": data["label"]} if data.get("url") else None


class BaseLinkFormSet(forms.BaseFormSet):
    def links(self) -> list[dict]:
        return [form.link for form in self.forms if form.link]


def link_formset(*args, links=(), **kwargs):
    """The link rows: those the initiative has, and up to two empty ones for
    new links, never more than MAX_LINKS in all."""
    links = list(links)
    formset_class = forms.formset_factory(
        LinkForm,
        formset=BaseLinkFormSet,
        extra=min(2, MAX_LINKS - len(links)),
        max_num=MAX_LINKS,
        absolute_max=MAX_LINKS,
        validate_max=True,
    )
    return formset_class(*args, initial=links, prefix="links", **kwargs)


class ImageForm(forms.Form):
    image = forms.FileField(
        label=_("Image"),
        required=False,
        validators=[validate_initiative_image],
        help_text=_("PNG, JPEG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp"}
        ),
    )
    alt_text = forms.CharField(
        label=_("Description of the image"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("image") and not cleaned_data.get("alt_text"):
            self.add_error(
                "alt_text",
                _(
                    "Please describe what the image shows, for people who cannot "
                    "see it."
                ),
            )
        return cleaned_data

    @property
    def new_image(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("image"):
            return None
        return {"image": data["image"], "alt_text": data.get("alt_text", "")}


class BaseImageFormSet(forms.BaseFormSet):
    def new_images(self) -> list[dict]:
        return [form.new_image for form in self.forms if form.new_image]

    def ask_to_choose_again(self) -> None:
        """A browser cannot send a chosen file again: when the page comes back
        with errors, say so rather than let an image disappear without a word."""
        for form in self.forms:
            if form.is_bound and form.files and form.new_image and not form.errors:
                form.add_error(
                    "image",
                    forms.ValidationError(
                        _(
                            "Your image could not be kept because of the other "
                            "errors. Please choose it again."
                        ),
                        code="choose_again",
                    ),
                )


def image_formset(*args, existing: int = 0, **kwargs):
    """Up to two upload slots, as many as still fit beside the ``existing``
    images."""
    formset_class = forms.formset_factory(
        ImageForm,
        formset=BaseImageFormSet,
        extra=min(2, max(0, MAX_IMAGES - existing)),
        max_num=max(0, MAX_IMAGES - existing),
        absolute_max=MAX_IMAGES,
        validate_max=True,
    )
    return formset_class(*args, prefix="images", **kwargs)


class ImageRemovalForm(forms.Form):
    """The existing images the owners tick to remove."""

    remove_images = forms.MultipleChoiceField(
        label=_("Remove images"),
        required=False,
        help_text=_("Tick the images to remove; they go when you save."),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, images=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.images = list(images)
        self.fields["remove_images"].choices = [
            (str(image.pk), image.alt_text) for image in self.images
        ]
        self.fields["remove_images"].widget.attrs["class"] = CHECKBOX


class PartnerInviteForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.CharField(
        label=_("Their role in the initiative (optional)"),
        required=False,
        max_length=200,
    )


class PartnerSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Organisation's name"),
        required=False,
        max_length=200,
        help_text=_(
            "Type part of the name, then search; only approved organisations "
            "are listed."
        ),
    )


class InvitationAnswerForm(forms.Form):
    ACCEPT, DECLINE = "confirm", "decline"

    answer = forms.ChoiceField(choices=[(ACCEPT, ACCEPT), (DECLINE, DECLINE)])


class InitiativeCorrectionForm(WagtailAdminModelForm):
    """The moderators' correction form in the admin, with the sectors an
    initiative seeks partners in (rows of their own, not a model field)."""

    sectors_sought = _sectors_sought_field(forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _sectors_sought_initial(self)
