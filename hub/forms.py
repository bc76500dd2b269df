from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignupConsentForm(forms.Form):
    """Added to allauth's sign-up form: consent to the privacy statement."""

    privacy_consent = forms.BooleanField(
        label=_("I have read the privacy statement and agree to it."),
        error_messages={
            "required": _("Please agree to the privacy statement to create an account.")
        },
    )

    def signup(self, request, user):
        user.privacy_consent_at = timezone.now()
        user.save(update_fields=["privacy_consent_at"])
