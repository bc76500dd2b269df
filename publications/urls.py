from django.urls import path

from publications import views

app_name = "publications"

urlpatterns = [
    path("comments/<int:article_id>/", views.comment_post, name="comment_post"),
    path("comments/<int:comment_id>/flag/", views.comment_flag, name="comment_flag"),
]
