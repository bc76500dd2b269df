"""The moderators' side of initiatives in the Wagtail admin: the queue, each
initiative's history, corrections and decisions, on the same base as the
organisations' (``partners.views.moderation_base``). Every write goes through
``projects.services``; ``projects.wagtail_hooks`` puts these views together."""

import django_filters
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.snippets.views.snippets import DeleteView, HistoryView

from partners import selectors as partner_selectors
from partners.models import ORGANISATION_STATUSES, ModerationAction, ModerationStatus
from partners.views import moderation_base
from projects import selectors, services
from projects.models import Initiative, SoughtSector

QUEUE_URL_NAME = "wagtailsnippets_projects_initiative:list"
DECISION_CHOICES = [
    (ModerationAction.APPROVE, _("Approve: the initiative becomes public")),
    (
        ModerationAction.REQUEST_CHANGES,
        _("Request changes: the owners edit the initiative and send it back"),
    ),
    (ModerationAction.REJECT, _("Reject: the initiative stays hidden")),
    (ModerationAction.SUSPEND, _("Suspend: hide an initiative that was public")),
]
# Moderators never see drafts, so they cannot filter for them either: the
# statuses left are those organisations have (they have no drafts).
QUEUE_STATUSES = ORGANISATION_STATUSES


def queue_url(**filters) -> str:
    """The initiatives that await review, oldest first (or ``filters``)."""
    filters = filters or {"status": ModerationStatus.PENDING}
    return f"{reverse(QUEUE_URL_NAME)}?{urlencode(filters)}"


def field_labels(names) -> list[str]:
    """What the initiative's fields ``names`` are called on the form."""
    return [capfirst(Initiative._meta.get_field(name).verbose_name) for name in names]


def decisions_with_field_labels(*, initiative: Initiative) -> list:
    """The history, each significant edit naming the fields it changed."""
    decisions = list(selectors.initiative_decisions(initiative=initiative))
    for decision in decisions:
        decision.changed_field_labels = field_labels(decision.changed_fields)
    return decisions


# The queue -------------------------------------------------------------------


def _themes():
    translations = partner_selectors.theme_translations(
        language_code=settings.LANGUAGE_CODE
    )
    return partner_selectors.themes_to_filter_by(translations=translations)


class InitiativeFilterSet(moderation_base.ModerationFilterSet):
    age_field = "submitted_at"

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=QUEUE_STATUSES, empty_label=_("All")
    )
    country = moderation_base.country_filter(selectors.initiative_countries)
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=_themes, method="filter_facet", empty_label=_("All")
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector sought"),
        choices=SoughtSector._meta.get_field("sector").choices,
        method="filter_facet",
        empty_label=_("All"),
    )
    edited = moderation_base.flag_filter(
        _("Edited since review"), "edited_since_review_at"
    )
    age = moderation_base.age_filter(_("Submitted"))

    class Meta:
        model = Initiative
        fields = ["status", "stage", "country", "theme", "sector", "source"]

    def filter_facet(self, queryset, name, value):
        # The same facets as the public list, through the same selector.
        return selectors.initiatives_filtered(queryset, **{name: value})


class InitiativeIndexView(moderation_base.ModerationIndexView):
    """The moderation queue of initiatives."""

    def awaiting_review(self):
        return selectors.initiatives_awaiting_review()


# One initiative --------------------------------------------------------------


class HidesDrafts:
    """A draft is its owners' alone: not found, even by its address."""

    def get_object(self, *args, **kwargs):
        initiative = super().get_object(*args, **kwargs)
        if initiative.is_draft:
            raise Http404
        return initiative


class InitiativeHistoryView(HidesDrafts, HistoryView):
    pass


class InitiativeDeleteView(HidesDrafts, DeleteView):
    pass


class InitiativeInspectView(HidesDrafts, moderation_base.ModerationInspectView):
    """An initiative with its moderation history, the fields each
    significant edit changed, and its partners."""

    template_name = "projects/admin/initiative_inspect.html"

    def decisions(self):
        return decisions_with_field_labels(initiative=self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnerships"] = selectors.initiative_partners_for_moderators(
            initiative=self.object
        )
        context["sought_sectors"] = self.object.sought_sectors.all()
        return context


class InitiativeEditView(HidesDrafts, moderation_base.CorrectionEditView):
    """Moderators correct an initiative here; status and owner are shown,
    not edited."""

    def correct(self, fields):
        return services.initiative_correct(
            initiative=self.form.instance, moderator=self.request.user, fields=fields
        )


class InitiativeDecideView(moderation_base.ModerationDecideView):
    """A moderator approves, rejects, requests changes to or suspends one
    initiative. The decision is kept in its history and e-mailed to the
    owner organisation's owners once saved."""

    model = Initiative
    template_name = "projects/admin/initiative_decide.html"
    decision_choices = DECISION_CHOICES
    inspect_link_label = _("The whole initiative, its partners and its history")
    record_name = "initiative"
    decide_service = staticmethod(services.initiative_decide)
    decisions_selector = staticmethod(decisions_with_field_labels)

    def get_queryset(self):
        return selectors.initiatives_moderation_queue()


# The dashboard ---------------------------------------------------------------


class InitiativeQueuePanel(moderation_base.ModerationQueuePanel):
    """ "N initiatives await review, M were edited since" on a moderator's
    admin dashboard."""

    name = "initiatives_awaiting_review"
    panel_id = "initiatives-awaiting-review"
    heading = _("Initiatives")
    order = 91

    def lines(self):
        count = selectors.initiatives_awaiting_review().count()
        edited = selectors.initiatives_edited_since_review().count()
        awaiting = ngettext(
            "%(counter)s initiative awaits review.",
            "%(counter)s initiatives await review.",
            count,
        ) % {"counter": count}
        changed = ngettext(
            "%(counter)s public initiative was edited significantly since its "
            "last review.",
            "%(counter)s public initiatives were edited significantly since "
            "their last review.",
            edited,
        ) % {"counter": edited}
        return [
            (awaiting, queue_url(), _("Open the initiatives’ queue")),
            (changed, queue_url(edited="true"), _("See what changed")),
        ]
