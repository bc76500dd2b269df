"""Public initiatives in the site's sitemap, each address in every language."""

from hub.sitemaps import ViewSitemap
from projects import selectors


class InitiativeSitemap(ViewSitemap):
    """Every public initiative's page, in each language."""

    url_name = "projects:initiative_detail"

    def items(self):
        return selectors.initiatives_public().only("slug", "updated_at").order_by("pk")
