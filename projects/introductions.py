"""Introductions: a member of one approved organisation asks another for an
introduction, with a short message; a member of the other accepts or
declines. Contact details are shared only on acceptance. The writes and
the reads, the e-mails the tasks send, and the outcomes by theme.

E-mails go through ``partners.mail``: once per introduction and side (the
``*_notified_at`` fields), in each recipient's language, from tasks enqueued
on commit; the hourly repair sends any whose task was lost.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hub.models import Theme
from partners import mail
from partners import selectors as partner_selectors
from partners.models import Organisation
from projects import selectors
from projects.models import (
    Initiative,
    Introduction,
    IntroductionOrigin,
    IntroductionStatus,
    MatchSuggestion,
    SuggestionDirection,
)
from projects.models.matching import INTRODUCTION_EXPIRY

# Answers to an introduction, as the answer buttons send them.
ACCEPT, DECLINE = "accept", "decline"
# A task lost between commit and the broker leaves its e-mail unsent; older
# than this, an unsent e-mail is taken to be lost.
NOTIFICATION_GRACE = timedelta(minutes=15)


# Who may do what ----------------------------------------------------------------------


def organisations_that_can_ask(*, user, recipient: Organisation):
    """The approved organisations of ``user`` that may ask ``recipient``:
    all of them but the recipient itself."""
    return selectors.organisations_that_can_register(user=user).exclude(pk=recipient.pk)


def recipient_for_ask(*, slug: str) -> Organisation | None:
    """An organisation one may ask for an introduction: approved, public."""
    return Organisation.objects.approved().filter(slug=slug).first()


def initiative_for_ask(*, slug: str) -> Initiative | None:
    return Initiative.objects.public().filter(slug=slug).first() if slug else None


def _is_member(user, organisation_id: int) -> bool:
    return (
        user.is_authenticated
        and Organisation.objects.of_member(user).filter(pk=organisation_id).exists()
    )


def introduction_can_view(*, user, introduction: Introduction) -> bool:
    """The members of either organisation see an introduction."""
    return _is_member(user, introduction.requester_id) or _is_member(
        user, introduction.recipient_id
    )


def introduction_can_answer(*, user, introduction: Introduction) -> bool:
    """Only the members of the organisation asked answer."""
    return _is_member(user, introduction.recipient_id)


def introduction_has_expired(introduction: Introduction, *, now=None) -> bool:
    if introduction.status == IntroductionStatus.EXPIRED:
        return True
    return (
        introduction.status == IntroductionStatus.PENDING
        and introduction.expires_at <= (now or timezone.now())
    )


def rate_limit() -> tuple[int, timedelta]:
    """How many introductions one person may ask for in how long."""
    return (
        settings.INTRODUCTION_RATE_LIMIT,
        timedelta(hours=settings.INTRODUCTION_RATE_PERIOD_HOURS),
    )


def asked_recently(*, user, now=None) -> int:
    """How many introductions ``user`` asked for within the rate-limit
    period, counted in the database so that the limit holds across every
    web process."""
    _limit, period = rate_limit()
    since = (now or timezone.now()) - period
    return Introduction.objects.filter(
        requested_by=user, requested_at__gt=since
    ).count()


def rate_limit_reached(*, user) -> bool:
    return asked_recently(user=user) >= rate_limit()[0]


def rate_limit_message() -> str:
    limit, period = rate_limit()
    hours = int(period.total_seconds() // 3600)
    return ngettext(
        "You have asked for %(limit)s introduction in the last %(hours)s hours, "
        "the most one person may. Please try again later.",
        "You have asked for %(limit)s introductions in the last %(hours)s hours, "
        "the most one person may. Please try again later.",
        limit,
    ) % {"limit": limit, "hours": hours}


def open_between(*, requester, recipient) -> Introduction | None:
    """The introduction ``requester`` asked of ``recipient`` that awaits an
    answer, if there is one."""
    return Introduction.objects.filter(
        requester=requester, recipient=recipient, status=IntroductionStatus.PENDING
    ).first()


def open_from(*, requesters, recipient) -> QuerySet[Introduction]:
    """The requests of any of ``requesters`` to ``recipient`` awaiting an
    answer."""
    return Introduction.objects.filter(
        requester__in=requesters,
        recipient=recipient,
        status=IntroductionStatus.PENDING,
    ).select_related("requester", "recipient")


def _already_open_error(introduction: Introduction | None) -> ValidationError:
    if introduction is None:  # answered in the meantime
        return ValidationError(
            _("Something changed meanwhile. Please send your request again."),
            code="changed",
        )
    return ValidationError(
        format_html(
            _(
                "{requester} has already asked {recipient} for an introduction; "
                'it awaits their answer. <a href="{url}">See the request</a>.'
            ),
            requester=introduction.requester.name,
            recipient=introduction.recipient.name,
            url=introduction_url(introduction),
        ),
        code="open",
    )


# Asking -------------------------------------------------------------------------------


def suggestion_for(
    *, requester: Organisation, recipient: Organisation, initiative
) -> MatchSuggestion | None:
    """The suggestion that paired the two organisations over ``initiative``:
    the recipient suggested for the requester's initiative, or the
    recipient's initiative suggested to the requester."""
    if initiative is None:
        return None
    if initiative.owner_id == requester.pk:
        direction, organisation = SuggestionDirection.FOR_INITIATIVE, recipient
    elif initiative.owner_id == recipient.pk:
        direction, organisation = SuggestionDirection.FOR_ORGANISATION, requester
    else:
        return None
    return MatchSuggestion.objects.filter(
        initiative=initiative, organisation=organisation, direction=direction
    ).first()


def _check_ask(*, user, requester, recipient, initiative) -> None:
    if not recipient.is_public:
        raise PermissionDenied
    if (
        not organisations_that_can_ask(user=user, recipient=recipient)
        .filter(pk=requester.pk)
        .exists()
    ):
        raise PermissionDenied
    if initiative is not None and (
        not initiative.is_public
        or initiative.owner_id not in (requester.pk, recipient.pk)
    ):
        raise ValidationError(
            _(
                "An introduction can be about an initiative of either organisation "
                "only."
            ),
            code="initiative",
        )


@transaction.atomic
def introduction_request(
    *,
    user,
    requester: Organisation,
    recipient: Organisation,
    message: str,
    initiative: Initiative | None = None,
) -> Introduction:
    """``user``, a member of ``requester``, asks ``recipient`` for an
    introduction, optionally about an initiative of either. Refused for
    one's own organisation, while an earlier request awaits an answer, and
    beyond the rate limit. The recipient's owners are e-mailed."""
    from projects import tasks

    _check_ask(
        user=user, requester=requester, recipient=recipient, initiative=initiative
    )
    # One person's requests one at a time, so that two at once cannot both
    # slip under the limit.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if rate_limit_reached(user=user):
        raise ValidationError(rate_limit_message(), code="rate_limit")
    existing = open_between(requester=requester, recipient=recipient)
    if existing is not None:
        raise _already_open_error(existing)
    message = message.strip()
    if not message:
        raise ValidationError(_("Please write a short message."), code="required")
    suggestion = suggestion_for(
        requester=requester, recipient=recipient, initiative=initiative
    )
    introduction = Introduction(
        requester=requester,
        recipient=recipient,
        initiative=initiative,
        origin=(
            IntroductionOrigin.SUGGESTION
            if suggestion
            else IntroductionOrigin.ORGANISATION_PAGE
        ),
        suggestion_rank=suggestion.rank if suggestion else None,
        algorithm_version=suggestion.algorithm_version if suggestion else None,
        message=message,
        requested_by=user,
    )
    # The open-request constraint is left to the database, which holds it
    # also against another member asking at the same moment.
    introduction.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError:
        raise _already_open_error(
            open_between(requester=requester, recipient=recipient)
        ) from None
    transaction.on_commit(
        lambda: tasks.notify_introduction_request.delay(introduction.pk)
    )
    return introduction


# Answering ----------------------------------------------------------------------------


@transaction.atomic
def introduction_answer(*, introduction: Introduction, user, accept: bool):
    """A member of the organisation asked accepts (both sides then see each
    other's contact details) or declines. An expired request cannot be
    answered. The asking member is e-mailed."""
    from projects import tasks

    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if not introduction_can_answer(user=user, introduction=introduction):
        raise PermissionDenied
    if introduction_has_expired(introduction):
        raise ValidationError(
            _(
                "This request has expired: it waited more than %(days)s days for "
                "an answer. They can ask again."
            ),
            code="expired",
            params={"days": INTRODUCTION_EXPIRY.days},
        )
    if introduction.status != IntroductionStatus.PENDING:
        raise ValidationError(
            _("This request has already been answered."), code="answered"
        )
    introduction.status = (
        IntroductionStatus.ACCEPTED if accept else IntroductionStatus.DECLINED
    )
    introduction.answered_by, introduction.answered_at = user, timezone.now()
    introduction.save(update_fields=["status", "answered_by", "answered_at"])
    transaction.on_commit(
        lambda: tasks.notify_introduction_outcome.delay(introduction.pk)
    )
    return introduction


def introductions_expire(*, now=None) -> list[int]:
    """Mark every request that waited past its expiry as expired; returns
    their ids, so that the asking members can be told. Running it again
    changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        expired = list(
            Introduction.objects.select_for_update(skip_locked=True)
            .filter(status=IntroductionStatus.PENDING, expires_at__lte=now)
            .values_list("pk", flat=True)
        )
        Introduction.objects.filter(pk__in=expired).update(
            status=IntroductionStatus.EXPIRED
        )
    return expired


# E-mail -------------------------------------------------------------------------------


def _locked(introduction_id: int, **filters) -> Introduction | None:
    return (
        Introduction.objects.select_for_update(of=("self",))
        .select_related(
            "requester", "recipient", "initiative", "requested_by", "answered_by"
        )
        .filter(pk=introduction_id, **filters)
        .first()
    )


def introduction_url(introduction: Introduction) -> str:
    return reverse("projects:introduction_detail", kwargs={"pk": introduction.pk})


@transaction.atomic
def introduction_request_notify(*, introduction_id: int) -> bool:
    """E-mail the owners of the organisation asked, once."""
    introduction = _locked(introduction_id)
    return mail.send_once(
        introduction,
        "recipient_notified_at",
        recipients=lambda: mail.organisation_owners(introduction.recipient_id),
        template="projects/email/introduction_request",
        context=lambda: {"introduction": introduction},
    )


def _asking_people(introduction: Introduction) -> list:
    """Who hears the outcome: the member who asked, or, when their account
    is gone, the asking organisation's owners."""
    if introduction.requested_by is not None:
        return [introduction.requested_by]
    return mail.organisation_owners(introduction.requester_id)


@transaction.atomic
def introduction_outcome_notify(*, introduction_id: int) -> bool:
    """E-mail the asking member the answer (with the other side's contact
    details when accepted) or that the request expired, once."""
    introduction = _locked(
        introduction_id,
        status__in=[
            IntroductionStatus.ACCEPTED,
            IntroductionStatus.DECLINED,
            IntroductionStatus.EXPIRED,
        ],
    )
    return mail.send_once(
        introduction,
        "requester_notified_at",
        recipients=lambda: _asking_people(introduction),
        template="projects/email/introduction_outcome",
        context=lambda: {
            "introduction": introduction,
            "statuses": IntroductionStatus,
            "contact": contact_of(introduction, side="recipient"),
        },
    )


def requests_unnotified(*, now=None) -> list[int]:
    before = (now or timezone.now()) - NOTIFICATION_GRACE
    return list(
        Introduction.objects.filter(
            recipient_notified_at__isnull=True, requested_at__lte=before
        ).values_list("pk", flat=True)
    )


def outcomes_unnotified(*, now=None) -> list[int]:
    """Answered or expired requests whose asking member was not told. An
    expiry is told by the task that marks it; one lost is sent here."""
    before = (now or timezone.now()) - NOTIFICATION_GRACE
    return list(
        Introduction.objects.filter(requester_notified_at__isnull=True)
        .filter(
            Q(answered_at__lte=before)
            | Q(status=IntroductionStatus.EXPIRED, expires_at__lte=before)
        )
        .exclude(status=IntroductionStatus.PENDING)
        .values_list("pk", flat=True)
    )


# Reading ------------------------------------------------------------------------------


@dataclass
class Contact:
    """One side's contact details, shown to the other once accepted."""

    organisation: Organisation
    organisation_email: str
    person_name: str
    person_email: str


def contact_of(introduction: Introduction, *, side: str) -> Contact | None:
    """The contact details of one side ("requester" or "recipient") of an
    accepted introduction; None before it is accepted."""
    if introduction.status != IntroductionStatus.ACCEPTED:
        return None
    organisation = getattr(introduction, side)
    person = (
        introduction.requested_by if side == "requester" else introduction.answered_by
    )
    return Contact(
        organisation=organisation,
        organisation_email=organisation.contact_email,
        person_name=(person.get_full_name() or person.email) if person else "",
        person_email=person.email if person else "",
    )


def _with_related(queryset) -> QuerySet[Introduction]:
    return queryset.select_related("requester", "recipient", "initiative")


def introductions_incoming(*, user) -> QuerySet[Introduction]:
    """Requests to the organisations ``user`` is a member of, awaiting an
    answer first."""
    return _with_related(
        Introduction.objects.filter(
            recipient__in=Organisation.objects.of_member(user).values("pk")
        )
    ).order_by(
        Case(
            When(status=IntroductionStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "-requested_at",
        "-pk",
    )


def introductions_outgoing(*, user) -> QuerySet[Introduction]:
    """Requests the organisations ``user`` is a member of have made."""
    return _with_related(
        Introduction.objects.filter(
            requester__in=Organisation.objects.of_member(user).values("pk")
        )
    ).order_by("-requested_at", "-pk")


def introduction_for_user(*, user, pk: int) -> Introduction | None:
    """The introduction, if ``user`` may see it."""
    introduction = (
        _with_related(Introduction.objects.filter(pk=pk))
        .select_related("requested_by", "answered_by")
        .first()
    )
    if introduction is None or not introduction_can_view(
        user=user, introduction=introduction
    ):
        return None
    return introduction


def pending_incoming_count(*, user) -> int:
    return (
        introductions_incoming(user=user)
        .filter(status=IntroductionStatus.PENDING)
        .count()
    )


# Outcomes -----------------------------------------------------------------------------


@dataclass
class ThemeOutcome:
    """How suggestions for initiatives of one theme turned into
    introductions."""

    name: str
    suggestions: int
    asked: int
    accepted: int

    @property
    def asked_percentage(self) -> float | None:
        """Introductions asked per hundred suggestions."""
        return 100 * self.asked / self.suggestions if self.suggestions else None

    @property
    def accepted_percentage(self) -> float | None:
        """Introductions accepted per hundred asked."""
        return 100 * self.accepted / self.asked if self.asked else None


def _from_initiative_suggestions() -> QuerySet[Introduction]:
    # Asked by the initiative's owner of an organisation suggested for it:
    # the counterpart of a FOR_INITIATIVE suggestion.
    return Introduction.objects.filter(
        origin=IntroductionOrigin.SUGGESTION, initiative__owner=F("requester")
    )


def introductions_by_theme(*, language_code: str) -> list[ThemeOutcome]:
    """Per theme of the initiatives: how many organisations were suggested
    for them, how many introductions were asked from those suggestions and
    how many accepted; and a first row for all themes together. A fixed
    number of queries however many themes there are."""
    suggestions = MatchSuggestion.objects.filter(
        direction=SuggestionDirection.FOR_INITIATIVE
    )
    by_theme_suggested = dict(
        suggestions.values_list("initiative__themes__translation_key")
        .annotate(count=Count("pk"))
        .values_list("initiative__themes__translation_key", "count")
    )
    by_theme_asked = {
        row["initiative__themes__translation_key"]: row
        for row in _from_initiative_suggestions()
        .values("initiative__themes__translation_key")
        .annotate(
            asked=Count("pk"),
            accepted=Count("pk", filter=Q(status=IntroductionStatus.ACCEPTED)),
        )
    }
    totals = _from_initiative_suggestions().aggregate(
        asked=Count("pk"),
        accepted=Count("pk", filter=Q(status=IntroductionStatus.ACCEPTED)),
    )
    names = partner_selectors.theme_translations(language_code=language_code)
    rows = [
        ThemeOutcome(
            name=_("All themes"),
            suggestions=suggestions.count(),
            asked=totals["asked"],
            accepted=totals["accepted"],
        )
    ]
    themes = Theme.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    for theme in themes.order_by("name"):
        key = theme.translation_key
        asked = by_theme_asked.get(key, {})
        rows.append(
            ThemeOutcome(
                name=names.get(key, theme).name,
                suggestions=by_theme_suggested.get(key, 0),
                asked=asked.get("asked", 0),
                accepted=asked.get("accepted", 0),
            )
        )
    return rows


# Personal data ------------------------------------------------------------------------


def personal_data(user) -> dict:
    """The introductions ``user`` asked for and answered, for their data
    download. Deleting the person keeps them, without their name: they are
    between the organisations."""

    def entry(introduction: Introduction) -> dict:
        return {
            "asked_by_organisation": introduction.requester.name,
            "asked_of_organisation": introduction.recipient.name,
            "initiative": introduction.initiative.title
            if introduction.initiative
            else None,
            "message": introduction.message,
            "status": introduction.status,
            "asked_at": introduction.requested_at,
            "expires_at": introduction.expires_at,
            "answered_at": introduction.answered_at,
        }

    related = Introduction.objects.select_related(
        "requester", "recipient", "initiative"
    ).order_by("requested_at", "pk")
    # Of the requests they answered, the message is the asker's, not theirs.
    return {
        "asked": [entry(i) for i in related.filter(requested_by=user)],
        "answered": [
            {**entry(i), "message": None} for i in related.filter(answered_by=user)
        ],
    }
