"""Writes for the publications: sending what visitors submit, and comments."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import FormSubmission

from publications.models import (
    ArticleComment,
    ArticlePage,
    CommentFlag,
    CommentStatus,
    EnquiryDelivery,
)

COMMENT_RATE_LIMIT = 5
COMMENT_RATE_WINDOW = timedelta(minutes=10)


@transaction.atomic
def expert_enquiry_send(*, submission_id: int) -> bool:
    """E-mail a contact-form enquiry to its expert, once. Returns whether it
    was sent now (False if it had been sent before)."""
    submission = FormSubmission.objects.select_related("page").get(pk=submission_id)
    delivery, _ = EnquiryDelivery.objects.select_for_update().get_or_create(
        submission=submission
    )
    if delivery.sent_at:
        return False
    expert = submission.page.specific
    _enquiry_message(expert, submission).send()
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["sent_at"])
    return True


def _enquiry_message(expert, submission) -> EmailMessage:
    fields = {field.clean_name: field for field in expert.get_form_fields()}
    data = submission.form_data
    lines = [
        f"{fields[name].label if name in fields else name}: {value}"
        for name, value in data.items()
    ]
    # Answering the e-mail answers the visitor, whose address the form asked.
    reply_to = [
        data[name]
        for name, field in fields.items()
        if field.field_type == "email" and data.get(name)
    ][:1]
    return EmailMessage(
        subject=expert.subject or expert.title,
        body="\n".join(lines),
        from_email=expert.from_address or None,
        to=[address.strip() for address in expert.to_address.split(",")],
        reply_to=reply_to,
    )


@transaction.atomic
def comment_post(*, article: ArticlePage, author, body: str) -> ArticleComment:
    """Store ``author``'s comment on ``article``: published at once if the author
    is trusted (has a published comment already), otherwise pending a moderator.
    Raises ValidationError when the author has reached the rate limit."""
    # Counted in the database, not a per-process cache, so every web worker
    # sees the same count; locking the author's row makes simultaneous posts
    # queue up instead of all slipping under the limit.
    get_user_model().objects.select_for_update().only("pk").get(pk=author.pk)
    recent = ArticleComment.objects.filter(
        author=author, created_at__gte=timezone.now() - COMMENT_RATE_WINDOW
    ).count()
    if recent >= COMMENT_RATE_LIMIT:
        raise ValidationError(
            _(
                "You have posted several comments in a short time. "
                "Please wait a few minutes before posting another."
            ),
            code="rate_limited",
        )
    trusted = ArticleComment.objects.filter(
        author=author, status=CommentStatus.PUBLISHED
    ).exists()
    comment = ArticleComment(
        article=article,
        author=author,
        body=body,
        status=CommentStatus.PUBLISHED if trusted else CommentStatus.PENDING,
    )
    comment.full_clean()
    comment.save()
    return comment


def comment_flag(
    *, comment: ArticleComment, user=None, session_key: str = "", reason: str = ""
) -> bool:
    """Record that a visitor (signed in, or known by ``session_key``) finds
    ``comment`` needs a moderator. Flagging twice is harmless: returns whether
    a new flag was stored."""
    if user is not None and user.is_authenticated:
        who = {"flagged_by": user}
    elif session_key:
        who = {"session_key": session_key}
    else:
        raise ValueError("A flag needs a user or a session key.")
    if CommentFlag.objects.filter(comment=comment, **who).exists():
        return False
    try:
        # A savepoint, so that a simultaneous double click that loses the
        # race on the unique constraint leaves the request's transaction usable.
        with transaction.atomic():
            CommentFlag.objects.create(comment=comment, reason=reason[:200], **who)
    except IntegrityError:
        return False
    return True


def comment_moderate(
    *, comment: ArticleComment, moderator, status: CommentStatus
) -> ArticleComment:
    """Publish or hide ``comment`` (or return it to pending), noting who did it
    and when."""
    comment.status = CommentStatus(status)
    comment.moderated_by = moderator
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    return comment
