from django.urls import path, re_path

from projects.views import (
    discovery,
    following,
    introductions,
    open_data,
    registration,
    statistics,
    suggestions,
)

app_name = "projects"

urlpatterns = [
    path(
        "initiatives/register/",
        registration.initiative_register,
        name="initiative_register",
    ),
    path(
        "initiatives/<slug:slug>/edit/",
        registration.initiative_edit,
        name="initiative_edit",
    ),
    path(
        "initiatives/<slug:slug>/pause/",
        registration.initiative_pause,
        name="initiative_pause",
    ),
    path(
        "initiatives/<slug:slug>/resume/",
        registration.initiative_resume,
        name="initiative_resume",
    ),
    path(
        "initiatives/<slug:slug>/withdraw/",
        registration.initiative_withdraw,
        name="initiative_withdraw",
    ),
    path(
        "initiatives/<slug:slug>/partners/",
        registration.initiative_partners,
        name="initiative_partners",
    ),
    path(
        "initiatives/<slug:slug>/partners/<int:pk>/remove/",
        registration.partner_remove,
        name="partner_remove",
    ),
    path(
        "initiatives/<slug:slug>/suggested-partners/",
        suggestions.initiative_suggestions,
        name="initiative_suggestions",
    ),
    path(
        "initiatives/<slug:slug>/suggested-partners/<slug:organisation>/dismiss/",
        suggestions.initiative_suggestion_dismiss,
        name="initiative_suggestion_dismiss",
    ),
    path(
        "my/organisations/<slug:slug>/suggested-initiatives/",
        suggestions.organisation_suggestions,
        name="organisation_suggestions",
    ),
    path(
        "my/organisations/<slug:slug>/suggested-initiatives/<slug:initiative>/dismiss/",
        suggestions.organisation_suggestion_dismiss,
        name="organisation_suggestion_dismiss",
    ),
    path("my/initiatives/", registration.my_initiatives, name="my_initiatives"),
    path(
        "my/initiatives/invitations/<int:pk>/",
        registration.invitation_answer,
        name="invitation_answer",
    ),
    path(
        "initiatives/<slug:slug>/follow/",
        following.follow_initiative,
        name="initiative_follow",
    ),
    path(
        "organisations/<slug:slug>/follow/",
        following.follow_organisation,
        name="organisation_follow",
    ),
    path(
        "organisations/<slug:slug>/introduction/",
        introductions.introduction_ask,
        name="introduction_ask",
    ),
    path("my/introductions/", introductions.my_introductions, name="my_introductions"),
    path(
        "my/introductions/<int:pk>/",
        introductions.introduction_detail,
        name="introduction_detail",
    ),
    path(
        "my/introductions/<int:pk>/answer/",
        introductions.introduction_answer,
        name="introduction_answer",
    ),
    path("themes/<slug:slug>/follow/", following.follow_theme, name="theme_follow"),
    path("my/following/", following.my_following, name="my_following"),
    path(
        "my/following/digest/",
        following.digest_preference,
        name="digest_preference",
    ),
    path(
        "my/following/read/",
        following.notifications_read,
        name="notifications_read",
    ),
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
