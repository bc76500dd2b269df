# The public models of the site core, re-exported so that code and migrations
# can say ``hub.models.Theme`` whatever module a model lives in.
from hub.models.accounts import User
from hub.models.operations import WorkerHeartbeat
from hub.models.pages import HomePage, SocialImageMixin, StandardPage
from hub.models.site import HubPartner, SiteSettings
from hub.models.taxonomy import SustainableDevelopmentGoal, Theme

__all__ = [
    "HomePage",
    "HubPartner",
    "SiteSettings",
    "SocialImageMixin",
    "StandardPage",
    "SustainableDevelopmentGoal",
    "Theme",
    "User",
    "WorkerHeartbeat",
]
