"""The publications' part of a person's data: their comments on articles and
the comments they reported. Found and registered by ``hub.personal_data``.
Nothing here blocks deleting an account: comments go with their author."""

from hub.personal_data import register_exporter
from publications.models import ArticleComment, CommentFlag


def _comments(user) -> list[dict]:
    return [
        {
            "article": comment.article.title,
            "article_url": comment.article.full_url,
            "comment": comment.body,
            "status": comment.status,
            "posted_at": comment.created_at,
        }
        for comment in ArticleComment.objects.filter(author=user)
        .select_related("article")
        .order_by("created_at", "pk")
    ]


def _flags(user) -> list[dict]:
    # Which comment, but not its words: those are its author's data, not theirs.
    return [
        {
            "article": flag.comment.article.title,
            "article_url": flag.comment.article.full_url,
            "comment_id": flag.comment_id,
            "reason": flag.reason,
            "reported_at": flag.created_at,
        }
        for flag in CommentFlag.objects.filter(flagged_by=user)
        .select_related("comment__article")
        .order_by("created_at", "pk")
    ]


def publications_data(user) -> dict:
    """A person's comments on articles, and the comments they reported."""
    return {"comments": _comments(user), "reported_comments": _flags(user)}


register_exporter("publications", publications_data)
