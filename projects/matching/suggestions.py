"""The suggestions as people see them: an initiative's suggested partners for
its owner's members, the initiatives suggested to an organisation for its
members, the team suggested to an initiative that seeks several sectors, and
dismissing a suggestion.

The jobs store the suggestions; what is shown is filtered when it is read, so
that an organisation suspended or an initiative paused since the computation
never appears, and neither does a dismissed suggestion nor an organisation
that joined the initiative since. Each list is read in a fixed number of
queries, however many suggestions it holds.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from partners import selectors as partner_selectors
from partners.models import HelixSector, ModerationStatus, Organisation
from projects.matching import consortium, reasons
from projects.models import (
    Initiative,
    InitiativeMatchingState,
    InitiativePartner,
    MatchDismissal,
    MatchSuggestion,
    OrganisationMatchingState,
    PartnerState,
    SuggestionDirection,
)

# The jobs keep the best 20 of each side; a page shows no more.
MAX_SHOWN = 20
# The best few, on the initiative's own page for its members.
PREVIEWED = 3
# Candidates for a team: the best suggestions, whatever their sector.
TEAM_CANDIDATES = 20

# "Together they cover government, business and knowledge institutions."
SECTOR_GROUPS = {
    HelixSector.GOVERNMENT: gettext_lazy("government"),
    HelixSector.BUSINESS: gettext_lazy("business"),
    HelixSector.KNOWLEDGE: gettext_lazy("knowledge institutions"),
    HelixSector.CIVIL_SOCIETY: gettext_lazy("civil society"),
}

ORGANISATION_PREFETCHES = (
    "organisation__themes",
    "organisation__sustainable_development_goals",
    "organisation__expertise",
    "organisation__offer_tags",
)
INITIATIVE_PREFETCHES = (
    "initiative__themes",
    "initiative__sustainable_development_goals",
    "initiative__tags",
    "initiative__expertise_sought",
    "initiative__sought_sectors",
)


# Who may see and dismiss -------------------------------------------------------


def is_member(*, user, organisation: Organisation) -> bool:
    return (
        partner_selectors.membership_of(user=user, organisation=organisation)
        is not None
    )


def _dismissed(direction: str) -> Exists:
    return Exists(
        MatchDismissal.objects.filter(
            initiative=OuterRef("initiative_id"),
            organisation=OuterRef("organisation_id"),
            direction=direction,
        )
    )


def _shown(direction: str) -> QuerySet[MatchSuggestion]:
    """Not dismissed from this side, and not already working together: the
    organisation owns the initiative or is (or was invited to be) a partner
    in it by now."""
    partners = InitiativePartner.objects.filter(
        initiative=OuterRef("initiative_id"),
        organisation=OuterRef("organisation_id"),
    ).exclude(state=PartnerState.DECLINED)
    return (
        MatchSuggestion.objects.filter(direction=direction)
        .exclude(_dismissed(direction))
        .exclude(Exists(partners))
        .exclude(organisation_id=F("initiative__owner_id"))
        .order_by("rank", "pk")
    )


# Reads --------------------------------------------------------------------------


class SuggestionList(list):
    """Suggestions, best first, each with its ``reasons``; ``teams`` says who
    of them worked with whom (read for the reasons, reused for the team)."""

    teams = None


def suggestions_for_initiative(
    *, initiative: Initiative, at_most: int = MAX_SHOWN
) -> SuggestionList:
    """The organisations suggested to ``initiative``'s owner, best first, each
    with its ``reasons``; only organisations that are public now."""
    suggestions = SuggestionList(
        _shown(SuggestionDirection.FOR_INITIATIVE)
        .filter(initiative=initiative, organisation__status=ModerationStatus.APPROVED)
        .select_related("organisation")
        .prefetch_related(*ORGANISATION_PREFETCHES)[:at_most]
    )
    for suggestion in suggestions:
        # The page has the initiative with its prefetched relations already.
        suggestion.initiative = initiative
    _with_reasons(suggestions, direction=SuggestionDirection.FOR_INITIATIVE)
    return suggestions


def _shown_to_organisations(organisation_ids) -> QuerySet[MatchSuggestion]:
    """What these organisations' lists show: suggested initiatives that are
    public now."""
    return _shown(SuggestionDirection.FOR_ORGANISATION).filter(
        organisation_id__in=organisation_ids,
        initiative__in=Initiative.objects.public(),
    )


def suggested_initiative_counts(organisation_ids) -> dict[int, int]:
    """How many initiatives each organisation's list shows, in one query
    however many organisations."""
    rows = (
        _shown_to_organisations(list(organisation_ids))
        .order_by()
        .values("organisation_id")
        .annotate(shown=Count("pk"))
    )
    return {row["organisation_id"]: row["shown"] for row in rows}


def suggestions_for_organisation(*, organisation: Organisation) -> SuggestionList:
    """The initiatives suggested to ``organisation``, best first, each with
    its ``reasons``; only initiatives that are public now."""
    suggestions = SuggestionList(
        _shown_to_organisations([organisation.pk])
        .select_related("initiative__owner")
        .prefetch_related(*INITIATIVE_PREFETCHES)[:MAX_SHOWN]
    )
    for suggestion in suggestions:
        suggestion.organisation = organisation
    _with_reasons(suggestions, direction=SuggestionDirection.FOR_ORGANISATION)
    return suggestions


def initiative_for_suggestions(*, slug: str) -> Initiative | None:
    """The initiative with what its reasons are worded from."""
    return (
        Initiative.objects.filter(slug=slug)
        .select_related("owner", "matching_state")
        .prefetch_related(
            "themes",
            "sustainable_development_goals",
            "tags",
            "expertise_sought",
            "sought_sectors",
        )
        .first()
    )


def organisation_for_suggestions(*, slug: str) -> Organisation | None:
    return (
        Organisation.objects.filter(slug=slug)
        .select_related("matching_state")
        .prefetch_related(
            "themes",
            "sustainable_development_goals",
            "expertise",
            "offer_tags",
        )
        .first()
    )


def matching_state(subject) -> InitiativeMatchingState | OrganisationMatchingState:
    """The subject's state (select_related), or None before the first
    request for its suggestions."""
    try:
        return subject.matching_state
    except (
        InitiativeMatchingState.DoesNotExist,
        OrganisationMatchingState.DoesNotExist,
    ):
        return None


# Collaboration: who worked with whom, on public initiatives ------------------


@dataclass(frozen=True)
class Teams:
    """Public initiatives and who took part (owner and confirmed partners)."""

    members: dict  # initiative id -> set of organisation ids
    titles: dict  # initiative id -> title

    def of(self, organisation_id: int) -> list[int]:
        return [
            initiative_id
            for initiative_id, members in self.members.items()
            if organisation_id in members
        ]


def teams_of(organisation_ids) -> Teams:
    """Every public initiative any of ``organisation_ids`` took part in, with
    all its members: two queries."""
    organisation_ids = list(organisation_ids)
    confirmed = InitiativePartner.objects.filter(state=PartnerState.CONFIRMED)
    initiatives = Initiative.objects.public().filter(
        Q(owner_id__in=organisation_ids)
        | Q(
            pk__in=confirmed.filter(organisation_id__in=organisation_ids).values(
                "initiative_id"
            )
        )
    )
    members, titles = {}, {}
    for pk, title, owner_id in initiatives.values_list("pk", "title", "owner_id"):
        members[pk] = {owner_id}
        titles[pk] = title
    for initiative_id, organisation_id in confirmed.filter(
        initiative_id__in=list(members)
    ).values_list("initiative_id", "organisation_id"):
        members[initiative_id].add(organisation_id)
    return Teams(members=members, titles=titles)


def _initiative_members(initiatives) -> dict[int, dict[int, str]]:
    """Each initiative's owner and public confirmed partners, id -> name: one
    query."""
    members = {
        initiative.pk: {initiative.owner_id: initiative.owner.name}
        for initiative in initiatives
    }
    rows = (
        InitiativePartner.objects.filter(
            state=PartnerState.CONFIRMED,
            initiative_id__in=list(members),
            # As the initiative's page: only partners that are public.
            organisation__status=ModerationStatus.APPROVED,
        )
        .order_by("organisation__name")
        .values_list("initiative_id", "organisation_id", "organisation__name")
    )
    for initiative_id, organisation_id, name in rows:
        members[initiative_id][organisation_id] = name
    return members


def _collaboration(suggestion, members: dict, teams: Teams) -> reasons.Collaboration:
    initiative, organisation_id = suggestion.initiative, suggestion.organisation_id
    team = members[initiative.pk]
    worked_with = set()
    for other in teams.of(organisation_id):
        if other != initiative.pk:
            worked_with |= teams.members[other] & set(team)
    worked_with.discard(organisation_id)
    return reasons.Collaboration(
        with_owner=initiative.owner_id in worked_with,
        partners=tuple(
            name
            for pk, name in team.items()
            if pk in worked_with and pk != initiative.owner_id
        ),
        owner_name=initiative.owner.name,
    )


def _with_reasons(suggestions: SuggestionList, *, direction: str) -> None:
    if not suggestions:
        return
    translations = partner_selectors.theme_translations(language_code=get_language())
    initiatives = {s.initiative.pk: s.initiative for s in suggestions}.values()
    members = _initiative_members(initiatives)
    teams = teams_of({s.organisation_id for s in suggestions})
    for suggestion in suggestions:
        pair = reasons.Pair(
            initiative=suggestion.initiative,
            organisation=suggestion.organisation,
            parts=suggestion.parts,
            theme_translations=translations,
            collaboration=_collaboration(suggestion, members, teams),
        )
        suggestion.reasons = reasons.reasons(pair, direction=direction)
    suggestions.teams = teams


# The team suggested to an initiative seeking several sectors -------------------


@dataclass(frozen=True)
class TeamSuggestion:
    members: list  # MatchSuggestion, one per sector covered
    explanation: list[str]  # sentences
    missing: list[str]  # the sectors without a candidate, as words

    @property
    def missing_listed(self) -> str:
        """ "government or civil society": none of the suggestions is in these."""
        return str(get_text_list(self.missing))


def _sector_words(sectors) -> str:
    return reasons.listed([SECTOR_GROUPS[sector] for sector in sectors], limit=4)


def team_for_initiative(
    *, initiative: Initiative, suggestions: SuggestionList
) -> TeamSuggestion | None:
    """For an initiative seeking partners in two or more sectors: the best
    team of one suggested organisation per sector (see ``consortium``), with
    why. None when it seeks fewer sectors. ``suggestions`` are those of
    ``suggestions_for_initiative`` (no further query)."""
    # In the helices' own order: government, business, knowledge, civil society.
    sectors = sorted(
        (sought.sector for sought in initiative.sought_sectors.all()),
        key=list(HelixSector).index,
    )
    if len(sectors) < 2:
        return None
    candidates = suggestions[:TEAM_CANDIDATES]
    by_key = {suggestion.organisation_id: suggestion for suggestion in candidates}
    teams = suggestions.teams
    together = _worked_together(teams, set(by_key)) if teams else {}
    team = consortium.best_team(
        [
            consortium.Candidate(
                key=s.organisation_id, sector=s.organisation.sector, score=s.score
            )
            for s in candidates
        ],
        sectors,
        set(together),
    )
    missing = team.missing if team else tuple(sectors)
    return TeamSuggestion(
        members=[by_key[member.key] for member in team.members] if team else [],
        explanation=_team_explanation(team, by_key, together, teams) if team else [],
        missing=[str(SECTOR_GROUPS[sector]) for sector in missing],
    )


def _worked_together(teams: Teams, keys: set) -> dict[frozenset, int]:
    """Pairs of ``keys`` who took part in one public initiative, with one
    such initiative's id."""
    together = {}
    for initiative_id, members in teams.members.items():
        present = sorted(members & keys)
        for index, first in enumerate(present):
            for second in present[index + 1 :]:
                together.setdefault(frozenset((first, second)), initiative_id)
    return together


def _team_explanation(team, by_key, together, teams) -> list[str]:
    sentences = []
    if len(team.members) > 1:
        sentences.append(
            _("Together they cover %(sectors)s.")
            % {"sectors": _sector_words(team.sectors)}
        )
    for first, second in team.worked_together:
        initiative_id = together[frozenset((first, second))]
        sentences.append(
            _("%(first)s and %(second)s worked together on %(initiative)s.")
            % {
                "first": by_key[first].organisation.name,
                "second": by_key[second].organisation.name,
                "initiative": teams.titles[initiative_id],
            }
        )
    return sentences


# Writes -------------------------------------------------------------------------


def _can_dismiss(*, user, initiative: Initiative, organisation, direction) -> bool:
    side = (
        initiative.owner
        if direction == SuggestionDirection.FOR_INITIATIVE
        else organisation
    )
    return is_member(user=user, organisation=side)


@transaction.atomic
def suggestion_dismiss(
    *, user, initiative: Initiative, organisation: Organisation, direction: str
) -> MatchDismissal:
    """Hide a suggestion from its side for good, even when the suggestions are
    computed again: ``direction`` FOR_INITIATIVE for the initiative's owner's
    members, FOR_ORGANISATION for the organisation's. Dismissing twice is
    harmless. Keeps the suggestion's rank and algorithm version, so that the
    hub learns which suggestions people turn down."""
    if not _can_dismiss(
        user=user, initiative=initiative, organisation=organisation, direction=direction
    ):
        raise PermissionDenied(_("Only the members can dismiss this suggestion."))
    suggestion = MatchSuggestion.objects.filter(
        initiative=initiative, organisation=organisation, direction=direction
    ).first()
    dismissal, _created = MatchDismissal.objects.get_or_create(
        initiative=initiative,
        organisation=organisation,
        direction=direction,
        defaults={
            "dismissed_by": user,
            "rank": suggestion.rank if suggestion else None,
            "algorithm_version": suggestion.algorithm_version if suggestion else None,
        },
    )
    return dismissal
