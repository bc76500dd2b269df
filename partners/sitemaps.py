"""Approved organisations in the site's sitemap, each address in every language."""

from wagtail.contrib.sitemaps import Sitemap

from hub.seo import alternates, site_root_url, view_locations
from partners import selectors


class OrganisationSitemap(Sitemap):
    """Every approved organisation's page, in each language, with links to the
    other language versions; the same root URL as the site's Wagtail pages."""

    def items(self):
        return selectors.organisations_public().only("slug", "updated_at")

    def lastmod(self, organisation):
        return organisation.updated_at

    def _urls(self, page, protocol, domain):
        root_url = site_root_url(self.request)
        urls = []
        for organisation in self.paginator.page(page).object_list:
            locations = view_locations(
                root_url, "partners:organisation_detail", slug=organisation.slug
            )
            links = alternates(locations)
            urls += [
                {
                    "item": organisation,
                    "location": location,
                    "lastmod": organisation.updated_at,
                    "alternates": links,
                }
                for location in locations.values()
            ]
        if urls:
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls
