"""The operators' view of the matching jobs in the admin: how the last runs
went, what is being computed, and a button to recompute everything."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from projects.matching import jobs, selectors
from projects.models import MatchingRunStatus

URL_NAME = "projects_matching"


class MatchingView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "projects/admin/matching.html"
    page_title = _("Matching")
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        if not selectors.can_watch(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "overview": selectors.matching_overview(),
            "can_run": selectors.can_run(self.request.user),
        }

    def post(self, request):
        if not selectors.can_run(request.user):
            raise PermissionDenied
        run, created = jobs.matching_full_run_request(started_by=request.user)
        run.refresh_from_db()
        if run.status == MatchingRunStatus.FAILED:
            messages.error(
                request,
                _(
                    "The job queue could not be reached, so nothing was started. "
                    "Please check that Redis and the workers are running."
                ),
            )
        elif created:
            messages.success(
                request,
                _("All suggestions will be computed again; this page shows how."),
            )
        else:
            messages.warning(
                request,
                _(
                    "A full recompute is already running; it was sent to the workers "
                    "again."
                ),
            )
        return redirect(URL_NAME)


class MatchingMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.can_watch(request.user)


def menu_item():
    return MatchingMenuItem(
        _("Matching"), reverse(URL_NAME), icon_name="resubmit", order=900
    )


class MatchingPanel(Component):
    """The matching jobs' health on the dashboard of those who watch it."""

    name = "matching_jobs"
    template_name = "projects/admin/matching_panel.html"
    order = 95

    def get_context_data(self, parent_context):
        return {"overview": selectors.matching_overview(), "url": reverse(URL_NAME)}
