# The initiatives' models, re-exported so that code and migrations can say
# ``projects.models.Initiative`` whatever module a model lives in.
from projects.models.following import (
    DigestFrequency,
    Follow,
    FollowingPreferences,
    Notification,
    NotificationKind,
)
from projects.models.initiatives import (
    Initiative,
    InitiativeDecision,
    InitiativeImage,
    InitiativeLink,
    InitiativeSource,
    InitiativeStage,
    InitiativeTag,
    SoughtExpertiseTag,
    SoughtSector,
)
from projects.models.matching import (
    InitiativeMatchingState,
    Introduction,
    IntroductionOrigin,
    IntroductionStatus,
    MatchDismissal,
    MatchingRun,
    MatchingRunKind,
    MatchingRunStatus,
    MatchSuggestion,
    OrganisationMatchingState,
    SuggestionDirection,
)
from projects.models.partnership import InitiativePartner, PartnerState

__all__ = [
    "DigestFrequency",
    "Follow",
    "FollowingPreferences",
    "Initiative",
    "InitiativeDecision",
    "InitiativeImage",
    "InitiativeLink",
    "InitiativeMatchingState",
    "InitiativePartner",
    "InitiativeSource",
    "InitiativeStage",
    "InitiativeTag",
    "Introduction",
    "IntroductionOrigin",
    "IntroductionStatus",
    "MatchDismissal",
    "MatchSuggestion",
    "MatchingRun",
    "MatchingRunKind",
    "MatchingRunStatus",
    "Notification",
    "NotificationKind",
    "OrganisationMatchingState",
    "PartnerState",
    "SoughtExpertiseTag",
    "SoughtSector",
    "SuggestionDirection",
]
