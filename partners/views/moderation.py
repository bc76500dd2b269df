"""The moderators' side of the registry in the Wagtail admin: the queue of
organisations, their history, corrections and decisions. Every write goes
through ``partners.services``; ``partners.wagtail_hooks`` puts these views
together on the organisations' snippet viewset. What any moderation queue
shares lives in ``partners.views.moderation_base``."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partners import selectors, services
from partners.models import ModerationAction, ModerationStatus, Organisation
from partners.views.moderation_base import (
    CorrectionEditView,
    ModerationDecideView,
    ModerationFilterSet,
    ModerationIndexView,
    ModerationInspectView,
    ModerationQueuePanel,
    age_filter,
    country_filter,
    flag_filter,
)

QUEUE_URL_NAME = "wagtailsnippets_partners_organisation:list"
DECISION_CHOICES = [
    (ModerationAction.APPROVE, _("Approve: the profile becomes public")),
    (
        ModerationAction.REQUEST_CHANGES,
        _("Request changes: the owners edit the profile and send it back"),
    ),
    (ModerationAction.REJECT, _("Reject: the profile stays hidden")),
    (ModerationAction.SUSPEND, _("Suspend: hide a profile that was public")),
]


def queue_url() -> str:
    """The organisations that await review, oldest first."""
    return f"{reverse(QUEUE_URL_NAME)}?status={ModerationStatus.PENDING}"


# The queue -------------------------------------------------------------------


class OrganisationFilterSet(ModerationFilterSet):
    country = country_filter(selectors.organisation_countries)
    age = age_filter(_("Registered"))
    outdated = flag_filter(_("Outdated"), "stale_since")

    class Meta:
        model = Organisation
        fields = ["status", "sector", "kind", "country", "source", "age", "outdated"]


class OrganisationIndexView(ModerationIndexView):
    """The moderation queue."""

    def awaiting_review(self):
        return selectors.organisations_awaiting_review()


# One organisation ------------------------------------------------------------


class OrganisationInspectView(ModerationInspectView):
    """An organisation's profile with its moderation history and members."""

    template_name = "partners/admin/organisation_inspect.html"

    def decisions(self):
        return selectors.organisation_decisions(organisation=self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = selectors.organisation_members(
            organisation=self.object
        )
        return context


class OrganisationEditView(CorrectionEditView):
    """Moderators correct a profile here; the status is not in the form."""

    set_by_form = ("logo",)

    def correct(self, fields):
        return services.organisation_correct(
            organisation=self.form.instance,
            moderator=self.request.user,
            fields=fields,
        )


class OrganisationDecideView(ModerationDecideView):
    """A moderator approves, rejects, requests changes to or suspends one
    organisation. The decision is kept in its history and e-mailed to its
    owners once saved."""

    model = Organisation
    template_name = "partners/admin/organisation_decide.html"
    decision_choices = DECISION_CHOICES
    inspect_link_label = _("The whole profile, its members and its history")
    record_name = "organisation"
    decide_service = staticmethod(services.organisation_decide)
    decisions_selector = staticmethod(selectors.organisation_decisions)


# The dashboard ---------------------------------------------------------------


class OrganisationQueuePanel(ModerationQueuePanel):
    """ "N organisations await review" on a moderator's admin dashboard."""

    name = "organisations_awaiting_review"
    panel_id = "organisations-awaiting-review"
    heading = _("Registry")

    def lines(self):
        count = selectors.organisations_awaiting_review().count()
        awaiting = ngettext(
            "%(counter)s organisation awaits review.",
            "%(counter)s organisations await review.",
            count,
        ) % {"counter": count}
        return [(awaiting, queue_url(), _("Open the moderation queue"))]
