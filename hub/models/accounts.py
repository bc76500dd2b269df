from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account: a registrant, an editor or a moderator."""

    privacy_consent_at = models.DateTimeField(
        _("accepted the privacy statement at"), null=True, blank=True
    )
    # The language the person signed up in: e-mails to them are written in it.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")
