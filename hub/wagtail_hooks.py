from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.models import HubPartner, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "is_perspective", "sort_order"]
    list_filter = ["is_perspective"]
    search_fields = ["name"]


class HubPartnerViewSet(SnippetViewSet):
    model = HubPartner
    icon = "group"
    list_display = ["name", "url"]
    sort_order_field = "sort_order"


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Site core")
    menu_icon = "folder-open-inverse"
    items = (ThemeViewSet, HubPartnerViewSet)


register_snippet(TaxonomyViewSetGroup)
