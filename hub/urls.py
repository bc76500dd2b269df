from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.views import serve as wagtail_serve

from hub import views
from hub.sitemaps import PageSitemap
from partners.sitemaps import DirectorySitemap, OrganisationSitemap
from projects.sitemaps import InitiativeListingSitemap, InitiativeSitemap

# The project's URLconf brings the apps together: the one place in hub that
# names a domain app.
SITEMAPS = {
    "pages": PageSitemap,
    "organisations": OrganisationSitemap,
    "initiatives": InitiativeSitemap,
    "directory": DirectorySitemap,
    "initiative_listings": InitiativeListingSitemap,
}

urlpatterns = [
    path("health/", views.health, name="health"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("", include("projects.api_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("search/", views.search, name="search"),
    path("account/privacy/", views.account_privacy, name="account_privacy"),
    path(
        "account/privacy/download/",
        views.account_data_download,
        name="account_data_download",
    ),
    path("account/delete/", views.account_delete, name="account_delete"),
    path("", include("partners.urls")),
    path("", include("projects.urls")),
    path("", include("publications.urls")),
    # A name for each language's home page, for redirects after log-in and out.
    path("", wagtail_serve, {"path": ""}, name="home"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
