"""Following initiatives, organisations and themes: the writes and the reads.

A signed-in person follows a target; when something happens to it (approved,
updated, a new partner, a new article) every follower gets a Notification,
shown on their following page and e-mailed in a daily or weekly digest.
Notifications are recorded inside the transaction of the change they report,
so that they are committed, or rolled back, with it; nothing can be lost
between a commit and a queue.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from hub.models import Theme
from partners import mail
from partners.events import OrganisationChange
from partners.models import Organisation
from projects.models import (
    DigestFrequency,
    Follow,
    FollowingPreferences,
    Initiative,
    Notification,
    NotificationKind,
)

DIGEST_PERIODS = {
    DigestFrequency.DAILY: timedelta(days=1),
    DigestFrequency.WEEKLY: timedelta(days=7),
}
# The hourly beat runs a little early or late; a digest sent at 08:00:05 is
# due again at 07:59:59 the next day, not an hour later.
DIGEST_SLACK = timedelta(minutes=5)
# A digest lists the newest this many; the rest are counted, and all of them
# are on the following page: a mail of hundreds of lines is read by no one.
DIGEST_AT_MOST = 30


# Targets -----------------------------------------------------------------------


def target_field(target) -> str:
    """The name of the Follow / Notification field that points at ``target``."""
    return {
        Initiative: "initiative",
        Organisation: "organisation",
        Theme: "theme",
    }[type(target)]


def theme_of_default_language(theme: Theme) -> Theme:
    """Pages and profiles are classified with the default language's themes;
    a follow of a translation is a follow of that theme."""
    if theme.locale.language_code == settings.LANGUAGE_CODE:
        return theme
    return Theme.objects.get(
        translation_key=theme.translation_key,
        locale__language_code=settings.LANGUAGE_CODE,
    )


def followable_initiative(*, slug: str) -> Initiative | None:
    return Initiative.objects.public().filter(slug=slug).first()


def followable_organisation(*, slug: str) -> Organisation | None:
    return Organisation.objects.approved().filter(slug=slug).first()


def followable_theme(*, slug: str) -> Theme | None:
    return Theme.objects.filter(
        slug=slug, locale__language_code=settings.LANGUAGE_CODE
    ).first()


# Following ---------------------------------------------------------------------


def follow_create(*, user, target) -> Follow:
    """``user`` follows ``target`` (an initiative, organisation or theme);
    following it again changes nothing."""
    follow, _created = Follow.objects.get_or_create(
        user=user, **{target_field(target): target}
    )
    return follow


def follow_delete(*, user, target) -> bool:
    """``user`` no longer follows ``target``; returns whether they did."""
    deleted, _details = Follow.objects.filter(
        user=user, **{target_field(target): target}
    ).delete()
    return bool(deleted)


def is_following(*, user, target) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, **{target_field(target): target}).exists()


def follows_of_user(*, user):
    return Follow.objects.filter(user=user).select_related(
        "initiative", "organisation", "theme"
    )


# Recording ---------------------------------------------------------------------


def notifications_record(
    *,
    target,
    kind: NotificationKind,
    detail: str = "",
    url: str = "",
    actor=None,
    exclude_users=None,
) -> int:
    """A notification of ``kind`` about ``target`` for each of its followers
    (not for ``actor``, who knows). At most one per person, target and kind
    a day: a second edit the same day adds nothing. Returns how many
    followers it was recorded for, counting any who had one already today."""
    field = target_field(target)
    followers = Follow.objects.filter(**{field: target})
    if actor is not None:
        followers = followers.exclude(user=actor)
    if exclude_users is not None:
        followers = followers.exclude(user__in=exclude_users)
    now = timezone.now()
    created = Notification.objects.bulk_create(
        [
            Notification(
                user_id=user_id,
                kind=kind,
                detail=detail[:300],
                url=url[:500],
                day=timezone.localdate(now),
                created_at=now,
                **{field: target},
            )
            for user_id in followers.values_list("user_id", flat=True)
        ],
        ignore_conflicts=True,
    )
    return len(created)


def notifications_record_for_initiative(
    *, initiative: Initiative, kind: NotificationKind, detail: str = "", actor=None
) -> int:
    """Tell the followers of ``initiative`` — only while it is public: what
    happens to a hidden initiative is nobody else's news."""
    if not initiative.is_public:
        return 0
    return notifications_record(
        target=initiative, kind=kind, detail=detail, actor=actor
    )


def notifications_record_for_partnership(*, partnership, actor=None) -> int:
    """A partner confirmed: the initiative's followers hear of a new partner,
    the partner's followers that it joined an initiative (with a link to it).
    Only what is public on both sides is news."""
    initiative, organisation = partnership.initiative, partnership.organisation
    if not (initiative.is_public and organisation.is_public):
        return 0
    return notifications_record(
        target=initiative,
        kind=NotificationKind.NEW_PARTNER,
        detail=organisation.name,
        actor=actor,
    ) + notifications_record(
        target=organisation,
        kind=NotificationKind.JOINED_INITIATIVE,
        detail=initiative.title,
        url=initiative.get_absolute_url(),
        actor=actor,
    )


def notifications_record_for_organisation(*, organisation, change, actor=None):
    """Listener for the registry's ``partners.events``: an organisation was
    approved or updated (its followers are not told it left the hub)."""
    if change == OrganisationChange.WITHDRAWN or not organisation.is_public:
        return 0
    return notifications_record(
        target=organisation, kind=NotificationKind(change), actor=actor
    )


def article_initiatives(article) -> list[Initiative]:
    """The public initiatives ``article`` names: their followers hear of it."""
    return list(
        Initiative.objects.public().filter(article_mentions__page=article).distinct()
    )


def notifications_record_for_article(*, article) -> int:
    """A live article names organisations and covers themes: tell their
    followers, once per article, whichever of its translations is published
    first and however often it is published again."""
    url = article.get_url() or ""
    already = Notification.objects.filter(
        kind=NotificationKind.NEW_ARTICLE, url__in=_article_urls(article)
    ).values("user_id")
    targets = [
        *Organisation.objects.approved()
        .filter(article_mentions__page=article)
        .distinct(),
        *Theme.objects.filter(
            # The page's own (possibly not yet saved) themes, not a query.
            translation_key__in=[
                theme.translation_key for theme in article.themes.all()
            ],
            locale__language_code=settings.LANGUAGE_CODE,
        ),
        *article_initiatives(article),
    ]
    recorded = 0
    for target in targets:
        recorded += notifications_record(
            target=target,
            kind=NotificationKind.NEW_ARTICLE,
            detail=article.title,
            url=url,
            exclude_users=already.filter(**{target_field(target): target}),
        )
    return recorded


def _article_urls(article) -> list[str]:
    pages = [article, *article.get_translations().live().specific(defer=True)]
    return [page.get_url() for page in pages if page.get_url()]


# Reading -------------------------------------------------------------------------


@dataclass
class NotificationEntry:
    """A notification as a reader sees it, in their language."""

    notification: Notification
    text: str
    url: str

    @property
    def is_unread(self) -> bool:
        return self.notification.read_at is None


def _messages() -> dict:
    return {
        NotificationKind.APPROVED: _("%(target)s has been approved."),
        NotificationKind.UPDATED: _("%(target)s has been updated."),
        NotificationKind.NEW_PARTNER: _(
            "%(detail)s has joined %(target)s as a partner."
        ),
        NotificationKind.NEW_ARTICLE: _("A new article about %(target)s: %(detail)s"),
        NotificationKind.JOINED_INITIATIVE: _(
            "%(target)s has joined %(detail)s as a partner."
        ),
    }


class TargetNames:
    """Names and addresses of targets in the active language, with two
    queries for all the themes among ``targets`` however many there are."""

    def __init__(self, targets):
        keys = {t.translation_key for t in targets if isinstance(t, Theme)}
        language = translation.get_language() or settings.LANGUAGE_CODE
        self.themes, self.theme_urls = {}, {}
        if keys:
            self.themes = {
                theme.translation_key: theme
                for theme in Theme.objects.filter(
                    translation_key__in=keys, locale__language_code=language
                )
            }
            self.theme_urls = _theme_page_urls(keys, language)

    def name(self, target) -> str:
        if isinstance(target, Theme):
            return self.themes.get(target.translation_key, target).name
        return str(target)

    def url(self, target) -> str:
        if isinstance(target, Theme):
            return self.theme_urls.get(target.translation_key, "")
        return target.get_absolute_url()


def _theme_page_urls(translation_keys, language: str) -> dict:
    # Theme pages are the publication app's; read through the app registry so
    # that this app does not depend on it.
    theme_page = apps.get_model("publications", "ThemePage")
    locale = Locale.objects.filter(language_code=language).first()
    pages = theme_page.objects.live().filter(
        theme__translation_key__in=translation_keys, locale=locale
    )
    return {
        page.theme.translation_key: page.get_url()
        for page in pages.select_related("theme")
    }


def notifications_described(notifications) -> list[NotificationEntry]:
    """``notifications`` (with their targets selected) put in words in the
    active language."""
    notifications = list(notifications)
    names = TargetNames([notification.target for notification in notifications])
    messages = _messages()
    return [
        NotificationEntry(
            notification=notification,
            text=messages[notification.kind]
            % {
                "target": names.name(notification.target),
                "detail": notification.detail,
            },
            url=notification.url or names.url(notification.target),
        )
        for notification in notifications
    ]


def notifications_of_user(*, user):
    return Notification.objects.filter(user=user).select_related(
        "initiative", "organisation", "theme"
    )


def unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_mark_read(*, user) -> int:
    """Mark all of ``user``'s notifications as read."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# Digests -----------------------------------------------------------------------


def preferences_of(*, user) -> FollowingPreferences:
    """``user``'s preferences, the default ones if they never chose."""
    return FollowingPreferences.objects.filter(user=user).first() or (
        FollowingPreferences(user=user)
    )


def digest_set(*, user, digest: DigestFrequency) -> FollowingPreferences:
    """``user`` chooses a daily or weekly digest, or none."""
    preferences, _created = FollowingPreferences.objects.update_or_create(
        user=user, defaults={"digest": DigestFrequency(digest)}
    )
    return preferences


def _recently_sent(now) -> Q:
    return Q(
        following_preferences__digest=DigestFrequency.DAILY,
        following_preferences__last_digest_at__gt=now
        - DIGEST_PERIODS[DigestFrequency.DAILY]
        + DIGEST_SLACK,
    ) | Q(
        following_preferences__digest=DigestFrequency.WEEKLY,
        following_preferences__last_digest_at__gt=now
        - DIGEST_PERIODS[DigestFrequency.WEEKLY]
        + DIGEST_SLACK,
    )


def digest_due_users(*, now=None) -> list[int]:
    """The people who have notifications not yet e-mailed and whose digest
    is due: daily ones a day after the last, weekly ones a week after."""
    now = now or timezone.now()
    user_model = Follow._meta.get_field("user").related_model
    return list(
        user_model.objects.filter(
            pk__in=Notification.objects.filter(emailed_at__isnull=True).values(
                "user_id"
            ),
            is_active=True,
        )
        .exclude(following_preferences__digest=DigestFrequency.NEVER)
        .exclude(_recently_sent(now))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _digest_is_due(preferences: FollowingPreferences, now) -> bool:
    period = DIGEST_PERIODS.get(preferences.digest)
    if period is None:
        return False
    last = preferences.last_digest_at
    return last is None or last <= now - period + DIGEST_SLACK


@transaction.atomic
def digest_send(*, user_id: int, now=None) -> bool:
    """E-mail ``user_id`` their notifications not e-mailed yet, if their
    digest is due. Their preferences row is locked and the notifications
    marked as e-mailed in the same transaction, so that a retried or a
    parallel task sends nothing twice. Returns whether mail went out."""
    now = now or timezone.now()
    user_model = Follow._meta.get_field("user").related_model
    user = user_model.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    FollowingPreferences.objects.get_or_create(user=user)
    preferences = FollowingPreferences.objects.select_for_update().get(user=user)
    if not _digest_is_due(preferences, now):
        return False
    pending = list(notifications_of_user(user=user).filter(emailed_at__isnull=True))
    if not pending:
        return False
    _digest_mail(user, pending, preferences.digest)
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
    preferences.last_digest_at = now
    preferences.save(update_fields=["last_digest_at"])
    return True


def _digest_mail(user, notifications, digest) -> None:
    """``notifications`` are newest first (the model's order)."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        entries = notifications_described(notifications[:DIGEST_AT_MOST])
        mail.send_to_user(
            user,
            "projects/email/digest",
            {
                "entries": entries,
                "total": len(notifications),
                "more": len(notifications) - len(entries),
                "weekly": digest == DigestFrequency.WEEKLY,
                "following_url": reverse("projects:my_following"),
            },
        )


# Personal data -------------------------------------------------------------------


def personal_data(user) -> dict:
    """What following keeps about ``user``, for their data download."""
    return {
        "digest": preferences_of(user=user).digest,
        "follows": [
            {"following": str(follow.target), "since": follow.created_at}
            for follow in follows_of_user(user=user)
        ],
        "notifications": [
            {
                "kind": notification.kind,
                "about": str(notification.target),
                "detail": notification.detail,
                "at": notification.created_at,
                "read_at": notification.read_at,
                "emailed_at": notification.emailed_at,
            }
            for notification in notifications_of_user(user=user)
        ],
    }
