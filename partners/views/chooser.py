"""The organisation chooser editors use to link pages to the registry: approved
organisations only, searched as the directory searches them. Editors need no
moderator's permissions for it."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from partners import selectors
from partners.models import Organisation


class OrganisationSearchForm(BaseFilterForm):
    q = forms.CharField(label=_("Search term"), required=False, max_length=200)

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            objects = selectors.organisations_search(objects, query)
            self.is_searching, self.search_query = True, query
        return objects


class OrganisationChooseView(ChooseView):
    filter_form_class = OrganisationSearchForm


class OrganisationChooseResultsView(ChooseResultsView):
    filter_form_class = OrganisationSearchForm


class OrganisationChooserViewSet(ChooserViewSet):
    model = Organisation
    icon = "group"
    choose_one_text = _("Choose an organisation")
    choose_another_text = _("Choose another organisation")
    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
    per_page = 20

    def get_object_list(self):
        return selectors.organisations_public().order_by("name", "pk")


organisation_chooser_viewset = OrganisationChooserViewSet("organisation_chooser")
