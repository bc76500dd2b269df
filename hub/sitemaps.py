from collections import defaultdict
from functools import reduce
from operator import or_

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from hub.seo import language_versions


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
