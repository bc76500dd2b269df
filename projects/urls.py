from django.urls import path, re_path

from projects.views import open_data, statistics

app_name = "projects"

urlpatterns = [
    path("data/", open_data.open_data_page, name="open_data"),
    path("data/api/", open_data.api_docs_page, name="api_docs"),
    re_path(
        r"^data/initiatives\.(?P<format>csv|json|geojson)$",
        open_data.initiatives_export,
        name="initiatives_export",
    ),
    re_path(
        r"^data/organisations\.(?P<format>csv|json|geojson)$",
        open_data.organisations_export,
        name="organisations_export",
    ),
    path("statistics/", statistics.statistics_page, name="statistics"),
]
