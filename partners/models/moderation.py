from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ModerationStatus(models.TextChoices):
    """Where a registration stands. Only approved ones are public."""

    # Initiatives only: saved by their owners, not yet sent for review.
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


# Organisations are sent for review as soon as they are registered: no drafts.
ORGANISATION_STATUSES = [
    choice for choice in ModerationStatus.choices if choice[0] != ModerationStatus.DRAFT
]


class ModerationAction(models.TextChoices):
    SUBMIT = "submit", _("Submitted for review")
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    REQUEST_CHANGES = "request_changes", _("Changes requested")
    SUSPEND = "suspend", _("Suspended")
    WITHDRAW = "withdraw", _("Withdrawn by its owners")
    # Owners' steps on an initiative, kept in its history for moderators.
    EDIT_WHILE_PUBLIC = "edit", _("Edited significantly while public")
    PAUSE = "pause", _("Paused by its owners")
    RESUME = "resume", _("Resumed by its owners")


# The status each moderator's decision leads to.
ACTION_STATUS = {
    ModerationAction.SUBMIT: ModerationStatus.PENDING,
    ModerationAction.APPROVE: ModerationStatus.APPROVED,
    ModerationAction.REJECT: ModerationStatus.REJECTED,
    ModerationAction.REQUEST_CHANGES: ModerationStatus.CHANGES_REQUESTED,
    ModerationAction.SUSPEND: ModerationStatus.SUSPENDED,
}
# Steps the owners take themselves: nobody is e-mailed about them.
OWNER_ACTIONS = {
    ModerationAction.SUBMIT,
    ModerationAction.WITHDRAW,
    ModerationAction.EDIT_WHILE_PUBLIC,
    ModerationAction.PAUSE,
    ModerationAction.RESUME,
}
# Decisions the owners must be told the reason of.
ACTIONS_NEEDING_REASON = {
    ModerationAction.REJECT,
    ModerationAction.REQUEST_CHANGES,
    ModerationAction.SUSPEND,
}


class ModerationDecisionBase(models.Model):
    """One step in a registration's moderation history; initiatives keep
    theirs in a subclass of this."""

    action = models.CharField(
        _("decision"), max_length=20, choices=ModerationAction.choices
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    owners_notified_at = models.DateTimeField(
        _("owners notified at"), null=True, blank=True
    )

    class Meta:
        abstract = True
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.decided_at:%Y-%m-%d})"
