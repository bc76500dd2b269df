# The initiatives' models, re-exported so that code and migrations can say
# ``projects.models.Initiative`` whatever module a model lives in.
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
from projects.models.partnership import InitiativePartner, PartnerState

__all__ = [
    "Initiative",
    "InitiativeDecision",
    "InitiativeImage",
    "InitiativeLink",
    "InitiativePartner",
    "InitiativeSource",
    "InitiativeStage",
    "InitiativeTag",
    "PartnerState",
    "SoughtExpertiseTag",
    "SoughtSector",
]
