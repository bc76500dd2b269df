from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import DateColumn, StatusFlagColumn, StatusTagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from partners.models import ModerationStatus
from partners.views.moderation_base import (
    REGISTRY_MENU_HOOK,
    ModerationPermissionPolicy,
    ModerationViewSet,
)
from projects import selectors
from projects.models import Initiative
from projects.views import bulk_moderation, moderation


def _is_pending(initiative) -> bool:
    return initiative.status == ModerationStatus.PENDING


def _is_edited_since_review(initiative) -> bool:
    return initiative.edited_since_review_at is not None


class InitiativeViewSet(ModerationViewSet):
    """The initiatives' moderation queue, under Registry beside the
    organisations': their history, corrections and decisions. Statuses and
    owners change only through decisions and the owners' own steps, never
    through the edit form; drafts are not shown at all."""

    model = Initiative
    icon = "rocket"
    menu_label = _("Initiatives")
    menu_hook = REGISTRY_MENU_HOOK
    menu_order = 2
    index_view_class = moderation.InitiativeIndexView
    edit_view_class = moderation.InitiativeEditView
    inspect_view_class = moderation.InitiativeInspectView
    history_view_class = moderation.InitiativeHistoryView
    delete_view_class = moderation.InitiativeDeleteView
    decide_view_class = moderation.InitiativeDecideView
    list_display = [
        "title",
        "owner",
        "stage",
        "country",
        "city",
        StatusTagColumn(
            "status",
            accessor="get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=_is_pending,
        ),
        DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
        StatusFlagColumn(
            "edited_since_review",
            accessor=_is_edited_since_review,
            label=_("Edited since review"),
            true_label=_("Edited since review"),
            sort_key="edited_since_review_at",
        ),
    ]
    filterset_class = moderation.InitiativeFilterSet
    search_fields = ["title"]
    ordering = ["review_order", "submitted_at", "pk"]
    # No e-mail addresses: the export is for counting and sharing the queue.
    list_export = [
        "title",
        "owner",
        "get_stage_display",
        "get_country_display",
        "city",
        "get_status_display",
        "get_source_display",
        "external_id",
        "submitted_at",
        "edited_since_review_at",
        "created_at",
    ]
    export_headings = {
        "owner": _("Owner organisation"),
        "get_stage_display": _("Stage"),
        "get_country_display": _("Country"),
        "get_status_display": _("Status"),
        "get_source_display": _("Source"),
        "submitted_at": _("Submitted at"),
        "edited_since_review_at": _("Edited since review at"),
    }
    export_filename = "initiatives"
    inspect_view_fields = [
        "title",
        "owner",
        "summary",
        "description",
        "stage",
        "city",
        "country",
        "themes",
        "sustainable_development_goals",
        "tags",
        "expertise_sought",
        "partners_sought",
        "start_date",
        "end_date",
        "contact_email",
        "source",
        "external_id",
        "status",
        "status_reason",
        "submitted_at",
        "paused_at",
        "edited_since_review_at",
        "created_at",
        "updated_at",
    ]
    # Status and owner are shown, not edited.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("status", read_only=True),
                FieldPanel("status_reason", read_only=True),
                FieldPanel("owner", read_only=True),
            ],
            heading=_("Moderation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("summary"),
                FieldPanel("description"),
                FieldPanel("stage"),
                FieldPanel("start_date"),
                FieldPanel("end_date"),
                FieldPanel("contact_email"),
            ],
            heading=_("Initiative"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("city"),
                FieldPanel("country"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel(
                    "sustainable_development_goals",
                    widget=forms.CheckboxSelectMultiple,
                ),
                FieldPanel("tags"),
                FieldPanel("partners_sought"),
                FieldPanel("expertise_sought"),
            ],
            heading=_("Themes and partners sought"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("source", read_only=True),
                FieldPanel("external_id", read_only=True),
            ],
            heading=_("Source"),
        ),
    ]

    def get_queryset(self, request):
        return selectors.initiatives_moderation_queue()


register_permission_policy(
    Initiative,
    ModerationPermissionPolicy(
        Initiative, moderate_permission=selectors.MODERATE_PERMISSION
    ),
)
register_snippet(InitiativeViewSet)


for bulk_action in bulk_moderation.BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("construct_homepage_panels")
def add_initiative_queue_panel(request, panels):
    if selectors.is_moderator(request.user):
        panels.append(moderation.InitiativeQueuePanel())
