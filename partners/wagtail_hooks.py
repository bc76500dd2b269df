from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import DateColumn, StatusFlagColumn, StatusTagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from partners import selectors
from partners.models import ModerationStatus, Organisation
from partners.views import bulk_moderation, moderation
from partners.views.moderation_base import (
    REGISTRY_MENU_HOOK,
    ModerationPermissionPolicy,
    ModerationViewSet,
)


def _is_pending(organisation) -> bool:
    return organisation.status == ModerationStatus.PENDING


def _is_outdated(organisation) -> bool:
    return organisation.stale_since is not None


class OrganisationViewSet(ModerationViewSet):
    """The moderation queue and each organisation's history, corrections and
    decisions. Statuses change only through the decision view and the bulk
    actions, never through the edit form."""

    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    index_view_class = moderation.OrganisationIndexView
    edit_view_class = moderation.OrganisationEditView
    inspect_view_class = moderation.OrganisationInspectView
    decide_view_class = moderation.OrganisationDecideView
    list_display = [
        "name",
        "sector",
        "kind",
        "country",
        "city",
        StatusTagColumn(
            "status",
            accessor="get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=_is_pending,
        ),
        DateColumn("created_at", label=_("Registered"), sort_key="created_at"),
        StatusFlagColumn(
            "outdated",
            accessor=_is_outdated,
            label=_("Outdated"),
            true_label=_("Outdated"),
            sort_key="stale_since",
        ),
    ]
    filterset_class = moderation.OrganisationFilterSet
    search_fields = ["name", "short_name"]
    ordering = ["review_order", "created_at", "pk"]
    # No e-mail addresses: the export is for counting and sharing the queue.
    list_export = [
        "name",
        "short_name",
        "get_sector_display",
        "get_kind_display",
        "get_country_display",
        "city",
        "website",
        "get_status_display",
        "get_source_display",
        "external_id",
        "created_at",
        "reconfirmed_at",
        "stale_since",
    ]
    export_headings = {
        "get_sector_display": _("Helix sector"),
        "get_kind_display": _("Kind of organisation"),
        "get_country_display": _("Country"),
        "get_status_display": _("Status"),
        "get_source_display": _("Source"),
        "created_at": _("Registered at"),
    }
    export_filename = "organisations"
    inspect_view_fields = [
        "name",
        "short_name",
        "sector",
        "kind",
        "description",
        "website",
        "city",
        "country",
        "themes",
        "sustainable_development_goals",
        "expertise",
        "offers",
        "seeks",
        "contact_email",
        "source",
        "external_id",
        "status",
        "status_reason",
        "created_at",
        "updated_at",
        "reconfirmed_at",
        "stale_since",
    ]
    # The status is shown, not edited: it changes only through a decision.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("status", read_only=True),
                FieldPanel("status_reason", read_only=True),
            ],
            heading=_("Moderation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("sector"),
                FieldPanel("kind"),
                FieldPanel("description"),
                FieldPanel("website"),
                FieldPanel("logo"),
                FieldPanel("contact_email"),
            ],
            heading=_("Profile"),
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
                FieldPanel("expertise"),
                FieldPanel("offers"),
                FieldPanel("offer_tags"),
                FieldPanel("seeks"),
                FieldPanel("seek_tags"),
            ],
            heading=_("Expertise, offers and needs"),
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
        return selectors.organisations_moderation_queue()


class RegistryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Registry")
    menu_icon = "clipboard-list"
    menu_order = 240
    items = (OrganisationViewSet,)
    # Other apps add their queues here (initiatives do) without this app
    # knowing them: a viewset whose ``menu_hook`` is this joins the menu.
    submenu_hook = REGISTRY_MENU_HOOK


register_permission_policy(
    Organisation,
    ModerationPermissionPolicy(
        Organisation, moderate_permission=selectors.MODERATE_PERMISSION
    ),
)
register_snippet(RegistryViewSetGroup)


for bulk_action in bulk_moderation.BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("construct_homepage_panels")
def add_moderation_queue_panel(request, panels):
    if selectors.is_moderator(request.user):
        panels.append(moderation.ModerationQueuePanel())


@hooks.register("register_admin_viewset")
def register_organisation_chooser():
    from partners.views.chooser import organisation_chooser_viewset

    return organisation_chooser_viewset
