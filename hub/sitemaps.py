from collections import defaultdict
from functools import reduce
from operator import or_

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from hub.seo import alternates, language_versions, site_root_url, view_locations


class PageSitemap(Sitemap):
    """Every live, public page of the site in every language, each with links to
    its language versions. Wagtail's own sitemap lists only the pages below the
    site's root page, and each language's home page is a root of its own."""

    def items(self):
        return self._site_pages().order_by("path").defer_streamfields().specific()

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        alternates = self._alternates_by_location()
        for url in urls:
            url["alternates"] = alternates.get(url["location"], [])
        return urls

    def _site_pages(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_site = reduce(
            or_, (Page.objects.descendant_of_q(home, inclusive=True) for home in homes)
        )
        return Page.objects.live().public().filter(in_site)

    def _alternates_by_location(self) -> dict[str, list[dict]]:
        # One query for the whole site rather than one per page: each page's
        # translations are among the site's pages.
        pages = (
            self._site_pages()
            .select_related("locale")
            .order_by("locale__language_code")
        )
        by_translation_key = defaultdict(list)
        for page in pages:
            by_translation_key[page.translation_key].append(page)
        alternates = {}
        for versions in by_translation_key.values():
            links = language_versions(versions, self.request)
            for link in links:
                alternates[link["location"]] = links
        return alternates


class ViewSitemap(Sitemap):
    """The pages of a Django view (outside Wagtail) that takes a ``slug``,
    each in every language with links to the other language versions, on
    the same root URL as the site's Wagtail pages. Subclasses name the view
    (``url_name``) and give the items, which have a ``slug`` and an
    ``updated_at``."""

    url_name = ""

    def lastmod(self, item):
        return item.updated_at

    def _urls(self, page, protocol, domain):
        root_url = site_root_url(self.request)
        urls = []
        for item in self.paginator.page(page).object_list:
            locations = view_locations(root_url, self.url_name, slug=item.slug)
            links = alternates(locations)
            urls += [
                {
                    "item": item,
                    "location": location,
                    "lastmod": item.updated_at,
                    "alternates": links,
                }
                for location in locations.values()
            ]
        if urls:
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls


class ListingSitemap(Sitemap):
    """Pages of Django views that take no arguments (lists, open data,
    statistics), each in every language with links to the other language
    versions. Subclasses name the views in ``url_names``."""

    url_names: tuple[str, ...] = ()

    def items(self):
        return list(self.url_names)

    def _urls(self, page, protocol, domain):
        root_url = site_root_url(self.request)
        urls = []
        for url_name in self.paginator.page(page).object_list:
            locations = view_locations(root_url, url_name)
            links = alternates(locations)
            urls += [
                {"item": url_name, "location": location, "alternates": links}
                for location in locations.values()
            ]
        return urls
