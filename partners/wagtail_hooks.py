from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from partners import selectors
from partners.models import Organisation
from partners.views import bulk_moderation, moderation
from partners.views.moderation_base import (
    EXPORT_HEADINGS,
    REGISTRY_MENU_HOOK,
    ModerationViewSet,
    classification_fields,
    flag_column,
    location_panel,
    register_moderation,
    source_panel,
    status_column,
    status_panel,
)


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
        status_column(),
        DateColumn("created_at", label=_("Registered"), sort_key="created_at"),
        flag_column("outdated", "stale_since", _("Outdated")),
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
        **EXPORT_HEADINGS,
        "get_sector_display": _("Helix sector"),
        "get_kind_display": _("Kind of organisation"),
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
        status_panel(),
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
        location_panel(),
        MultiFieldPanel(
            [
                *classification_fields(),
                FieldPanel("expertise"),
                FieldPanel("offers"),
                FieldPanel("offer_tags"),
                FieldPanel("seeks"),
                FieldPanel("seek_tags"),
            ],
            heading=_("Expertise, offers and needs"),
        ),
        source_panel(),
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


register_moderation(
    Organisation,
    moderate_permission=selectors.MODERATE_PERMISSION,
    bulk_actions=bulk_moderation.BULK_ACTIONS,
    panel=moderation.OrganisationQueuePanel,
)
register_snippet(RegistryViewSetGroup)


@hooks.register("register_admin_viewset")
def register_organisation_chooser():
    from partners.views.chooser import organisation_chooser_viewset

    return organisation_chooser_viewset
