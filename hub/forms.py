from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class NoPlaceholdersMixin:
    """Drops allauth's placeholders: one that repeats the visible label looks
    like a filled-in value and disappears as soon as someone types."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class LoginForm(NoPlaceholdersMixin, AllauthLoginForm):
    pass


class SignupForm(NoPlaceholdersMixin, AllauthSignupForm):
    """allauth's sign-up form with consent to the privacy statement, asked last."""

    privacy_consent = forms.BooleanField(
        label=_("I have read the privacy statement and agree to it."),
        error_messages={
            "required": _("Please agree to the privacy statement to create an account.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["privacy_consent"] = self.fields.pop("privacy_consent")

    def save(self, request):
        user = super().save(request)
        user.privacy_consent_at = timezone.now()
        user.language = get_language() or ""
        user.save(update_fields=["privacy_consent_at", "language"])
        return user


class SiteSearchForm(forms.Form):
    """The site search: words, and optionally one kind of page."""

    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind of page"), required=False)

    def __init__(self, *args, page_kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *page_kinds]


class AccountDeleteForm(forms.Form):
    """Asks for the password, so that a borrowed or unattended session cannot
    delete someone's account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        # A wrong password is not shown again: it would sit in the page's source.
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That is not your password. Please type it again."),
                code="wrong_password",
            )
        return password
