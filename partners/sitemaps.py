"""Approved organisations in the site's sitemap, each address in every language."""

from hub.sitemaps import ListingSitemap, ViewSitemap
from partners import selectors


class OrganisationSitemap(ViewSitemap):
    """Every approved organisation's page, in each language."""

    url_name = "partners:organisation_detail"

    def items(self):
        return selectors.organisations_public().only("slug", "updated_at")


class DirectorySitemap(ListingSitemap):
    """The organisations directory."""

    url_names = ("partners:organisation_list",)
