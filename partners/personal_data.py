"""The registry's part of a person's data: their memberships, their requests
to join, and the organisations they belong to; and what must happen to an
organisation they alone own before their account can go. Found and
registered by ``hub.personal_data``."""

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from hub.personal_data import register_deletion_blocker, register_exporter
from partners.models import JoinRequest, MemberRole, Membership, Organisation


def _memberships(user) -> list[dict]:
    return [
        {
            "organisation": membership.organisation.name,
            "organisation_slug": membership.organisation.slug,
            "role": membership.role,
            "shown_publicly": membership.shown_publicly,
            "member_since": membership.created_at,
        }
        for membership in Membership.objects.filter(user=user).select_related(
            "organisation"
        )
    ]


def _join_requests(user) -> list[dict]:
    return [
        {
            "organisation": join_request.organisation.name,
            "organisation_slug": join_request.organisation.slug,
            "message": join_request.message,
            "state": join_request.state,
            "requested_at": join_request.created_at,
            "answered_at": join_request.decided_at,
        }
        for join_request in JoinRequest.objects.filter(user=user).select_related(
            "organisation"
        )
    ]


def _organisation(organisation: Organisation) -> dict:
    """What the organisation's public page shows (once it is approved)."""
    return {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "slug": organisation.slug,
        "status": organisation.status,
        "sector": organisation.sector,
        "kind": organisation.kind,
        "description": organisation.description,
        "website": organisation.website,
        "city": organisation.city,
        "country": str(organisation.country),
        "themes": [theme.name for theme in organisation.themes.all()],
        "sustainable_development_goals": [
            str(goal) for goal in organisation.sustainable_development_goals.all()
        ],
        "expertise": sorted(tag.name for tag in organisation.expertise.all()),
        "offers": organisation.offers,
        "offer_tags": sorted(tag.name for tag in organisation.offer_tags.all()),
        "seeks": organisation.seeks,
        "seek_tags": sorted(tag.name for tag in organisation.seek_tags.all()),
        "contact_email": organisation.contact_email,
        "created_at": organisation.created_at,
        "updated_at": organisation.updated_at,
    }


def _organisations(user) -> list[dict]:
    organisations = Organisation.objects.of_member(user).prefetch_related(
        "themes",
        "sustainable_development_goals",
        "expertise",
        "offer_tags",
        "seek_tags",
    )
    return [_organisation(organisation) for organisation in organisations]


def registry_data(user) -> dict:
    """A person's memberships, requests to join and organisations."""
    return {
        "memberships": _memberships(user),
        "join_requests": _join_requests(user),
        "organisations": _organisations(user),
    }


def _solely_owned(user):
    """The user's memberships as the only owner, each with how many members
    its organisation has."""
    return (
        Membership.objects.filter(user=user, role=MemberRole.OWNER)
        .select_related("organisation")
        .annotate(
            owners=Count(
                "organisation__memberships",
                filter=Q(organisation__memberships__role=MemberRole.OWNER),
            ),
            members=Count("organisation__memberships"),
        )
        .filter(owners=1)
    )


def _hand_over_first(organisation: Organisation) -> str:
    return format_html(
        _(
            "You are the only owner of {organisation}. "
            '<a href="{members_url}">Make another member owner</a> or '
            '<a href="{withdraw_url}">withdraw the organisation</a> first.'
        ),
        organisation=organisation.name,
        members_url=reverse(
            "partners:organisation_members", kwargs={"slug": organisation.slug}
        ),
        withdraw_url=reverse(
            "partners:organisation_withdraw", kwargs={"slug": organisation.slug}
        ),
    )


def _withdraw_first(organisation: Organisation) -> str:
    return format_html(
        _(
            "You are the only member of {organisation}. "
            '<a href="{withdraw_url}">Withdraw the organisation</a> first, or '
            '<a href="{members_url}">let someone else join and make them owner</a>.'
        ),
        organisation=organisation.name,
        members_url=reverse(
            "partners:organisation_members", kwargs={"slug": organisation.slug}
        ),
        withdraw_url=reverse(
            "partners:organisation_withdraw", kwargs={"slug": organisation.slug}
        ),
    )


def organisations_left_without_owner(user) -> list[str]:
    """An organisation must keep an owner, so one whose only owner is ``user``
    blocks deleting them until they hand it over or withdraw it. Withdrawing
    it for them in the same step would be quicker, but it would also erase a
    public profile others may rely on: that stays their own, deliberate act."""
    if transaction.get_connection().in_atomic_block:
        # Deleting runs in a transaction: holding the owners of the user's
        # organisations until it ends keeps another owner from stepping down
        # between this check and the deletion. (The confirm page only reads.)
        list(
            Membership.objects.select_for_update(of=("self",)).filter(
                organisation__memberships__user=user, role=MemberRole.OWNER
            )
        )
    return [
        _hand_over_first(membership.organisation)
        if membership.members > 1
        else _withdraw_first(membership.organisation)
        for membership in _solely_owned(user)
    ]


register_exporter("partners", registry_data)
register_deletion_blocker(organisations_left_without_owner)
