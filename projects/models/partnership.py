from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerState(models.TextChoices):
    """An invited partner confirms before the initiative names it."""

    INVITED = "invited", _("Invited, awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class InitiativePartnerQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(state=PartnerState.CONFIRMED)


class InitiativePartner(models.Model):
    """An organisation taking part in an initiative beside its owner."""

    initiative = models.ForeignKey(
        "projects.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="initiative_partnerships",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=PartnerState.choices,
        default=PartnerState.INVITED,
    )
    # What the partner does in the initiative, in a few words.
    role = models.CharField(_("role in the initiative"), max_length=200, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    partner_notified_at = models.DateTimeField(
        _("partner notified at"), null=True, blank=True
    )

    objects = InitiativePartnerQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "organisation__name", "pk"]
        verbose_name = _("initiative partner")
        verbose_name_plural = _("initiative partners")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organisation"],
                name="unique_partner_per_initiative",
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.initiative}"

    @property
    def is_confirmed(self) -> bool:
        return self.state == PartnerState.CONFIRMED
