"""Approved organisations in the site's sitemap, each address in every language."""

from hub.sitemaps import ViewSitemap
from partners import selectors


class OrganisationSitemap(ViewSitemap):
    """Every approved organisation's page, in each language."""

    url_name = "partners:organisation_detail"

    def items(self):
        return selectors.organisations_public().only("slug", "updated_at")
