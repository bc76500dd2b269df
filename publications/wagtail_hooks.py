import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from publications import selectors, services
from publications.models import ArticleComment, CommentStatus


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
        return selectors.comments_for_moderation()


register_permission_policy(ArticleComment, CommentPermissionPolicy(ArticleComment))
register_snippet(ArticleCommentViewSet)


class CommentBulkModeration(SnippetBulkAction):
    """Publish or hide every ticked comment at once, each noted as moderated
    by this moderator (``services.comment_moderate``)."""

    models = [ArticleComment]
    template_name = "publications/admin/bulk_moderate_comments.html"
    status: CommentStatus

    def check_perm(self, obj):
        return self.request.user.has_perm("publications.change_articlecomment")

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means what the listing shows (its filters and search).
        comments = CommentFilterSet(
            self.request.GET,
            queryset=selectors.comments_for_moderation(),
            request=self.request,
        ).qs
        if query := self.request.GET.get("q", "").strip():
            comments = comments.filter(body__icontains=query)
        return comments.values_list("pk", flat=True)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for comment in objects:
            services.comment_moderate(
                comment=comment, moderator=user, status=cls.status
            )
            log(comment, "wagtail.edit", user=user)
        return len(objects), 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment is now “%(status)s”.",
            "%(count)d comments are now “%(status)s”.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "status": self.status.label}


@hooks.register("register_bulk_action")
class PublishCommentsBulkAction(CommentBulkModeration):
    display_name = _("Publish")
    action_type = "publish_comments"
    aria_label = _("Publish the selected comments")
    status = CommentStatus.PUBLISHED
    action_priority = 10


@hooks.register("register_bulk_action")
class HideCommentsBulkAction(CommentBulkModeration):
    display_name = _("Hide")
    action_type = "hide_comments"
    aria_label = _("Hide the selected comments")
    status = CommentStatus.HIDDEN
    action_priority = 20
