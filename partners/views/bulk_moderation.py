"""Bulk decisions on the moderation queue: the organisations ticked in the
listing all get the same decision, each kept in its own history and mailed to
its own owners (``services.organisations_decide``)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from partners import selectors, services
from partners.models import ModerationAction, Organisation
from partners.views.moderation import (
    REASON_REQUIRED,
    OrganisationFilterSet,
    organisations_named,
)


class BulkReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": REASON_REQUIRED},
        help_text=_(
            "The same reason goes to the owners of every organisation listed "
            "above, by e-mail."
        ),
    )


class OrganisationBulkDecision(PermissionCheckedMixin, SnippetBulkAction):
    models = [Organisation]
    permission_required = "moderate"
    template_name = "partners/admin/bulk_decide.html"
    decision: ModerationAction

    def check_perm(self, obj):
        return selectors.is_moderator(self.request.user)

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means all that the listing shows (its filters and
        # search, which the admin passes along), not every organisation.
        organisations = OrganisationFilterSet(
            self.request.GET,
            queryset=selectors.organisations_moderation_queue(),
            request=self.request,
        ).qs
        if query := self.request.GET.get("q", "").strip():
            organisations = organisations_named(organisations, query)
        return organisations.values_list("pk", flat=True)

    def get_execution_context(self):
        reason = self.cleaned_form.cleaned_data.get("reason", "")
        return {"moderator": self.request.user, "reason": reason}

    @classmethod
    def execute_action(cls, objects, moderator=None, reason="", **kwargs):
        decided = services.organisations_decide(
            organisations=objects,
            moderator=moderator,
            action=cls.decision,
            reason=reason,
        )
        return decided, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "“%(decision)s” is recorded for %(count)d organisation; its owners "
            "will be e-mailed.",
            "“%(decision)s” is recorded for %(count)d organisations; their "
            "owners will be e-mailed.",
            num_parent_objects,
        ) % {"decision": self.decision.label, "count": num_parent_objects}


class ApproveBulkAction(OrganisationBulkDecision):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected organisations")
    decision = ModerationAction.APPROVE
    action_priority = 10


class RequestChangesBulkAction(OrganisationBulkDecision):
    display_name = _("Request changes")
    action_type = "request_changes"
    aria_label = _("Ask the owners of the selected organisations for changes")
    decision = ModerationAction.REQUEST_CHANGES
    form_class = BulkReasonForm
    action_priority = 20


class RejectBulkAction(OrganisationBulkDecision):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected organisations")
    decision = ModerationAction.REJECT
    form_class = BulkReasonForm
    action_priority = 30


class SuspendBulkAction(OrganisationBulkDecision):
    display_name = _("Suspend")
    action_type = "suspend"
    aria_label = _("Suspend the selected organisations")
    decision = ModerationAction.SUSPEND
    form_class = BulkReasonForm
    action_priority = 40


BULK_ACTIONS = [
    ApproveBulkAction,
    RequestChangesBulkAction,
    RejectBulkAction,
    SuspendBulkAction,
]
