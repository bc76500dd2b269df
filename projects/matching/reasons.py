"""Why a suggestion was made, in plain words, for the people it is shown to.

The engine stores each part of a score (``weights.PARTS``) with the
suggestion; a part high enough to matter becomes one reason, worded from what
the two sides have in common now ("Also works on Energy and Mobility", "12 km
away"). A part the stored score counts but the two no longer share (one side
was edited since) gives no reason. The strongest reasons come first.

The initiative, the organisation and their themes, goals and tags must have
been loaded (see ``projects.matching.suggestions``): nothing here queries the
database.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from partners.models import HelixSector, OrganisationKind
from projects.matching.weights import SIMILAR_INITIATIVE_AT_LEAST, WEIGHTS
from projects.models import SuggestionDirection

MAX_REASONS = 4
# Below these a part says too little to be worth a sentence.
MIN_PART = {
    "text": 0.15,
    "themes": 0.01,
    "sdgs": 0.01,
    "tags": 0.01,
    "sector": 0.5,
    # A quarter is two halvings of weights.HALF_DISTANCE_KM: about 300 km.
    "distance": 0.25,
    "collaboration": 0.01,
    "activity": 0.5,
    # Any past initiative that counts is at least this alike.
    "similar_work": SIMILAR_INITIATIVE_AT_LEAST,
}
# Names listed in one reason; the rest are counted.
MAX_NAMES = 3
EARTH_RADIUS_KM = 6371.0

# "You seek a company": each helix sector and each kind with its article.
SECTOR_PHRASES = {
    HelixSector.GOVERNMENT: gettext_lazy("a government body"),
    HelixSector.BUSINESS: gettext_lazy("a company"),
    HelixSector.KNOWLEDGE: gettext_lazy("a knowledge institution"),
    HelixSector.CIVIL_SOCIETY: gettext_lazy("a civil-society organisation"),
}
KIND_PHRASES = {
    OrganisationKind.MUNICIPALITY: gettext_lazy("a municipality"),
    OrganisationKind.PROVINCE: gettext_lazy("a province or region"),
    OrganisationKind.NATIONAL_GOVERNMENT: gettext_lazy("a national government"),
    OrganisationKind.PUBLIC_BODY: gettext_lazy("a public body"),
    OrganisationKind.START_UP: gettext_lazy("a start-up"),
    OrganisationKind.SME: gettext_lazy("a small or medium-sized enterprise"),
    OrganisationKind.LARGE_COMPANY: gettext_lazy("a large company"),
    OrganisationKind.COMPANY: gettext_lazy("a company"),
    OrganisationKind.UNIVERSITY: gettext_lazy("a university"),
    OrganisationKind.UNIVERSITY_OF_APPLIED_SCIENCES: gettext_lazy(
        "a university of applied sciences"
    ),
    OrganisationKind.RESEARCH_INSTITUTE: gettext_lazy("a research institute"),
    OrganisationKind.NGO: gettext_lazy("a non-governmental organisation"),
    OrganisationKind.FOUNDATION: gettext_lazy("a foundation"),
    OrganisationKind.ASSOCIATION: gettext_lazy("an association or network"),
    OrganisationKind.CITIZEN_COLLECTIVE: gettext_lazy("a citizen collective"),
}


@dataclass(frozen=True)
class Reason:
    part: str
    text: str


@dataclass(frozen=True)
class Collaboration:
    """Whom of the initiative's team (its owner and confirmed partners) the
    organisation worked with before, on other public initiatives."""

    with_owner: bool = False
    # The names of the partners (not the owner) it worked with.
    partners: tuple[str, ...] = ()
    owner_name: str = ""

    def __bool__(self) -> bool:
        return self.with_owner or bool(self.partners)


@dataclass(frozen=True)
class Pair:
    """What the reasons of one suggestion are worded from."""

    initiative: object
    organisation: object
    parts: dict
    # Themes by translation key, in the reader's language.
    theme_translations: dict = field(default_factory=dict)
    collaboration: Collaboration = Collaboration()


def listed(names: Iterable[str], limit: int = MAX_NAMES) -> str:
    """``A, B and C``; beyond ``limit`` names, ``A, B, C and 2 more``."""
    names = list(names)
    if len(names) > limit:
        rest = len(names) - limit
        more = ngettext("%(count)d more", "%(count)d more", rest) % {"count": rest}
        names = [*names[:limit], more]
    return str(get_text_list(names, pgettext("the last item of a list", "and")))


def distance_km(first, second) -> float | None:
    """Along the earth's surface (haversine); None where a place is unknown."""
    if not (first.has_coordinates and second.has_coordinates):
        return None
    latitude_1, latitude_2 = math.radians(first.latitude), math.radians(second.latitude)
    d_latitude = latitude_2 - latitude_1
    d_longitude = math.radians(second.longitude - first.longitude)
    haversine = (
        math.sin(d_latitude / 2) ** 2
        + math.cos(latitude_1) * math.cos(latitude_2) * math.sin(d_longitude / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(haversine)))


def _names(items) -> dict[str, str]:
    return {item.name.casefold(): item.name for item in items}


def _shared_themes(pair: Pair) -> list[str]:
    theirs = {theme.pk for theme in pair.organisation.themes.all()}
    return [
        pair.theme_translations.get(theme.translation_key, theme).name
        for theme in pair.initiative.themes.all()
        if theme.pk in theirs
    ]


def _shared_goals(pair: Pair) -> list[str]:
    theirs = {goal.pk for goal in pair.organisation.sustainable_development_goals.all()}
    return [
        _("SDG %(number)s") % {"number": goal.number}
        for goal in pair.initiative.sustainable_development_goals.all()
        if goal.pk in theirs
    ]


def _shared_tags(pair: Pair) -> list[str]:
    """What the organisation offers (its expertise and offers) that the
    initiative asks for (its tags and the expertise it seeks), as the
    organisation names it."""
    initiative, organisation = pair.initiative, pair.organisation
    wanted = _names([*initiative.expertise_sought.all(), *initiative.tags.all()])
    offered = _names([*organisation.expertise.all(), *organisation.offer_tags.all()])
    return sorted(
        (name for key, name in offered.items() if key in wanted), key=str.casefold
    )


def _sector_sought(pair: Pair) -> bool:
    sector = pair.organisation.sector
    return bool(sector) and any(
        sought.sector == sector for sought in pair.initiative.sought_sectors.all()
    )


def _distance_text(pair: Pair) -> str | None:
    km = distance_km(pair.initiative, pair.organisation)
    if km is None:
        return None
    if km < 1:
        return _("Less than 1 km away")
    return _("%(km)s km away") % {"km": number_format(round(km), force_grouping=True)}


# The reasons shown to an initiative's owner about an organisation -----------


def _for_initiative(pair: Pair, part: str) -> str | None:
    organisation = pair.organisation
    if part == "text":
        return _("Describes similar work")
    if part == "themes":
        themes = _shared_themes(pair)
        return themes and _("Also works on %(themes)s") % {"themes": listed(themes)}
    if part == "sdgs":
        goals = _shared_goals(pair)
        return goals and _("Shares your goals: %(goals)s") % {"goals": ", ".join(goals)}
    if part == "tags":
        tags = _shared_tags(pair)
        return tags and _("Offers: %(tags)s") % {"tags": ", ".join(tags)}
    if part == "sector":
        if not _sector_sought(pair):
            return None
        sought = SECTOR_PHRASES[organisation.sector]
        if organisation.kind in KIND_PHRASES:
            return _("You seek %(sector)s — this is %(kind)s") % {
                "sector": sought,
                "kind": KIND_PHRASES[organisation.kind],
            }
        return _("You seek %(sector)s — this is one") % {"sector": sought}
    if part == "distance":
        return _distance_text(pair)
    if part == "collaboration":
        return _worked_with_your_team(pair.collaboration)
    if part == "activity":
        return _("Recently active")
    if part == "similar_work":
        return _("Took part in initiatives much like yours")
    return None


def _worked_with_your_team(collaboration: Collaboration) -> str | None:
    partners = collaboration.partners
    if collaboration.with_owner and partners:
        return _("Has worked with you and with %(names)s") % {"names": listed(partners)}
    if collaboration.with_owner:
        return _("Has worked with you before")
    if partners:
        return ngettext(
            "Worked with one of your partners: %(names)s",
            "Worked with %(count)d of your partners: %(names)s",
            len(partners),
        ) % {"count": len(partners), "names": listed(partners)}
    return None


# The reasons shown to an organisation about an initiative --------------------


def _for_organisation(pair: Pair, part: str) -> str | None:
    if part == "text":
        return _("Describes similar work")
    if part == "themes":
        themes = _shared_themes(pair)
        return themes and _("Works on %(themes)s, as you do") % {
            "themes": listed(themes)
        }
    if part == "sdgs":
        goals = _shared_goals(pair)
        return goals and _("Shares your goals: %(goals)s") % {"goals": ", ".join(goals)}
    if part == "tags":
        tags = _shared_tags(pair)
        return tags and _("Asks for what you offer: %(tags)s") % {
            "tags": ", ".join(tags)
        }
    if part == "sector":
        if not _sector_sought(pair):
            return None
        return _("Seeks %(sector)s — you are one") % {
            "sector": SECTOR_PHRASES[pair.organisation.sector]
        }
    if part == "distance":
        return _distance_text(pair)
    if part == "collaboration":
        collaboration = pair.collaboration
        names = [
            *([collaboration.owner_name] if collaboration.with_owner else []),
            *collaboration.partners,
        ]
        return names and _("You have worked with %(names)s before") % {
            "names": listed(names)
        }
    if part == "similar_work":
        return _("Much like initiatives you took part in")
    # Activity is the organisation's own: no reason to tell it.
    return None


WORDING = {
    SuggestionDirection.FOR_INITIATIVE: _for_initiative,
    SuggestionDirection.FOR_ORGANISATION: _for_organisation,
}


def reasons(pair: Pair, *, direction: str, limit: int = MAX_REASONS) -> list[Reason]:
    """The reasons for one suggestion, strongest first (by what each part
    adds to the score), at most ``limit``, in the active language."""
    word = WORDING[direction]
    strongest = sorted(
        (
            part
            for part in WEIGHTS
            if float(pair.parts.get(part) or 0) >= MIN_PART[part]
        ),
        key=lambda part: -WEIGHTS[part] * float(pair.parts[part]),
    )
    found = []
    for part in strongest:
        text = word(pair, part)
        if text:
            found.append(Reason(part=part, text=str(text)))
        if len(found) == limit:
            break
    return found
