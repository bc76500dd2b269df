"""What the matching jobs store: the suggestions they computed, the state of
each initiative's and organisation's suggestions, the runs, and what people
did with a suggestion (dismissed it, asked for an introduction)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# An open introduction request lapses after this long without an answer.
INTRODUCTION_EXPIRY = timedelta(days=30)


class SuggestionDirection(models.TextChoices):
    """Whom a suggestion is shown to: the initiative's owner (an organisation
    that could help it) or an organisation (an initiative it could help)."""

    FOR_INITIATIVE = "for_initiative", _("Organisation suggested for an initiative")
    FOR_ORGANISATION = "for_organisation", _("Initiative suggested to an organisation")


class MatchSuggestion(models.Model):
    """One ranked pair as the engine computed it. The rows of one initiative
    (or one organisation) in one direction are replaced together, in one
    transaction, so a reader never sees half of an old and half of a new
    list."""

    initiative = models.ForeignKey(
        "projects.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="match_suggestions",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="match_suggestions",
    )
    direction = models.CharField(
        _("direction"), max_length=20, choices=SuggestionDirection.choices
    )
    # 1 is the best suggestion.
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    # Each named part of the score (projects.matching.weights.PARTS), in [0, 1].
    parts = models.JSONField(_("parts of the score"), default=dict)
    algorithm_version = models.PositiveIntegerField(_("algorithm version"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["direction", "rank", "pk"]
        verbose_name = _("match suggestion")
        verbose_name_plural = _("match suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organisation", "direction"],
                name="unique_suggestion_per_pair_and_direction",
            ),
            models.UniqueConstraint(
                fields=["initiative", "rank"],
                condition=Q(direction=SuggestionDirection.FOR_INITIATIVE),
                name="unique_rank_per_initiative",
            ),
            models.UniqueConstraint(
                fields=["organisation", "rank"],
                condition=Q(direction=SuggestionDirection.FOR_ORGANISATION),
                name="unique_rank_per_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.initiative} ↔ {self.organisation} ({self.rank})"


class MatchingStateBase(models.Model):
    """When one subject's suggestions were asked for and last computed.
    Asked for after the last computation means they are being computed."""

    requested_at = models.DateTimeField(_("requested at"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    algorithm_version = models.PositiveIntegerField(
        _("algorithm version"), null=True, blank=True
    )

    class Meta:
        abstract = True

    @property
    def is_computing(self) -> bool:
        if self.requested_at is None:
            return False
        return self.computed_at is None or self.requested_at > self.computed_at


class InitiativeMatchingState(MatchingStateBase):
    initiative = models.OneToOneField(
        "projects.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="matching_state",
    )

    class Meta:
        verbose_name = _("initiative's matching state")
        verbose_name_plural = _("initiatives' matching states")

    def __str__(self):
        return str(self.initiative)


class OrganisationMatchingState(MatchingStateBase):
    organisation = models.OneToOneField(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="matching_state",
    )

    class Meta:
        verbose_name = _("organisation's matching state")
        verbose_name_plural = _("organisations' matching states")

    def __str__(self):
        return str(self.organisation)


class MatchingRunKind(models.TextChoices):
    FULL = "full", _("Full recompute")
    INITIATIVES = "initiatives", _("Initiatives")
    ORGANISATIONS = "organisations", _("Organisations")
    REPAIR = "repair", _("Repair")


class MatchingRunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class MatchingRun(models.Model):
    """One job's computation, for the operators' panel."""

    kind = models.CharField(_("kind"), max_length=20, choices=MatchingRunKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MatchingRunStatus.choices,
        default=MatchingRunStatus.RUNNING,
    )
    algorithm_version = models.PositiveIntegerField(_("algorithm version"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    initiatives_count = models.PositiveIntegerField(_("initiatives"), default=0)
    organisations_count = models.PositiveIntegerField(_("organisations"), default=0)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"
        permissions = [("run_matching", _("Can recompute all suggestions"))]
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")

    def __str__(self):
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def duration(self) -> timedelta | None:
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at


class MatchDismissal(models.Model):
    """Someone dismissed a suggestion: it stays hidden from their side even
    when the suggestions are computed again."""

    initiative = models.ForeignKey(
        "projects.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="match_dismissals",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="match_dismissals",
    )
    direction = models.CharField(
        _("direction"), max_length=20, choices=SuggestionDirection.choices
    )
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), auto_now_add=True)
    # The suggestion's rank and algorithm version when dismissed, so that the
    # hub can learn which suggestions people turn down.
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    algorithm_version = models.PositiveIntegerField(
        _("algorithm version"), null=True, blank=True
    )

    class Meta:
        ordering = ["-dismissed_at", "-pk"]
        verbose_name = _("dismissed suggestion")
        verbose_name_plural = _("dismissed suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organisation", "direction"],
                name="unique_dismissal_per_pair_and_direction",
            )
        ]

    def __str__(self):
        return f"{self.initiative} ↔ {self.organisation}"


class IntroductionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")


class IntroductionOrigin(models.TextChoices):
    SUGGESTION = "suggestion", _("A suggestion")
    ORGANISATION_PAGE = "organisation_page", _("An organisation's page")


def _introduction_expiry():
    return timezone.now() + INTRODUCTION_EXPIRY


class Introduction(models.Model):
    """A member of one organisation asks to be introduced to another, about
    an initiative. Contact details are shared only once the other side
    accepts."""

    requester = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("asked by organisation"),
        on_delete=models.CASCADE,
        related_name="introductions_requested",
    )
    recipient = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("asked of organisation"),
        on_delete=models.CASCADE,
        related_name="introductions_received",
    )
    initiative = models.ForeignKey(
        "projects.Initiative",
        verbose_name=_("about initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions",
    )
    origin = models.CharField(
        _("asked from"), max_length=20, choices=IntroductionOrigin.choices
    )
    # The suggestion's rank and algorithm version, when it came from one.
    suggestion_rank = models.PositiveSmallIntegerField(
        _("suggestion's rank"), null=True, blank=True
    )
    algorithm_version = models.PositiveIntegerField(
        _("algorithm version"), null=True, blank=True
    )
    message = models.TextField(_("message"), max_length=1000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="introductions_requested",
    )
    requested_at = models.DateTimeField(_("asked at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), default=_introduction_expiry)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # When each side's e-mail went out, so that a retried task sends once.
    recipient_notified_at = models.DateTimeField(
        _("asked organisation e-mailed at"), null=True, blank=True
    )
    requester_notified_at = models.DateTimeField(
        _("asking organisation e-mailed at"), null=True, blank=True
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("introduction request")
        verbose_name_plural = _("introduction requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")),
                name="introduction_between_two_organisations",
            ),
            models.UniqueConstraint(
                fields=["requester", "recipient"],
                condition=Q(status="pending"),
                name="one_open_introduction_per_pair",
            ),
        ]
        indexes = [
            # The hourly expiry looks for open requests past their date.
            models.Index(
                fields=["expires_at"],
                condition=Q(status="pending"),
                name="open_introductions_by_expiry",
            ),
            # The rate limit counts one person's recent requests.
            models.Index(
                fields=["requested_by", "requested_at"],
                name="introductions_by_asker",
            ),
        ]

    def __str__(self):
        return f"{self.requester} → {self.recipient}"
