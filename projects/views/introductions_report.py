"""The registry moderators' report of how matching turns into introductions:
per theme of the initiatives, how many organisations were suggested, how many
introductions were asked from those suggestions, and how many accepted."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from projects import introductions, selectors


class IntroductionsByThemeView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Introductions by theme")
    header_icon = "group"
    template_name = "projects/admin/introductions_report.html"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse_lazy("projects_introductions_report"),
                "label": self.page_title,
            },
        ]

    def dispatch(self, request, *args, **kwargs):
        if not selectors.is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rows=introductions.introductions_by_theme(language_code=get_language()),
            **kwargs,
        )
