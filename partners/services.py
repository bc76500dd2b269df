"""Writes for the registry: registering, joining, moderating, keeping
profiles fresh. Views, the admin, tasks and commands all come through here."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from hub.queue import enqueue_on_commit
from partners import events, geography, mail, selectors
from partners.models import (
    ACTION_STATUS,
    ACTIONS_NEEDING_REASON,
    OWNER_ACTIONS,
    RECONFIRMATION_INTERVAL_DAYS,
    DataSource,
    JoinRequest,
    JoinRequestState,
    MemberRole,
    Membership,
    ModerationAction,
    ModerationStatus,
    Organisation,
    OrganisationDecision,
)

# Fields of a registration that are not plain columns.
RELATION_FIELDS = ("themes", "sustainable_development_goals")
TAG_FIELDS = ("expertise", "offer_tags", "seek_tags")
REMINDER_DAYS_BEFORE_EXPIRY = 30
# Set only by a moderator's decision, never by editing the profile.
DECISION_FIELDS = frozenset({"status", "status_reason"})


# Registering and editing ---------------------------------------------------


def website_domain(url: str) -> str:
    """The host of ``url`` without "www.", lower case: "https://www.Utrecht.nl/x"
    and "utrecht.nl" are the same organisation's site."""
    if not url:
        return ""
    if "//" not in url:
        url = f"//{url}"
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def organisation_slug_base(name: str) -> str:
    """The slug a name asks for; a number is added where it is taken."""
    return slugify(name)[:200] or "organisation"


def organisation_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = organisation_slug_base(name)
    taken = set(
        Organisation.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _apply_fields(organisation: Organisation, fields: dict) -> dict:
    """Set the plain fields on ``organisation``; return the relations and
    tags, which can only be saved once it has a primary key."""
    related = {}
    for name, value in fields.items():
        if name in RELATION_FIELDS or name in TAG_FIELDS:
            related[name] = value
        else:
            setattr(organisation, name, value)
    organisation.website_domain = website_domain(organisation.website)
    if not fields.get("latitude") and not fields.get("longitude"):
        coordinates = geography.city_coordinates(
            city=organisation.city, country=str(organisation.country)
        )
        organisation.latitude, organisation.longitude = coordinates or (None, None)
    return related


def _save_related(organisation: Organisation, related: dict) -> None:
    for name in RELATION_FIELDS:
        if name in related:
            getattr(organisation, name).set(related[name])
    for name in TAG_FIELDS:
        if name in related:
            getattr(organisation, name).set(related[name], clear=True)


@transaction.atomic
def organisation_register(*, user, fields: dict) -> Organisation:
    """Register a new organisation for review, with ``user`` as its owner."""
    organisation = Organisation(status=ModerationStatus.PENDING)
    related = _apply_fields(organisation, fields)
    organisation.slug = organisation_slug(organisation.name)
    organisation.reconfirmed_at = timezone.now()
    organisation.full_clean()
    organisation.save()
    _save_related(organisation, related)
    Membership.objects.create(
        organisation=organisation, user=user, role=MemberRole.OWNER
    )
    OrganisationDecision.objects.create(
        organisation=organisation, action=ModerationAction.SUBMIT, decided_by=user
    )
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, user, fields: dict):
    """Save a member's edits. A profile sent back for changes goes back into
    the review queue; an approved one stays public."""
    if not selectors.organisation_can_edit(user=user, organisation=organisation):
        raise PermissionDenied
    related = _apply_fields(organisation, fields)
    organisation.full_clean()
    organisation.save()
    _save_related(organisation, related)
    if organisation.status == ModerationStatus.CHANGES_REQUESTED:
        _record_decision(organisation, ModerationAction.SUBMIT, actor=user)
    elif organisation.is_public:
        events.organisation_changed(
            organisation=organisation,
            change=events.OrganisationChange.UPDATED,
            actor=user,
        )
    return organisation


@transaction.atomic
def organisation_correct(*, organisation: Organisation, moderator, fields: dict):
    """A moderator corrects a profile (a typo, a wrong city) in the admin. The
    status stays as it is: that changes only through a decision."""
    if not selectors.is_moderator(moderator):
        raise PermissionDenied
    if DECISION_FIELDS.intersection(fields):
        raise ValueError("The status changes only through organisation_decide.")
    related = _apply_fields(organisation, fields)
    organisation.full_clean()
    organisation.save()
    _save_related(organisation, related)
    return organisation


@transaction.atomic
def organisation_withdraw(*, organisation: Organisation, user) -> None:
    """An owner removes their organisation from the hub, with its history;
    if it was public, the apps built on the registry hear of it first."""
    if not selectors.organisation_can_manage(user=user, organisation=organisation):
        raise PermissionDenied
    if organisation.is_public:
        # Before the delete, while the listeners can still find what it is in.
        events.organisation_changed(
            organisation=organisation,
            change=events.OrganisationChange.WITHDRAWN,
            actor=user,
        )
    organisation.delete()


# Moderation ------------------------------------------------------------------


def _record_decision(
    organisation: Organisation, action: ModerationAction, *, actor, reason: str = ""
) -> OrganisationDecision:
    organisation.status = ACTION_STATUS[action]
    organisation.status_reason = reason
    fields = ["status", "status_reason", "updated_at"]
    if action == ModerationAction.APPROVE:
        # Approval counts as a confirmation that the profile is current.
        organisation.reconfirmed_at = timezone.now()
        organisation.stale_since = None
        fields += ["reconfirmed_at", "stale_since"]
    organisation.save(update_fields=fields)
    return OrganisationDecision.objects.create(
        organisation=organisation, action=action, reason=reason, decided_by=actor
    )


def _decision_change(organisation: Organisation, *, was_public: bool):
    """What a decision is to the apps built on the registry: an approval, a
    withdrawal from the hub, or (pending before and after) nothing."""
    if organisation.is_public:
        return events.OrganisationChange.APPROVED
    if was_public:
        return events.OrganisationChange.WITHDRAWN
    return None


def organisation_decide(
    *, organisation: Organisation, moderator, action: str, reason: str = ""
) -> OrganisationDecision:
    """A moderator's decision: approve, reject, request changes or suspend.
    Kept in the organisation's history and e-mailed to its owners; the apps
    built on the registry hear of an approval, and of any decision that takes
    an approved organisation off the hub."""
    from partners import tasks

    action = ModerationAction(action)
    if action not in ACTION_STATUS or action == ModerationAction.SUBMIT:
        raise ValueError(f"{action} is not a moderator's decision.")
    if not selectors.is_moderator(moderator):
        raise PermissionDenied
    reason = reason.strip()
    if action in ACTIONS_NEEDING_REASON and not reason:
        raise ValidationError(
            _("Please give a reason: the owners will read it."), code="reason_required"
        )
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        was_public = locked.is_public
        decision = _record_decision(locked, action, actor=moderator, reason=reason)
        enqueue_on_commit(tasks.notify_owners_of_decision, decision.pk)
        change = _decision_change(locked, was_public=was_public)
        if change is not None:
            events.organisation_changed(
                organisation=locked, change=change, actor=moderator
            )
    # The caller's copy shows the new status too.
    organisation.status, organisation.status_reason = locked.status, reason
    return decision


def organisations_decide(
    *, organisations, moderator, action: str, reason: str = ""
) -> int:
    """The same decision for several organisations at once (bulk moderation)."""
    decided = 0
    for organisation in organisations:
        organisation_decide(
            organisation=organisation, moderator=moderator, action=action, reason=reason
        )
        decided += 1
    return decided


@transaction.atomic
def decision_notify_owners(*, decision_id: int) -> bool:
    """E-mail the owners about a decision, once. Returns whether mail went
    out now (False if it had already)."""
    decision = (
        OrganisationDecision.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .filter(pk=decision_id)
        .first()
    )
    return mail.send_once(
        decision,
        "owners_notified_at",
        recipients=lambda: mail.organisation_owners(decision.organisation_id),
        template="partners/email/decision",
        context=lambda: {"decision": decision, "organisation": decision.organisation},
    )


# Members ---------------------------------------------------------------------


@transaction.atomic
def join_request_create(*, organisation: Organisation, user, message: str = ""):
    """Ask to become a member of an approved organisation; its owners are told."""
    from partners import tasks

    if not organisation.is_public:
        raise PermissionDenied
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(
            _("You are already a member of this organisation."), code="member"
        )
    if organisation.join_requests.filter(
        user=user, state=JoinRequestState.REQUESTED
    ).exists():
        raise ValidationError(
            _("You have already asked to join; the owners will answer soon."),
            code="requested",
        )
    join_request = JoinRequest.objects.create(
        organisation=organisation, user=user, message=message.strip()
    )
    enqueue_on_commit(tasks.notify_join_request, join_request.pk)
    return join_request


@transaction.atomic
def join_request_answer(*, join_request: JoinRequest, owner, accept: bool):
    """An owner accepts (the user becomes an editor) or declines a request."""
    from partners import tasks

    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    organisation = join_request.organisation
    if not selectors.organisation_can_manage(user=owner, organisation=organisation):
        raise PermissionDenied
    if join_request.state != JoinRequestState.REQUESTED:
        raise ValidationError(
            _("This request has already been answered."), code="answered"
        )
    join_request.state = (
        JoinRequestState.ACCEPTED if accept else JoinRequestState.DECLINED
    )
    join_request.decided_at = timezone.now()
    join_request.decided_by = owner
    join_request.save(update_fields=["state", "decided_at", "decided_by"])
    if accept:
        Membership.objects.get_or_create(
            organisation=organisation,
            user=join_request.user,
            defaults={"role": MemberRole.EDITOR},
        )
    enqueue_on_commit(tasks.notify_join_answer, join_request.pk)
    return join_request


def _other_owners_exist(membership: Membership) -> bool:
    return (
        Membership.objects.filter(
            organisation_id=membership.organisation_id, role=MemberRole.OWNER
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def _last_owner_error() -> ValidationError:
    return ValidationError(
        _("An organisation needs at least one owner. Make another member owner first."),
        code="last_owner",
    )


@transaction.atomic
def membership_role_change(*, membership: Membership, actor, role: str):
    """An owner makes a member owner or editor; the last owner stays owner."""
    if not selectors.organisation_can_manage(
        user=actor, organisation=membership.organisation
    ):
        raise PermissionDenied
    role = MemberRole(role)
    # Lock the owners so that two owners demoting each other at once cannot
    # leave the organisation with none.
    list(
        Membership.objects.select_for_update().filter(
            organisation_id=membership.organisation_id, role=MemberRole.OWNER
        )
    )
    demoting = role == MemberRole.EDITOR and membership.is_owner
    if demoting and not _other_owners_exist(membership):
        raise _last_owner_error()
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor) -> None:
    """An owner removes a member, or a member leaves. The last owner cannot."""
    leaving = membership.user_id == actor.pk
    if not leaving and not selectors.organisation_can_manage(
        user=actor, organisation=membership.organisation
    ):
        raise PermissionDenied
    list(
        Membership.objects.select_for_update().filter(
            organisation_id=membership.organisation_id, role=MemberRole.OWNER
        )
    )
    if membership.is_owner and not _other_owners_exist(membership):
        raise _last_owner_error()
    membership.delete()


def membership_visibility_set(*, membership: Membership, shown_publicly: bool):
    """A member chooses whether their name shows on the public page."""
    membership.shown_publicly = shown_publicly
    membership.save(update_fields=["shown_publicly"])
    return membership


# Freshness -------------------------------------------------------------------


def reconfirmation_due(organisation: Organisation):
    if organisation.reconfirmed_at is None:
        return None
    return organisation.reconfirmed_at + timedelta(days=RECONFIRMATION_INTERVAL_DAYS)


def organisation_reconfirm(*, organisation: Organisation, user) -> Organisation:
    """An owner or editor confirms the profile is still right, for a year."""
    if not selectors.organisation_can_edit(user=user, organisation=organisation):
        raise PermissionDenied
    organisation.reconfirmed_at = timezone.now()
    organisation.reconfirmation_reminder_sent_at = None
    organisation.stale_since = None
    organisation.save(
        update_fields=[
            "reconfirmed_at",
            "reconfirmation_reminder_sent_at",
            "stale_since",
            "updated_at",
        ]
    )
    return organisation


def _kept_fresh_by_owners():
    # Imported organisations have no owners to remind; importing the source
    # again is what keeps them current.
    return Organisation.objects.approved().filter(source=DataSource.REGISTERED)


def organisations_remind_reconfirmation(*, now=None) -> list[int]:
    """Find approved profiles due for reconfirmation within 30 days whose
    owners were not reminded yet; return their ids for the reminder task."""
    now = now or timezone.now()
    remind_after = now - timedelta(
        days=RECONFIRMATION_INTERVAL_DAYS - REMINDER_DAYS_BEFORE_EXPIRY
    )
    return list(
        _kept_fresh_by_owners()
        .filter(
            reconfirmed_at__lte=remind_after,
            reconfirmation_reminder_sent_at__isnull=True,
            stale_since__isnull=True,
        )
        .values_list("pk", flat=True)
    )


@transaction.atomic
def reconfirmation_remind(*, organisation_id: int) -> bool:
    """E-mail the owners that their profile needs confirming, once per year."""
    organisation = (
        Organisation.objects.select_for_update().filter(pk=organisation_id).first()
    )
    return mail.send_once(
        organisation,
        "reconfirmation_reminder_sent_at",
        recipients=lambda: mail.organisation_owners(organisation_id),
        template="partners/email/reconfirmation_reminder",
        context=lambda: {
            "organisation": organisation,
            "due": reconfirmation_due(organisation),
        },
    )


def organisations_flag_stale(*, now=None) -> int:
    """Mark approved profiles not reconfirmed in a year as outdated, for the
    moderators' queue. Returns how many were flagged now."""
    now = now or timezone.now()
    expired_before = now - timedelta(days=RECONFIRMATION_INTERVAL_DAYS)
    return (
        _kept_fresh_by_owners()
        .filter(reconfirmed_at__lte=expired_before, stale_since__isnull=True)
        .update(stale_since=now)
    )


# E-mail ------------------------------------------------------------------------


@transaction.atomic
def join_request_notify_owners(*, join_request_id: int) -> bool:
    """Tell the owners someone asked to join, once."""
    join_request = _locked_join_request(join_request_id)
    return mail.send_once(
        join_request,
        "owners_notified_at",
        recipients=lambda: mail.organisation_owners(join_request.organisation_id),
        template="partners/email/join_request",
        context=lambda: _join_context(join_request),
    )


@transaction.atomic
def join_answer_notify_requester(*, join_request_id: int) -> bool:
    """Tell the person who asked to join what the owners answered, once."""
    join_request = _locked_join_request(join_request_id)
    return mail.send_once(
        join_request,
        "answer_notified_at",
        recipients=lambda: [join_request.user],
        template="partners/email/join_answer",
        context=lambda: _join_context(join_request),
    )


def _join_context(join_request: JoinRequest) -> dict:
    return {"join_request": join_request, "organisation": join_request.organisation}


def _locked_join_request(join_request_id: int) -> JoinRequest | None:
    return (
        JoinRequest.objects.select_for_update(of=("self",))
        .select_related("organisation", "user")
        .filter(pk=join_request_id)
        .first()
    )


# Repair ----------------------------------------------------------------------
# A task lost between commit and the broker would leave its e-mail unsent;
# older than this, an unsent notification is taken to be lost.
NOTIFICATION_GRACE = timedelta(minutes=15)


def decisions_unnotified(*, now=None) -> list[int]:
    before = (now or timezone.now()) - NOTIFICATION_GRACE
    return list(
        OrganisationDecision.objects.filter(
            owners_notified_at__isnull=True, decided_at__lte=before
        )
        .exclude(action__in=OWNER_ACTIONS)
        .values_list("pk", flat=True)
    )


def join_requests_unnotified(*, now=None) -> list[int]:
    before = (now or timezone.now()) - NOTIFICATION_GRACE
    return list(
        JoinRequest.objects.filter(
            owners_notified_at__isnull=True, created_at__lte=before
        ).values_list("pk", flat=True)
    )


def join_answers_unnotified(*, now=None) -> list[int]:
    before = (now or timezone.now()) - NOTIFICATION_GRACE
    return list(
        JoinRequest.objects.filter(
            answer_notified_at__isnull=True, decided_at__lte=before
        )
        .exclude(state=JoinRequestState.REQUESTED)
        .values_list("pk", flat=True)
    )
