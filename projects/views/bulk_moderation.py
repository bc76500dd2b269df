"""Bulk decisions on the initiatives' queue: each ticked initiative gets the
same decision, kept in its own history and mailed to its own owners
(``services.initiatives_decide``), as organisations do."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partners.models import ModerationAction
from partners.views.bulk_moderation import (
    ModerationBulkDecision,
    decision_bulk_actions,
)
from projects import selectors, services
from projects.models import Initiative
from projects.views.moderation import InitiativeFilterSet


class InitiativeBulkDecision(ModerationBulkDecision):
    models = [Initiative]
    template_name = "projects/admin/initiative_bulk_decide.html"
    filterset_class = InitiativeFilterSet
    search_fields = ("title",)
    reason_help_text = _(
        "The same reason goes to the owners of every initiative listed above, "
        "by e-mail."
    )
    queue = staticmethod(selectors.initiatives_moderation_queue)
    is_moderator = staticmethod(selectors.is_moderator)

    @classmethod
    def decide_all(cls, objects, *, moderator, reason):
        return services.initiatives_decide(
            initiatives=objects, moderator=moderator, action=cls.decision, reason=reason
        )

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "“%(decision)s” is recorded for %(count)d initiative; its owners "
            "will be e-mailed.",
            "“%(decision)s” is recorded for %(count)d initiatives; their owners "
            "will be e-mailed.",
            num_parent_objects,
        ) % {"decision": self.decision.label, "count": num_parent_objects}


BULK_ACTIONS = decision_bulk_actions(
    InitiativeBulkDecision,
    {
        ModerationAction.APPROVE: _("Approve the selected initiatives"),
        ModerationAction.REQUEST_CHANGES: _(
            "Ask the owners of the selected initiatives for changes"
        ),
        ModerationAction.REJECT: _("Reject the selected initiatives"),
        ModerationAction.SUSPEND: _("Suspend the selected initiatives"),
    },
)
