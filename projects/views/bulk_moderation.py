"""Bulk decisions on the initiatives' queue: each ticked initiative gets the
same decision, kept in its own history and mailed to its own owners
(``services.initiatives_decide``), as organisations do."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

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
    filterset_class = InitiativeFilterSet
    search_fields = ("title",)
    reason_help_text = _(
        "The same reason goes to the owners of every initiative listed above, "
        "by e-mail."
    )
    intro = ngettext_lazy(
        "This decision will be kept in the history of this initiative and "
        "e-mailed to its owners:",
        "This decision will be kept in the history of these %(counter)s "
        "initiatives and e-mailed to their owners:",
        "counter",
    )
    no_access_message = _("You may not moderate these initiatives:")
    success_message = ngettext_lazy(
        "“%(decision)s” is recorded for %(count)d initiative; its owners "
        "will be e-mailed.",
        "“%(decision)s” is recorded for %(count)d initiatives; their owners "
        "will be e-mailed.",
        "count",
    )
    queue = staticmethod(selectors.initiatives_moderation_queue)
    is_moderator = staticmethod(selectors.is_moderator)

    @classmethod
    def decide_all(cls, objects, *, moderator, reason):
        return services.initiatives_decide(
            initiatives=objects, moderator=moderator, action=cls.decision, reason=reason
        )


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
