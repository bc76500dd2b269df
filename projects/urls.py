from django.urls import path

from projects.views import discovery

app_name = "projects"

urlpatterns = [
    path("initiatives/", discovery.initiative_list, name="initiative_list"),
    path(
        "initiatives/map.geojson",
        discovery.initiative_map_data,
        name="initiative_map_data",
    ),
    path(
        "initiatives/<slug:slug>/",
        discovery.initiative_detail,
        name="initiative_detail",
    ),
]
