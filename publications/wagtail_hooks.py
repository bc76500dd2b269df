import django_filters
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from publications import services
from publications.models import ArticleComment


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Readers write comments on the site; the admin only moderates them."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class CommentFilterSet(WagtailFilterSet):
    flagged = django_filters.BooleanFilter(label=_("Flagged"), method="filter_flagged")

    class Meta:
        model = ArticleComment
        fields = ["status"]

    def filter_flagged(self, queryset, name, value):
        if value is None:
            return queryset
        return (
            queryset.filter(flag_count__gt=0)
            if value
            else queryset.filter(flag_count=0)
        )


class CommentEditView(EditView):
    def save_instance(self):
        # Through the service, so that who moderated and when is recorded.
        comment = services.comment_moderate(
            comment=self.form.instance,
            moderator=self.request.user,
            status=self.form.cleaned_data["status"],
        )
        log(comment, "wagtail.edit", user=self.request.user)
        return comment


class ArticleCommentViewSet(SnippetViewSet):
    model = ArticleComment
    icon = "comment"
    menu_label = _("Comments")
    add_to_admin_menu = True
    menu_order = 250
    edit_view_class = CommentEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        Column("excerpt", label=_("Comment")),
        "article",
        "author",
        "status",
        Column("flag_count", label=_("Flags"), sort_key="flag_count"),
        Column("created_at", label=_("Created"), sort_key="created_at"),
    ]
    filterset_class = CommentFilterSet
    search_fields = ["body"]
    ordering = ["-created_at"]
    panels = [FieldPanel("status")]

    def get_queryset(self, request):
        return ArticleComment.objects.select_related("article", "author").annotate(
            flag_count=Count("flags")
        )


register_permission_policy(ArticleComment, CommentPermissionPolicy(ArticleComment))
register_snippet(ArticleCommentViewSet)
