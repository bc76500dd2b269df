"""Reads for the registry: what a visitor may see, and who may do what."""

from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramSimilarity
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from partners.models import (
    JoinRequest,
    JoinRequestState,
    MemberRole,
    Membership,
    ModerationStatus,
    Organisation,
)

# The same expression as the full-text index in migration 0002_search_indexes.
SEARCH_VECTOR = SearchVector(
    "name", "short_name", "city", "description", "offers", "seeks", config="simple"
)
SIMILAR_NAME_THRESHOLD = 0.45
MODERATE_PERMISSION = "partners.moderate_organisation"


def is_moderator(user) -> bool:
    return user.is_authenticated and user.has_perm(MODERATE_PERMISSION)


def membership_of(*, user, organisation: Organisation) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def organisation_can_view(*, user, organisation: Organisation) -> bool:
    """Approved organisations are public; any other state only for their
    members and the moderators."""
    if organisation.is_public:
        return True
    return is_moderator(user) or membership_of(user=user, organisation=organisation)


def organisation_can_edit(*, user, organisation: Organisation) -> bool:
    if organisation.status == ModerationStatus.SUSPENDED:
        return False
    return membership_of(user=user, organisation=organisation) is not None


def organisation_can_manage(*, user, organisation: Organisation) -> bool:
    """Owners manage members, answer requests to join and withdraw."""
    membership = membership_of(user=user, organisation=organisation)
    return membership is not None and membership.role == MemberRole.OWNER


def organisations_public() -> QuerySet[Organisation]:
    return Organisation.objects.approved()


def organisations_search(
    queryset: QuerySet[Organisation], query: str
) -> QuerySet[Organisation]:
    """Organisations whose names or texts match ``query``: full text and
    similar names on PostgreSQL, plain containment on the embedded SQLite."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor != "postgresql":
        return queryset.filter(
            Q(name__icontains=query)
            | Q(short_name__icontains=query)
            | Q(city__icontains=query)
            | Q(description__icontains=query)
        )
    return queryset.annotate(
        document=SEARCH_VECTOR,
        similarity=TrigramSimilarity("name", query),
    ).filter(
        Q(document=SearchQuery(query, config="simple", search_type="websearch"))
        | Q(name__trigram_similar=query)
    )


def organisations_similar(
    *, name: str, website_domain: str = "", exclude_pk: int | None = None
) -> QuerySet[Organisation]:
    """Registered organisations that may be the one being registered: a
    similar name or the same website domain. Shown as "is this yours?"."""
    match = Q(website_domain=website_domain) if website_domain else Q(pk__in=[])
    queryset = Organisation.objects.exclude(
        status__in=[ModerationStatus.REJECTED, ModerationStatus.SUSPENDED]
    )
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    name = name.strip()
    if connection.vendor == "postgresql" and name:
        queryset = queryset.annotate(similarity=TrigramSimilarity("name", name))
        match |= Q(similarity__gte=SIMILAR_NAME_THRESHOLD)
        ordering = ["-similarity", "name"]
    else:
        if name:
            match |= Q(name__iexact=name) | Q(name__icontains=name)
        ordering = ["name"]
    return queryset.filter(match).order_by(*ordering)[:5]


def organisations_of_user(*, user) -> QuerySet[Membership]:
    """The user's memberships, each with how many requests to join its
    organisation await an answer (``open_join_requests``)."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .annotate(
            open_join_requests=Count(
                "organisation__join_requests",
                filter=Q(organisation__join_requests__state=JoinRequestState.REQUESTED),
            )
        )
        .order_by("organisation__name", "pk")
    )


def join_requests_of_user(*, user) -> QuerySet[JoinRequest]:
    """The requests to join that ``user`` sent and that await an answer."""
    return JoinRequest.objects.filter(
        user=user, state=JoinRequestState.REQUESTED
    ).select_related("organisation")


def members_of(*, organisation: Organisation) -> QuerySet[Membership]:
    """Owners first ("owner" sorts after "editor"), then by joining date."""
    return organisation.memberships.select_related("user").order_by(
        "-role", "created_at", "pk"
    )


def join_requests_open(*, organisation: Organisation) -> QuerySet[JoinRequest]:
    return organisation.join_requests.filter(
        state=JoinRequestState.REQUESTED
    ).select_related("user")


def organisation_owner_emails(*, organisation_id: int) -> list[str]:
    return list(
        Membership.objects.filter(
            organisation_id=organisation_id, role=MemberRole.OWNER
        ).values_list("user__email", flat=True)
    )


# Moderation ------------------------------------------------------------------


def organisations_awaiting_review() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=ModerationStatus.PENDING)


def organisations_moderation_queue() -> QuerySet[Organisation]:
    """Every organisation, annotated so that those awaiting review can come
    first (``review_order`` 0); the admin's listing orders by it."""
    return Organisation.objects.annotate(
        review_order=Case(
            When(status=ModerationStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )


def organisation_decisions(*, organisation: Organisation):
    """The organisation's moderation history, newest first, for moderators."""
    return organisation.decisions.select_related("decided_by")


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    # "owner" sorts after "editor": descending puts the owners first.
    return organisation.memberships.select_related("user").order_by(
        "-role", "created_at"
    )


def organisation_countries() -> list[str]:
    """The countries that registered organisations are in, as ISO codes."""
    return list(
        Organisation.objects.exclude(country="")
        .order_by("country")
        .values_list("country", flat=True)
        .distinct()
    )
