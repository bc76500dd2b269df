# The registry's models, re-exported so that code and migrations can say
# ``partners.models.Organisation`` whatever module a model lives in.
from partners.models.membership import (
    JoinRequest,
    JoinRequestState,
    MemberRole,
    Membership,
)
from partners.models.moderation import (
    ACTION_STATUS,
    ACTIONS_NEEDING_REASON,
    ORGANISATION_STATUSES,
    OWNER_ACTIONS,
    ModerationAction,
    ModerationDecisionBase,
    ModerationStatus,
)
from partners.models.organisations import (
    RECONFIRMATION_INTERVAL_DAYS,
    SECTOR_KINDS,
    DataSource,
    ExpertiseTag,
    HelixSector,
    OfferTag,
    Organisation,
    OrganisationDecision,
    OrganisationKind,
    SeekTag,
)

__all__ = [
    "ACTIONS_NEEDING_REASON",
    "ACTION_STATUS",
    "ORGANISATION_STATUSES",
    "OWNER_ACTIONS",
    "RECONFIRMATION_INTERVAL_DAYS",
    "SECTOR_KINDS",
    "DataSource",
    "ExpertiseTag",
    "HelixSector",
    "JoinRequest",
    "JoinRequestState",
    "MemberRole",
    "Membership",
    "ModerationAction",
    "ModerationDecisionBase",
    "ModerationStatus",
    "OfferTag",
    "Organisation",
    "OrganisationDecision",
    "OrganisationKind",
    "SeekTag",
]
