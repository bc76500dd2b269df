"""Writes for initiatives: registering, editing, partners, moderating.
Views, the admin, tasks and commands all come through here."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from hub.queue import enqueue_on_commit
from partners import geography, mail
from partners.models import (
    ACTION_STATUS,
    ACTIONS_NEEDING_REASON,
    OWNER_ACTIONS,
    ModerationAction,
    ModerationStatus,
    Organisation,
)
from projects import following, selectors
from projects.matching import jobs as matching
from projects.models import (
    Initiative,
    InitiativeDecision,
    InitiativeImage,
    InitiativeLink,
    InitiativePartner,
    NotificationKind,
    PartnerState,
    SoughtSector,
)
from projects.models.initiatives import MAX_IMAGES, MAX_LINKS

RELATION_FIELDS = ("themes", "sustainable_development_goals")
TAG_FIELDS = ("tags", "expertise_sought")
# Kept apart from the columns: one row per sector (see SoughtSector).
SECTORS_FIELD = "sectors_sought"
# Set only by a moderator's decision or the owners' own steps.
DECISION_FIELDS = frozenset({"status", "status_reason", "paused_at", "owner"})
# An edit to one of these while the initiative is public changes what it
# says it is; moderators are shown it (it stays public meanwhile).
SIGNIFICANT_FIELDS = (
    "title",
    "summary",
    "description",
    "stage",
    "city",
    "country",
    "partners_sought",
    "contact_email",
)
# Statuses from which the owners may send it (again) for review.
SUBMITTABLE = {ModerationStatus.DRAFT, ModerationStatus.CHANGES_REQUESTED}


# Search ----------------------------------------------------------------------

# What full-text search matches, stored: the same words as migration 0006
# stores. One configuration for English and Dutch texts alike: words are
# matched as written, without a language's stemming.
SEARCH_VECTOR_UPDATE = (
    "UPDATE projects_initiative SET search_vector = "
    "to_tsvector('simple'::regconfig, "
    "COALESCE(title, '') || ' ' || COALESCE(summary, '') || ' ' || "
    "COALESCE(city, '') || ' ' || COALESCE(description, '') || ' ' || "
    "COALESCE(partners_sought, '')) "
    "WHERE id = ANY(%s)"
)
# Written to by each refresh; see ``search_vector_refresh``.
SEARCH_INDEXES = ("projects_initiative_search_vector", "projects_initiative_title_trgm")


def search_vector_refresh(initiative_ids) -> None:
    """Store the search document of the initiatives ``initiative_ids`` anew,
    in one statement, after their texts changed. Every write to the title,
    summary, city, description or partners sought calls it; bulk writes
    (the importer) once for all they wrote. Nothing to do on SQLite, where
    search reads the texts themselves.

    What the search indexes were given is then merged into them: GIN keeps
    new entries in a pending list, which every search reads in full until
    the next vacuum; after a bulk import the planner, at PostgreSQL's
    default settings, would rather read the whole table."""
    ids = sorted({int(pk) for pk in initiative_ids})
    if not ids or connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(SEARCH_VECTOR_UPDATE, [ids])
        for index in SEARCH_INDEXES:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])


# Registering and editing ---------------------------------------------------


# Words that follow /initiatives/ in the site's own addresses.
RESERVED_SLUGS = frozenset({"register"})


def initiative_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """The slug a title asks for, with a number added where it is taken."""
    base = slugify(title)[:200] or "initiative"
    taken = RESERVED_SLUGS | set(
        Initiative.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _apply_fields(initiative: Initiative, fields: dict) -> dict:
    """Set the plain fields on ``initiative``; return the relations, tags and
    sectors, which can only be saved once it has a primary key."""
    if DECISION_FIELDS.intersection(fields):
        raise ValueError("Status and owner change only through their services.")
    related = {}
    for name, value in fields.items():
        if name in RELATION_FIELDS or name in TAG_FIELDS or name == SECTORS_FIELD:
            related[name] = value
        else:
            setattr(initiative, name, value)
    if not fields.get("latitude") and not fields.get("longitude"):
        coordinates = geography.city_coordinates(
            city=initiative.city, country=str(initiative.country)
        )
        if coordinates or "city" in fields or "country" in fields:
            initiative.latitude, initiative.longitude = coordinates or (None, None)
    return related


def _save_related(initiative: Initiative, related: dict) -> None:
    for name in RELATION_FIELDS:
        if name in related:
            getattr(initiative, name).set(related[name])
    for name in TAG_FIELDS:
        if name in related:
            getattr(initiative, name).set(related[name], clear=True)
    if SECTORS_FIELD in related:
        sectors_set(initiative=initiative, sectors=related[SECTORS_FIELD])


def sectors_set(*, initiative: Initiative, sectors) -> None:
    """Replace the helix sectors ``initiative`` seeks partners in."""
    wanted = set(sectors)
    initiative.sought_sectors.exclude(sector__in=wanted).delete()
    known = set(initiative.sought_sectors.values_list("sector", flat=True))
    SoughtSector.objects.bulk_create(
        SoughtSector(initiative=initiative, sector=sector)
        for sector in sorted(wanted - known)
    )


def _full_clean(initiative: Initiative) -> None:
    # A draft may be saved with only its title; the summary is asked for
    # when it is sent for review.
    initiative.full_clean(exclude=["summary"] if initiative.is_draft else None)


def _check_owner(*, user, owner: Organisation) -> None:
    if (
        not selectors.organisations_that_can_register(user=user)
        .filter(pk=owner.pk)
        .exists()
    ):
        raise PermissionDenied


@transaction.atomic
def initiative_draft_create(*, user, owner: Organisation, fields: dict) -> Initiative:
    """Save a new initiative as a draft of ``owner``, which ``user`` must be
    a member of and which must be approved. Nothing is reviewed yet."""
    _check_owner(user=user, owner=owner)
    initiative = Initiative(owner=owner, status=ModerationStatus.DRAFT, created_by=user)
    related = _apply_fields(initiative, fields)
    initiative.slug = initiative_slug(initiative.title)
    _full_clean(initiative)
    initiative.save()
    search_vector_refresh([initiative.pk])
    _save_related(initiative, related)
    return initiative


@transaction.atomic
def initiative_register(*, user, owner: Organisation, fields: dict) -> Initiative:
    """Register a new initiative of ``owner`` and send it for review."""
    initiative = initiative_draft_create(user=user, owner=owner, fields=fields)
    return initiative_submit(initiative=initiative, user=user)


def _changed(initiative: Initiative, fields: dict) -> list[str]:
    return [
        name
        for name in SIGNIFICANT_FIELDS
        if name in fields and getattr(initiative, name) != fields[name]
    ]


@transaction.atomic
def initiative_update(*, initiative: Initiative, user, fields: dict) -> Initiative:
    """Save the owners' edits. A public initiative shows them at once; a
    significant change is noted for the moderators. One sent back for
    changes stays so until the owners send it again."""
    if not selectors.initiative_can_edit(user=user, initiative=initiative):
        raise PermissionDenied
    changed = _changed(initiative, fields)
    related = _apply_fields(initiative, fields)
    _full_clean(initiative)
    initiative.save()
    search_vector_refresh([initiative.pk])
    _save_related(initiative, related)
    _matching_request(initiative)
    if changed and initiative.status == ModerationStatus.APPROVED:
        initiative.edited_since_review_at = timezone.now()
        initiative.save(update_fields=["edited_since_review_at"])
        InitiativeDecision.objects.create(
            initiative=initiative,
            action=ModerationAction.EDIT_WHILE_PUBLIC,
            decided_by=user,
            changed_fields=changed,
        )
        following.notifications_record_for_initiative(
            initiative=initiative, kind=NotificationKind.UPDATED, actor=user
        )
    return initiative


def _matching_request(initiative: Initiative) -> None:
    """An approved initiative's suggestions follow what it says and whether
    it is shown (a paused one's are removed)."""
    if initiative.status == ModerationStatus.APPROVED:
        matching.initiative_matching_request(initiative_id=initiative.pk)


def _record(
    initiative: Initiative, action: ModerationAction, *, actor, reason: str = "", **kw
) -> InitiativeDecision:
    return InitiativeDecision.objects.create(
        initiative=initiative, action=action, reason=reason, decided_by=actor, **kw
    )


@transaction.atomic
def initiative_correct(*, initiative: Initiative, moderator, fields: dict):
    """A moderator corrects an initiative (a typo, a wrong city) in the admin.
    Status and owner stay as they are: those change only through a decision
    or the owners' own steps, and a correction is no edit to review."""
    if not selectors.is_moderator(moderator):
        raise PermissionDenied
    related = _apply_fields(initiative, fields)
    initiative.full_clean()
    initiative.save()
    search_vector_refresh([initiative.pk])
    _save_related(initiative, related)
    _matching_request(initiative)
    return initiative


@transaction.atomic
def initiative_submit(*, initiative: Initiative, user) -> Initiative:
    """Send a draft, or one whose changes a moderator asked for, for review."""
    if not selectors.initiative_can_edit(user=user, initiative=initiative):
        raise PermissionDenied
    if initiative.status not in SUBMITTABLE:
        raise ValidationError(
            _("This initiative has already been sent for review."), code="submitted"
        )
    if not initiative.summary.strip():
        raise ValidationError(
            _("Please write a summary before sending the initiative for review."),
            code="summary_required",
        )
    initiative.status = ModerationStatus.PENDING
    initiative.submitted_at = timezone.now()
    initiative.save(update_fields=["status", "submitted_at", "updated_at"])
    _record(initiative, ModerationAction.SUBMIT, actor=user)
    return initiative


@transaction.atomic
def initiative_pause(*, initiative: Initiative, user) -> Initiative:
    """Hide a public initiative for a while; the owners resume it later."""
    if not selectors.initiative_can_edit(user=user, initiative=initiative):
        raise PermissionDenied
    if initiative.paused_at is None:
        initiative.paused_at = timezone.now()
        initiative.save(update_fields=["paused_at", "updated_at"])
        _record(initiative, ModerationAction.PAUSE, actor=user)
        _matching_request(initiative)
    return initiative


@transaction.atomic
def initiative_resume(*, initiative: Initiative, user) -> Initiative:
    if not selectors.initiative_can_edit(user=user, initiative=initiative):
        raise PermissionDenied
    if initiative.paused_at is not None:
        initiative.paused_at = None
        initiative.save(update_fields=["paused_at", "updated_at"])
        _record(initiative, ModerationAction.RESUME, actor=user)
        _matching_request(initiative)
    return initiative


@transaction.atomic
def initiative_withdraw(*, initiative: Initiative, user) -> None:
    """The owners remove their initiative from the hub, with its history."""
    if not selectors.initiative_can_edit(user=user, initiative=initiative):
        raise PermissionDenied
    # The organisations it was suggested to get their lists back to full.
    matching.organisations_lists_request(
        organisation_ids=matching.organisations_listing(initiative_id=initiative.pk)
    )
    initiative.delete()


@transaction.atomic
def initiative_attachments_update(
    *,
    initiative: Initiative,
    user,
    links: list[dict] | None = None,
    new_images: list[dict] = (),
    removed_image_ids=(),
) -> Initiative:
    """Replace the initiative's links (``{"url", "label"}`` in order) when
    ``links`` is given, remove the images named and add the new ones
    (``{"image", "alt_text"}``), keeping at most MAX_LINKS and MAX_IMAGES."""
    if not selectors.initiative_can_edit(user=user, initiative=initiative):
        raise PermissionDenied
    if links is not None:
        if len(links) > MAX_LINKS:
            raise ValidationError(
                _("An initiative may have at most %(limit)s links."),
                code="too_many_links",
                params={"limit": MAX_LINKS},
            )
        initiative.links.all().delete()
        InitiativeLink.objects.bulk_create(
            InitiativeLink(initiative=initiative, sort_order=order, **link)
            for order, link in enumerate(links)
        )
    initiative.images.filter(pk__in=list(removed_image_ids)).delete()
    kept = initiative.images.count()
    if kept + len(new_images) > MAX_IMAGES:
        raise ValidationError(
            _("An initiative may have at most %(limit)s images."),
            code="too_many_images",
            params={"limit": MAX_IMAGES},
        )
    for order, new in enumerate(new_images, start=kept):
        image = InitiativeImage(initiative=initiative, sort_order=order, **new)
        image.full_clean()
        image.save()
    return initiative


# Partners --------------------------------------------------------------------


@transaction.atomic
def partner_invite(
    *, initiative: Initiative, organisation: Organisation, user, role: str = ""
) -> InitiativePartner:
    """Invite an approved organisation to be named as a partner; its members
    confirm before it is shown."""
    from projects import tasks

    if not selectors.initiative_can_edit(user=user, initiative=initiative):
        raise PermissionDenied
    if not organisation.is_public or organisation.pk == initiative.owner_id:
        raise ValidationError(
            _("Only another approved organisation can be invited as a partner."),
            code="not_invitable",
        )
    partnership, created = InitiativePartner.objects.get_or_create(
        initiative=initiative,
        organisation=organisation,
        defaults={"invited_by": user, "role": role.strip()},
    )
    if not created and partnership.state != PartnerState.DECLINED:
        raise ValidationError(
            _("%(name)s has already been invited."),
            code="invited",
            params={"name": organisation.name},
        )
    if not created:
        # Asked again after declining: a new invitation.
        partnership.state = PartnerState.INVITED
        partnership.invited_by, partnership.role = user, role.strip()
        partnership.answered_at = partnership.partner_notified_at = None
        partnership.save()
    enqueue_on_commit(tasks.notify_partner_invitation, partnership.pk)
    return partnership


@transaction.atomic
def partner_answer(*, partnership: InitiativePartner, user, accept: bool):
    """A member of the invited organisation confirms or declines."""
    partnership = InitiativePartner.objects.select_for_update().get(pk=partnership.pk)
    if not selectors.partnership_can_answer(user=user, partnership=partnership):
        raise PermissionDenied
    if partnership.state != PartnerState.INVITED:
        raise ValidationError(
            _("This invitation has already been answered."), code="answered"
        )
    partnership.state = PartnerState.CONFIRMED if accept else PartnerState.DECLINED
    partnership.answered_by, partnership.answered_at = user, timezone.now()
    partnership.save(update_fields=["state", "answered_by", "answered_at"])
    if accept:
        # A partner is no longer suggested, and brings its own partners.
        _matching_request(partnership.initiative)
        following.notifications_record_for_partnership(
            partnership=partnership, actor=user
        )
    return partnership


@transaction.atomic
def partner_remove(*, partnership: InitiativePartner, user) -> None:
    """The initiative's owners, or the partner itself, end a partnership."""
    own_side = selectors.initiative_can_edit(
        user=user, initiative=partnership.initiative
    )
    if not own_side and not selectors.partnership_can_answer(
        user=user, partnership=partnership
    ):
        raise PermissionDenied
    partnership.delete()
    _matching_request(partnership.initiative)


@transaction.atomic
def partner_invitation_notify(*, partnership_id: int) -> bool:
    """E-mail the invited organisation's owners, once."""
    partnership = (
        InitiativePartner.objects.select_for_update(of=("self",))
        .select_related("initiative", "organisation", "initiative__owner")
        .filter(pk=partnership_id, state=PartnerState.INVITED)
        .first()
    )
    return mail.send_once(
        partnership,
        "partner_notified_at",
        recipients=lambda: mail.organisation_owners(partnership.organisation_id),
        template="projects/email/partner_invitation",
        context=lambda: {
            "partnership": partnership,
            "initiative": partnership.initiative,
        },
    )


# Moderation ------------------------------------------------------------------


def initiative_decide(
    *, initiative: Initiative, moderator, action: str, reason: str = ""
) -> InitiativeDecision:
    """A moderator's decision: approve, reject, request changes or suspend.
    Kept in the initiative's history and e-mailed to its owners."""
    from projects import tasks

    action = ModerationAction(action)
    if action not in ACTION_STATUS or action in OWNER_ACTIONS:
        raise ValueError(f"{action} is not a moderator's decision.")
    if not selectors.is_moderator(moderator):
        raise PermissionDenied
    reason = reason.strip()
    if action in ACTIONS_NEEDING_REASON and not reason:
        raise ValidationError(
            _("Please give a reason: the owners will read it."), code="reason_required"
        )
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        was_approved = locked.status == ModerationStatus.APPROVED
        locked.status = ACTION_STATUS[action]
        locked.status_reason = reason
        # A decision is a review: edits before it have been seen.
        locked.edited_since_review_at = None
        locked.save(
            update_fields=[
                "status",
                "status_reason",
                "edited_since_review_at",
                "updated_at",
            ]
        )
        decision = _record(locked, action, actor=moderator, reason=reason)
        enqueue_on_commit(tasks.notify_owners_of_initiative_decision, decision.pk)
        if was_approved or action == ModerationAction.APPROVE:
            # Approved, it gets suggestions; taken down, they are removed.
            matching.initiative_matching_request(initiative_id=locked.pk)
        if action == ModerationAction.APPROVE:
            following.notifications_record_for_initiative(
                initiative=locked, kind=NotificationKind.APPROVED, actor=moderator
            )
    initiative.status, initiative.status_reason = locked.status, reason
    initiative.edited_since_review_at = None
    return decision


def initiatives_decide(*, initiatives, moderator, action: str, reason: str = ""):
    """The same decision for several initiatives at once (bulk moderation)."""
    decided = 0
    for initiative in initiatives:
        initiative_decide(
            initiative=initiative, moderator=moderator, action=action, reason=reason
        )
        decided += 1
    return decided


@transaction.atomic
def initiative_decision_notify_owners(*, decision_id: int) -> bool:
    """E-mail the owner organisation's owners about a decision, once."""
    decision = (
        InitiativeDecision.objects.select_for_update(of=("self",))
        .select_related("initiative", "initiative__owner")
        .filter(pk=decision_id)
        .first()
    )
    return mail.send_once(
        decision,
        "owners_notified_at",
        recipients=lambda: mail.organisation_owners(decision.initiative.owner_id),
        template="projects/email/decision",
        context=lambda: {"decision": decision, "initiative": decision.initiative},
    )


# Repair ----------------------------------------------------------------------
# A task lost between commit and the broker would leave its e-mail unsent;
# older than this, an unsent notification is taken to be lost.
NOTIFICATION_GRACE = timedelta(minutes=15)


def decisions_unnotified(*, now=None) -> list[int]:
    before = (now or timezone.now()) - NOTIFICATION_GRACE
    return list(
        InitiativeDecision.objects.filter(
            owners_notified_at__isnull=True, decided_at__lte=before
        )
        .exclude(action__in=OWNER_ACTIONS)
        .values_list("pk", flat=True)
    )


def invitations_unnotified(*, now=None) -> list[int]:
    before = (now or timezone.now()) - NOTIFICATION_GRACE
    return list(
        InitiativePartner.objects.filter(
            state=PartnerState.INVITED,
            partner_notified_at__isnull=True,
            invited_at__lte=before,
        ).values_list("pk", flat=True)
    )
