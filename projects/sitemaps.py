"""Public initiatives in the site's sitemap, each address in every language."""

from hub.sitemaps import ListingSitemap, ViewSitemap
from projects import selectors


class InitiativeSitemap(ViewSitemap):
    """Every public initiative's page, in each language."""

    url_name = "projects:initiative_detail"

    def items(self):
        return selectors.initiatives_public().only("slug", "updated_at").order_by("pk")


class InitiativeListingSitemap(ListingSitemap):
    """The initiatives list, the open data and API pages and the statistics."""

    url_names = (
        "projects:initiative_list",
        "projects:open_data",
        "projects:api_docs",
        "projects:statistics",
    )
