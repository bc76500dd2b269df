"""Reads for initiatives: what a visitor may see, and who may do what."""

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from hub.models import SustainableDevelopmentGoal, Theme
from partners import selectors as partner_selectors
from partners.models import (
    ExpertiseTag,
    ModerationStatus,
    OfferTag,
    Organisation,
    SeekTag,
)
from projects.models import (
    Initiative,
    InitiativePartner,
    InitiativeTag,
    PartnerState,
    SoughtExpertiseTag,
)

MODERATE_PERMISSION = "projects.moderate_initiative"


def _search_query(query: str) -> SearchQuery:
    # The configuration the stored documents were made with
    # (services.SEARCH_VECTOR_UPDATE): words as written, English or Dutch.
    return SearchQuery(query, config="simple", search_type="websearch")


def is_moderator(user) -> bool:
    return user.is_authenticated and user.has_perm(MODERATE_PERMISSION)


def organisations_that_can_register(*, user) -> QuerySet[Organisation]:
    """The approved organisations ``user`` is a member of: each may own
    initiatives."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.approved().of_member(user).order_by("name", "pk")


def initiative_can_edit(*, user, initiative: Initiative) -> bool:
    """Members of the owner organisation edit, pause and withdraw it, unless a
    moderator suspended it or its organisation is no longer approved."""
    if initiative.status == ModerationStatus.SUSPENDED:
        return False
    if initiative.owner.status != ModerationStatus.APPROVED:
        return False
    return (
        partner_selectors.membership_of(user=user, organisation=initiative.owner)
        is not None
    )


def initiative_can_view(*, user, initiative: Initiative) -> bool:
    """Public initiatives for everyone; any other state only for the owner's
    members and the moderators."""
    if initiative.is_public:
        return True
    if is_moderator(user):
        return True
    return (
        partner_selectors.membership_of(user=user, organisation=initiative.owner)
        is not None
    )


def initiatives_public() -> QuerySet[Initiative]:
    return Initiative.objects.public()


def initiatives_of_user(*, user) -> QuerySet[Initiative]:
    """Every initiative of the organisations ``user`` is a member of, drafts
    included, for their dashboard."""
    return (
        Initiative.objects.of_member(user)
        .select_related("owner")
        .distinct()
        .order_by("-updated_at", "pk")
    )


def partnership_can_answer(*, user, partnership: InitiativePartner) -> bool:
    """A member of the invited organisation confirms or declines."""
    return (
        partner_selectors.membership_of(
            user=user, organisation=partnership.organisation
        )
        is not None
    )


def invitations_of_user(*, user) -> QuerySet[InitiativePartner]:
    """Invitations to the user's organisations that await an answer."""
    return InitiativePartner.objects.filter(
        organisation__memberships__user=user, state=PartnerState.INVITED
    ).select_related("initiative", "organisation", "initiative__owner")


def partners_confirmed(*, initiative: Initiative) -> QuerySet[InitiativePartner]:
    """The partners a visitor sees: confirmed and approved."""
    return (
        initiative.partnerships.confirmed()
        .filter(organisation__status=ModerationStatus.APPROVED)
        .select_related("organisation")
    )


def initiatives_awaiting_review() -> QuerySet[Initiative]:
    return Initiative.objects.filter(status=ModerationStatus.PENDING)


def initiatives_moderation_queue() -> QuerySet[Initiative]:
    """Every initiative sent for review at least once, with its owner, and
    annotated so that those awaiting review can come first (``review_order``
    0). Drafts are their owners' business alone: moderators never see them."""
    return (
        Initiative.objects.exclude(status=ModerationStatus.DRAFT)
        .select_related("owner")
        .annotate(
            review_order=Case(
                When(status=ModerationStatus.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    )


def initiatives_edited_since_review() -> QuerySet[Initiative]:
    """Public initiatives whose owners changed what they say since the last
    decision (see ``services.initiative_update``)."""
    return Initiative.objects.exclude(status=ModerationStatus.DRAFT).filter(
        edited_since_review_at__isnull=False
    )


def initiative_decisions(*, initiative: Initiative):
    """The initiative's moderation history, newest first, for moderators."""
    return initiative.decisions.select_related("decided_by")


def initiative_partners_for_moderators(
    *, initiative: Initiative
) -> QuerySet[InitiativePartner]:
    """The partners confirmed or still invited, whatever their own status."""
    return (
        initiative.partnerships.exclude(state=PartnerState.DECLINED)
        .select_related("organisation")
        .order_by("state", "organisation__name", "pk")
    )


def initiative_countries() -> list[str]:
    """The countries of the initiatives moderators see, as ISO codes."""
    return list(
        initiatives_moderation_queue()
        .exclude(country="")
        .order_by("country")
        .values_list("country", flat=True)
        .distinct()
    )


def initiatives_search(
    queryset: QuerySet[Initiative], query: str
) -> QuerySet[Initiative]:
    """Initiatives whose title or texts match ``query``: full text (the
    stored ``search_vector``, through its GIN index) and similar titles on
    PostgreSQL, plain containment on the embedded SQLite."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor != "postgresql":
        return queryset.filter(
            Q(title__icontains=query)
            | Q(summary__icontains=query)
            | Q(city__icontains=query)
            | Q(description__icontains=query)
        )
    return queryset.filter(
        Q(search_vector=_search_query(query)) | Q(title__trigram_similar=query)
    )


def initiatives_filtered(
    queryset: QuerySet[Initiative],
    *,
    q: str = "",
    theme: str = "",
    sdg: int | None = None,
    stage: str = "",
    sector: str = "",
    country: str = "",
    city: str = "",
) -> QuerySet[Initiative]:
    """``queryset`` narrowed by the list's facets; each is optional. ``theme``
    is the slug of a theme in the default language, ``sdg`` a goal's number,
    ``sector`` a helix sector the initiative seeks partners in. The list, the
    map, the exports and the API all filter through here."""
    exact = {
        "stage": stage,
        "country": country,
        "sustainable_development_goals": sdg,
        "sought_sectors__sector": sector,
    }
    queryset = queryset.filter(
        **{name: value for name, value in exact.items() if value}
    )
    if theme:
        # Initiatives are classified with the default language's themes.
        queryset = queryset.filter(
            themes__slug=theme, themes__locale__language_code=settings.LANGUAGE_CODE
        )
    if city.strip():
        queryset = queryset.filter(city__iexact=city.strip())
    return initiatives_search(queryset, q)


def partnerships_of(*, initiative: Initiative) -> QuerySet[InitiativePartner]:
    """Every partnership of ``initiative``, whatever its state, for its
    owners' partners page."""
    return initiative.partnerships.select_related("organisation").order_by(
        "organisation__name", "pk"
    )


def organisations_invitable(
    *, initiative: Initiative, query: str
) -> QuerySet[Organisation]:
    """Approved organisations matching ``query`` that ``initiative`` may
    invite: neither its owner nor one already invited or confirmed (one that
    declined may be asked again)."""
    taken = initiative.partnerships.exclude(state=PartnerState.DECLINED).values(
        "organisation"
    )
    candidates = (
        partner_selectors.organisations_public()
        .exclude(pk=initiative.owner_id)
        .exclude(pk__in=taken)
    )
    return partner_selectors.organisations_search(candidates, query).order_by(
        "name", "pk"
    )


# Open data and statistics ------------------------------------------------------


# The tags of each kind, by the field that holds them: read a batch at a time
# (``with_tag_names``), since taggit's prefetch builds a query per record.
INITIATIVE_TAGS = {"tags": InitiativeTag, "expertise_sought": SoughtExpertiseTag}
ORGANISATION_TAGS = {
    "expertise": ExpertiseTag,
    "offer_tags": OfferTag,
    "seek_tags": SeekTag,
}


def initiatives_for_open_data(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """What the exports and the API write about each initiative, in a fixed
    number of queries; ``public_partnerships`` holds the partners a visitor
    sees (see ``partners_confirmed``). Tags come through ``with_tag_names``."""
    return queryset.select_related("owner").prefetch_related(
        "themes",
        "sustainable_development_goals",
        "sought_sectors",
        Prefetch(
            "partnerships",
            queryset=InitiativePartner.objects.confirmed()
            .filter(organisation__status=ModerationStatus.APPROVED)
            .select_related("organisation")
            .order_by("organisation__slug"),
            to_attr="public_partnerships",
        ),
    )


def organisations_for_open_data(
    queryset: QuerySet[Organisation],
) -> QuerySet[Organisation]:
    """What the exports and the API write about each organisation, in a
    fixed number of queries. Tags come through ``with_tag_names``."""
    return queryset.prefetch_related("themes", "sustainable_development_goals")


def with_tag_names(records: list, tag_models: dict) -> list:
    """Give each of ``records`` a ``tag_names``: {field: its tags' names,
    sorted} for each field of ``tag_models`` (``INITIATIVE_TAGS`` or
    ``ORGANISATION_TAGS``), in one query per field."""
    by_id = {record.pk: record for record in records}
    for record in records:
        record.tag_names = {field: [] for field in tag_models}
    for field, through in tag_models.items():
        rows = (
            through.objects.filter(content_object_id__in=list(by_id))
            .order_by("tag__name")
            .values_list("content_object_id", "tag__name")
        )
        for record_id, name in rows:
            by_id[record_id].tag_names[field].append(name)
    return records


def theme_names_by_language() -> dict[str, dict[str, str]]:
    """Each theme's name in every language it has, by translation key."""
    names: dict[str, dict[str, str]] = {}
    for key, language, name in Theme.objects.values_list(
        "translation_key", "locale__language_code", "name"
    ):
        names.setdefault(str(key), {})[language] = name
    return names


def themes_public() -> QuerySet[Theme]:
    """The themes initiatives and organisations are classified with: those
    of the default language."""
    return Theme.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


def sustainable_development_goals() -> QuerySet[SustainableDevelopmentGoal]:
    return SustainableDevelopmentGoal.objects.order_by("number")


# Discovery: the public list, its map and each initiative's page ----------------

# How the list can be ordered; "relevance" falls back to the newest first
# when nothing is searched for.
SORT_RELEVANCE, SORT_NEWEST, SORT_TITLE, SORT_START = (
    "relevance",
    "newest",
    "title",
    "start",
)
SORT_ORDER = {
    SORT_NEWEST: ["-created_at", "-pk"],
    SORT_TITLE: ["title", "pk"],
    SORT_START: [F("start_date").asc(nulls_last=True), "title", "pk"],
}


def initiatives_sorted(
    queryset: QuerySet[Initiative], *, sort: str = SORT_RELEVANCE, q: str = ""
) -> QuerySet[Initiative]:
    """``queryset`` in the visitor's chosen order. By relevance, on
    PostgreSQL, the full-text rank and the title's likeness to ``q`` count."""
    q = q.strip()
    if sort in SORT_ORDER:
        return queryset.order_by(*SORT_ORDER[sort])
    if not q:
        return queryset.order_by(*SORT_ORDER[SORT_NEWEST])
    if connection.vendor != "postgresql":
        return queryset.order_by("title", "pk")
    return queryset.annotate(
        # An initiative not refreshed yet has no document: only its title.
        relevance=Coalesce(SearchRank(F("search_vector"), _search_query(q)), 0.0)
        + TrigramSimilarity("title", q)
    ).order_by("-relevance", "title", "pk")


def initiatives_for_cards(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """What a card shows (owner and themes included) in two queries a page,
    whatever the number of cards."""
    return (
        queryset.select_related("owner")
        .only(
            "title",
            "slug",
            "summary",
            "stage",
            "city",
            "country",
            "created_at",
            "start_date",
            "owner__name",
            "owner__slug",
            "owner__status",
        )
        .prefetch_related("themes")
    )


def countries_of_public_initiatives() -> list[str]:
    """The codes of the countries public initiatives take place in."""
    return list(
        initiatives_public()
        .exclude(country="")
        .order_by("country")
        .values_list("country", flat=True)
        .distinct()
    )


def counted_by(queryset: QuerySet, field: str) -> list[tuple]:
    """(value, how many rows of ``queryset`` have it) for each value of
    ``field`` that occurs, most first: counted in the database."""
    rows = (
        queryset.values(field)
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", field)
    )
    # Rows without a value (no theme, no country) are not a value of their own.
    return [(row[field], row["count"]) for row in rows if row[field] not in ("", None)]


def initiatives_map_features(queryset: QuerySet[Initiative]) -> list[dict]:
    """The initiatives of ``queryset`` that have coordinates, as GeoJSON
    features ([longitude, latitude], WGS 84) with a title, summary and the
    address of their page, in one query whatever their number."""
    rows = (
        queryset.filter(latitude__isnull=False, longitude__isnull=False)
        .order_by()
        .values_list("title", "slug", "summary", "latitude", "longitude")
    )
    # One reverse() for all: the address differs only in its slug.
    placeholder = "initiative-slug"
    pattern = reverse("projects:initiative_detail", kwargs={"slug": placeholder})
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
            "properties": {
                "title": title,
                "url": pattern.replace(placeholder, slug),
                "summary": summary,
            },
        }
        for title, slug, summary, latitude, longitude in rows
    ]


def initiative_for_page(*, slug: str) -> Initiative | None:
    """The initiative with ``slug`` and everything its page lists, in a fixed
    number of queries; whether the visitor may see it is asked apart. Its
    matching state comes along for the suggestions its members see there."""
    return (
        Initiative.objects.filter(slug=slug)
        .select_related("owner", "matching_state")
        .prefetch_related(
            "themes",
            "sustainable_development_goals",
            "tags",
            "expertise_sought",
            "sought_sectors",
            "images",
            "links",
        )
        .first()
    )


def initiative_contact_email(*, initiative: Initiative) -> str:
    """Whom a visitor writes to: the initiative's own public address, else
    its owner organisation's."""
    return initiative.contact_email or initiative.owner.contact_email


def initiatives_of_organisation(*, organisation: Organisation) -> QuerySet[Initiative]:
    """The public initiatives ``organisation`` owns or is a confirmed partner
    in, for its page; each with its owner, in one query."""
    partner_in = InitiativePartner.objects.confirmed().filter(organisation=organisation)
    return (
        initiatives_public()
        .filter(Q(owner=organisation) | Q(pk__in=partner_in.values("initiative_id")))
        .select_related("owner")
        .order_by("title", "pk")
    )
