"""The read-only JSON API, outside the language prefixes: /api/v1/…"""

from django.urls import path, re_path

from projects.views import api

app_name = "api"

urlpatterns = [
    path("api/v1/", api.api_root, name="root"),
    path("api/v1/openapi.json", api.openapi_document, name="openapi"),
    path("api/v1/initiatives/", api.initiatives, name="initiatives"),
    path("api/v1/initiatives/<slug:slug>/", api.initiative, name="initiative"),
    path("api/v1/organisations/", api.organisations, name="organisations"),
    path("api/v1/organisations/<slug:slug>/", api.organisation, name="organisation"),
    path("api/v1/themes/", api.themes, name="themes"),
    path("api/v1/sdgs/", api.sdgs, name="sdgs"),
    # Any other address under the API answers in JSON too.
    re_path(r"^api/(?P<path>.*)$", api.not_found, name="not_found"),
]
