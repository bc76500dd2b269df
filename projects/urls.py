from django.urls import path

from projects.views import following

app_name = "projects"

urlpatterns = [
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
]
