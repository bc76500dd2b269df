from django.urls import path

from partners.views import directory, registration

app_name = "partners"

urlpatterns = [
    path("organisations/", directory.organisation_list, name="organisation_list"),
    path(
        "organisations/register/",
        registration.organisation_register,
        name="organisation_register",
    ),
    path(
        "organisations/register/similar/",
        registration.organisation_similar,
        name="organisation_similar",
    ),
    path(
        "organisations/<slug:slug>/",
        directory.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisations/<slug:slug>/edit/",
        registration.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<slug:slug>/join/",
        registration.organisation_join,
        name="organisation_join",
    ),
    path(
        "organisations/<slug:slug>/members/",
        registration.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/",
        registration.membership_update,
        name="membership_update",
    ),
    path(
        "organisations/<slug:slug>/requests/<int:pk>/",
        registration.join_request_answer,
        name="join_request_answer",
    ),
    path(
        "organisations/<slug:slug>/reconfirm/",
        registration.organisation_reconfirm,
        name="organisation_reconfirm",
    ),
    path(
        "organisations/<slug:slug>/withdraw/",
        registration.organisation_withdraw,
        name="organisation_withdraw",
    ),
    path("my/organisations/", registration.my_organisations, name="my_organisations"),
]
