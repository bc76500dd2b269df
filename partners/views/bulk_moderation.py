"""Bulk decisions on a moderation queue: the records ticked in the listing
all get the same decision, each kept in its own history and mailed to its own
owners. ``ModerationBulkDecision`` and ``decision_bulk_actions`` serve any
queue; the organisations' come last."""

from django import forms
from django.shortcuts import get_list_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from partners import selectors, services
from partners.models import ModerationAction, Organisation
from partners.views.moderation import OrganisationFilterSet
from partners.views.moderation_base import REASON_REQUIRED, records_named


class BulkReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": REASON_REQUIRED},
    )


class ModerationBulkDecision(PermissionCheckedMixin, SnippetBulkAction):
    """One decision for every ticked record of ``models``. A subclass says
    where the queue comes from (``queue``, ``filterset_class``,
    ``search_fields``), who moderates (``is_moderator``) and how to decide
    (``decide_all``)."""

    permission_required = "moderate"
    template_name = "partners/admin/bulk_decide.html"
    decision: ModerationAction
    filterset_class = None
    search_fields = ()
    # Under the reason: who reads it.
    reason_help_text = ""
    # Before the list of records, by their number (``counter``).
    intro = ""
    no_access_message = ""
    # After the decision: ``decision`` and ``count``.
    success_message = ""

    @staticmethod
    def queue():
        raise NotImplementedError

    @staticmethod
    def is_moderator(user) -> bool:
        raise NotImplementedError

    @classmethod
    def decide_all(cls, objects, *, moderator, reason: str) -> int:
        raise NotImplementedError

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Only what the queue holds: a record it leaves out stays out.
        return get_list_or_404(cls.queue(), pk__in=object_ids)

    def check_perm(self, obj):
        return self.is_moderator(self.request.user)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "reason" in form.fields:
            form.fields["reason"].help_text = self.reason_help_text
        return form

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means all that the listing shows (its filters and
        # search, which the admin passes along), not every record.
        records = self.filterset_class(
            self.request.GET, queryset=self.queue(), request=self.request
        ).qs
        if query := self.request.GET.get("q", "").strip():
            records = records_named(records, self.search_fields, query)
        return records.values_list("pk", flat=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = self.intro % {"counter": len(context["items"])}
        context["no_access_msg"] = self.no_access_message
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message % {
            "decision": self.decision.label,
            "count": num_parent_objects,
        }

    def get_execution_context(self):
        reason = self.cleaned_form.cleaned_data.get("reason", "")
        return {"moderator": self.request.user, "reason": reason}

    @classmethod
    def execute_action(cls, objects, moderator=None, reason="", **kwargs):
        return cls.decide_all(objects, moderator=moderator, reason=reason), 0


# (decision, action type, button, needs a reason, priority)
DECISIONS = [
    (ModerationAction.APPROVE, "approve", _("Approve"), False, 10),
    (
        ModerationAction.REQUEST_CHANGES,
        "request_changes",
        _("Request changes"),
        True,
        20,
    ),
    (ModerationAction.REJECT, "reject", _("Reject"), True, 30),
    (ModerationAction.SUSPEND, "suspend", _("Suspend"), True, 40),
]


def decision_bulk_actions(base: type, aria_labels: dict) -> list[type]:
    """The four bulk decisions on ``base``'s queue; ``aria_labels`` says
    what each button does, by decision."""
    return [
        type(
            f"{base.__name__}{decision.name.title().replace('_', '')}",
            (base,),
            {
                "display_name": label,
                "action_type": action_type,
                "aria_label": aria_labels[decision],
                "decision": decision,
                "form_class": BulkReasonForm if needs_reason else forms.Form,
                "action_priority": priority,
            },
        )
        for decision, action_type, label, needs_reason, priority in DECISIONS
    ]


# Organisations -----------------------------------------------------------------


class OrganisationBulkDecision(ModerationBulkDecision):
    models = [Organisation]
    filterset_class = OrganisationFilterSet
    search_fields = ("name", "short_name")
    reason_help_text = _(
        "The same reason goes to the owners of every organisation listed "
        "above, by e-mail."
    )
    intro = ngettext_lazy(
        "This decision will be kept in the history of this organisation and "
        "e-mailed to its owners:",
        "This decision will be kept in the history of these %(counter)s "
        "organisations and e-mailed to their owners:",
        "counter",
    )
    no_access_message = _("You may not moderate these organisations:")
    success_message = ngettext_lazy(
        "“%(decision)s” is recorded for %(count)d organisation; its owners "
        "will be e-mailed.",
        "“%(decision)s” is recorded for %(count)d organisations; their "
        "owners will be e-mailed.",
        "count",
    )
    queue = staticmethod(selectors.organisations_moderation_queue)
    is_moderator = staticmethod(selectors.is_moderator)

    @classmethod
    def decide_all(cls, objects, *, moderator, reason):
        return services.organisations_decide(
            organisations=objects,
            moderator=moderator,
            action=cls.decision,
            reason=reason,
        )


BULK_ACTIONS = decision_bulk_actions(
    OrganisationBulkDecision,
    {
        ModerationAction.APPROVE: _("Approve the selected organisations"),
        ModerationAction.REQUEST_CHANGES: _(
            "Ask the owners of the selected organisations for changes"
        ),
        ModerationAction.REJECT: _("Reject the selected organisations"),
        ModerationAction.SUSPEND: _("Suspend the selected organisations"),
    },
)
