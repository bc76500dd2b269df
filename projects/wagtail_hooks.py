from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import DateColumn
from wagtail.snippets.models import register_snippet

from partners.views import moderation_base
from projects import selectors
from projects.forms import InitiativeCorrectionForm
from projects.matching import selectors as matching_selectors
from projects.models import Initiative
from projects.views import (
    bulk_moderation,
    introductions_report,
    matching_admin,
    moderation,
)


class InitiativeViewSet(moderation_base.ModerationViewSet):
    """The initiatives' moderation queue, under Registry beside the
    organisations': their history, corrections and decisions. Statuses and
    owners change only through decisions and the owners' own steps, never
    through the edit form; drafts are not shown at all."""

    model = Initiative
    icon = "rocket"
    menu_label = _("Initiatives")
    menu_hook = moderation_base.REGISTRY_MENU_HOOK
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
        moderation_base.status_column(),
        DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
        moderation_base.flag_column(
            "edited_since_review", "edited_since_review_at", _("Edited since review")
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
        **moderation_base.EXPORT_HEADINGS,
        "owner": _("Owner organisation"),
        "get_stage_display": _("Stage"),
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
        moderation_base.status_panel("owner"),
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
        moderation_base.location_panel(),
        MultiFieldPanel(
            [
                *moderation_base.classification_fields(),
                FieldPanel("tags"),
                FieldPanel("partners_sought"),
                FieldPanel("sectors_sought"),
                FieldPanel("expertise_sought"),
            ],
            heading=_("Themes and partners sought"),
        ),
        moderation_base.source_panel(),
    ]
    edit_handler = ObjectList(panels, base_form_class=InitiativeCorrectionForm)

    def get_queryset(self, request):
        return selectors.initiatives_moderation_queue()


moderation_base.register_moderation(
    Initiative,
    moderate_permission=selectors.MODERATE_PERMISSION,
    bulk_actions=bulk_moderation.BULK_ACTIONS,
    panel=moderation.InitiativeQueuePanel,
)
register_snippet(InitiativeViewSet)


@hooks.register("register_admin_viewset")
def register_initiative_chooser():
    from projects.views.chooser import initiative_chooser_viewset

    return initiative_chooser_viewset


@hooks.register("register_admin_urls")
def register_matching_urls():
    return [
        path(
            "matching/",
            matching_admin.MatchingView.as_view(),
            name=matching_admin.URL_NAME,
        )
    ]


# Introductions by theme: a report under Registry, for its moderators.


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.is_moderator(request.user)


@hooks.register("register_admin_urls")
def register_introductions_report_url():
    return [
        path(
            "registry/introductions-by-theme/",
            introductions_report.IntroductionsByThemeView.as_view(),
            name="projects_introductions_report",
        )
    ]


# The matching jobs' panel, under Registry beside the queues.
hooks.register(moderation_base.REGISTRY_MENU_HOOK, matching_admin.menu_item)


@hooks.register("construct_homepage_panels")
def add_matching_panel(request, panels):
    if matching_selectors.can_watch(request.user):
        panels.append(matching_admin.MatchingPanel())


@hooks.register(moderation_base.REGISTRY_MENU_HOOK)
def register_introductions_report_menu_item():
    return ModeratorMenuItem(
        _("Introductions by theme"),
        reverse("projects_introductions_report"),
        icon_name="group",
        order=10,
    )
