"""The initiative chooser editors use to link articles to initiatives: public
initiatives only (approved, not paused, of an approved owner), searched as the
initiatives' list searches them. Editors need no moderator's permissions."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from projects import selectors
from projects.models import Initiative


class InitiativeSearchForm(BaseFilterForm):
    q = forms.CharField(label=_("Search term"), required=False, max_length=200)

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            objects = selectors.initiatives_search(objects, query)
            self.is_searching, self.search_query = True, query
        return objects


class InitiativeChooseView(ChooseView):
    filter_form_class = InitiativeSearchForm


class InitiativeChooseResultsView(ChooseResultsView):
    filter_form_class = InitiativeSearchForm


class InitiativeChooserViewSet(ChooserViewSet):
    model = Initiative
    icon = "site"
    choose_one_text = _("Choose an initiative")
    choose_another_text = _("Choose another initiative")
    choose_view_class = InitiativeChooseView
    choose_results_view_class = InitiativeChooseResultsView
    per_page = 20

    def get_object_list(self):
        return (
            selectors.initiatives_public()
            .select_related("owner")
            .order_by("title", "pk")
        )


initiative_chooser_viewset = InitiativeChooserViewSet("initiative_chooser")
