from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class ArticleComment(models.Model):
    """A signed-in reader's comment on an article.

    Moderation policy: a reader with at least one published comment is trusted,
    and their comments are published at once; everyone else's wait, pending,
    for a moderator. Moderators publish or hide comments (or delete them) in
    Wagtail's admin, where flagged comments can be picked out.
    """

    article = models.ForeignKey(
        "publications.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="article_comments",
    )
    body = models.TextField(_("comment"), max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            models.Index(fields=["author", "created_at"]),
        ]

    def __str__(self):
        return self.excerpt

    @property
    def excerpt(self) -> str:
        return self.body if len(self.body) <= 60 else f"{self.body[:59]}…"

    @property
    def is_pending(self) -> bool:
        return self.status == CommentStatus.PENDING

    @property
    def is_published(self) -> bool:
        return self.status == CommentStatus.PUBLISHED

    @property
    def author_name(self) -> str:
        # Never the whole e-mail address: that would hand it to spammers.
        return self.author.first_name or self.author.email.partition("@")[0]


class CommentFlag(models.Model):
    """A visitor's report that a comment needs a moderator's eye. Anonymous
    visitors are told apart by their session, so each can flag a comment once."""

    comment = models.ForeignKey(
        ArticleComment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="flags",
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("flagged by"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    session_key = models.CharField(_("session key"), max_length=40, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment flag")
        verbose_name_plural = _("comment flags")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "flagged_by"],
                condition=Q(flagged_by__isnull=False),
                name="one_flag_per_user",
            ),
            models.UniqueConstraint(
                fields=["comment", "session_key"],
                condition=~Q(session_key=""),
                name="one_flag_per_session",
            ),
        ]

    def __str__(self):
        return f"{self.comment_id}: {self.reason or '-'}"
