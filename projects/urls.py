from django.urls import path

from projects.views import registration

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
    path("my/initiatives/", registration.my_initiatives, name="my_initiatives"),
    path(
        "my/initiatives/invitations/<int:pk>/",
        registration.invitation_answer,
        name="invitation_answer",
    ),
]
