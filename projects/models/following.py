from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What a person can follow; each Follow and Notification names exactly one.
TARGET_FIELDS = ("initiative", "organisation", "theme")


def _exactly_one_target() -> Q:
    return (
        Q(initiative__isnull=False, organisation__isnull=True, theme__isnull=True)
        | Q(initiative__isnull=True, organisation__isnull=False, theme__isnull=True)
        | Q(initiative__isnull=True, organisation__isnull=True, theme__isnull=False)
    )


def _target(related_name: str, model: str, verbose_name):
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name=related_name,
    )


class TargetMixin(models.Model):
    """Points at one initiative, organisation or theme (checked by a
    constraint on each model)."""

    initiative = _target("+", "projects.Initiative", _("initiative"))
    organisation = _target("+", "partners.Organisation", _("organisation"))
    # Always a theme of the default language, as pages and profiles use.
    theme = _target("+", "hub.Theme", _("theme"))

    class Meta:
        abstract = True

    @property
    def target(self):
        return self.initiative or self.organisation or self.theme


class Follow(TargetMixin):
    """A signed-in person follows an initiative, organisation or theme, to
    hear when something happens to it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        ordering = ["user", "-created_at", "-pk"]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_target(), name="follow_has_one_target"
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"unique_follow_of_{field}",
                )
                for field in TARGET_FIELDS
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.target}"


class NotificationKind(models.TextChoices):
    APPROVED = "approved", _("Approved")
    UPDATED = "updated", _("Updated")
    NEW_PARTNER = "new_partner", _("New partner")
    NEW_ARTICLE = "new_article", _("New article")
    # Of an organisation: it became a partner of an initiative.
    JOINED_INITIATIVE = "joined_initiative", _("Joined an initiative")


class Notification(TargetMixin):
    """Something happened to what a person follows. Shown on their following
    page and sent in their digest; the text is put together when it is read,
    in the reader's language, from the kind, the target and ``detail``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    # The partner's name or the article's title.
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    # Where to read more when it is not the target's own page (an article).
    url = models.CharField(_("address"), max_length=500, blank=True)
    # The day it happened: one notification per person, target and kind a day.
    day = models.DateField(_("day"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_target(), name="notification_has_one_target"
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", "kind", field, "day"],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"one_notification_a_day_per_{field}",
                )
                for field in TARGET_FIELDS
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(
                fields=["user"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["user"],
                condition=Q(emailed_at__isnull=True),
                name="notification_unemailed",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target}"


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    NEVER = "never", _("Never: only on the site")


class FollowingPreferences(models.Model):
    """How often a person wants their notifications e-mailed. A person
    without a row gets the default: daily."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="following_preferences",
    )
    digest = models.CharField(
        _("e-mail digest"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.DAILY,
    )
    last_digest_at = models.DateTimeField(_("last digest sent at"), null=True)

    class Meta:
        verbose_name = _("following preferences")
        verbose_name_plural = _("following preferences")

    def __str__(self):
        return f"{self.user}: {self.get_digest_display()}"
