"""Reads for the registry: what a visitor may see, and who may do what."""

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramSimilarity
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from hub.models import Theme
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


def organisations_filtered(
    queryset: QuerySet[Organisation],
    *,
    q: str = "",
    sector: str = "",
    kind: str = "",
    theme: str = "",
    sdg: int | None = None,
    country: str = "",
    city: str = "",
) -> QuerySet[Organisation]:
    """``queryset`` narrowed by the directory's filters; each is optional.
    ``theme`` is the slug of a theme in the default language, ``sdg`` a
    goal's number."""
    exact = {
        "sector": sector,
        "kind": kind,
        "country": country,
        "sustainable_development_goals": sdg,
    }
    queryset = queryset.filter(
        **{name: value for name, value in exact.items() if value}
    )
    if theme:
        # Organisations are classified with the default language's themes.
        queryset = queryset.filter(
            themes__slug=theme, themes__locale__language_code=settings.LANGUAGE_CODE
        )
    if city.strip():
        queryset = queryset.filter(city__iexact=city.strip())
    return organisations_search(queryset, q)


def organisations_for_cards(queryset: QuerySet[Organisation]):
    """What a card shows, with every card's themes in one more query."""
    return queryset.defer("description", "offers", "seeks").prefetch_related("themes")


def countries_of_public_organisations() -> list[str]:
    """The codes of the countries where approved organisations are based."""
    return list(
        organisations_public()
        .exclude(country="")
        .order_by("country")
        .values_list("country", flat=True)
        .distinct()
    )


def theme_translations(*, language_code: str) -> dict:
    """Every theme as it is called in ``language_code``, by translation key:
    organisations are classified with the default language's themes, and
    visitors read them in their own."""
    return {
        theme.translation_key: theme
        for theme in Theme.objects.filter(locale__language_code=language_code)
    }


def themes_to_filter_by(*, translations: dict) -> list[tuple[str, str]]:
    """(slug, name) of each theme of the default language, the name taken
    from ``translations`` (see ``theme_translations``) where there is one."""
    return [
        (theme.slug, translations.get(theme.translation_key, theme).name)
        for theme in Theme.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    ]


def with_theme_list(classified, *, translations: dict):
    """Give each organisation or initiative in ``classified`` a
    ``theme_list``: its themes in the language of ``translations``. The
    themes must have been prefetched."""
    for item in classified:
        item.theme_list = [
            translations.get(theme.translation_key, theme)
            for theme in item.themes.all()
        ]
    return classified


def organisations_with_theme_list(organisations, *, translations: dict):
    return with_theme_list(organisations, translations=translations)


def organisation_for_page(*, slug: str) -> Organisation | None:
    """The organisation with ``slug`` and everything its page lists, in a
    fixed number of queries; whether the visitor may see it is asked apart."""
    return (
        Organisation.objects.filter(slug=slug)
        .prefetch_related(
            "themes",
            "sustainable_development_goals",
            "expertise",
            "offer_tags",
            "seek_tags",
        )
        .first()
    )


def members_shown_publicly(*, organisation: Organisation) -> list[Membership]:
    """The members who chose to be named on the organisation's public page."""
    return list(
        organisation.memberships.filter(shown_publicly=True)
        .select_related("user")
        .order_by("created_at", "pk")
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
