"""Following initiatives, organisations and themes: the buttons, what
followers hear of (approval, updates, new partners, new articles), their
following page and their daily or weekly e-mail digest."""

from datetime import timedelta

import pytest
from celery.signals import before_task_publish
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from hub.factories import UserFactory
from hub.models import Theme
from partners import services as partner_services
from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import ModerationAction, ModerationStatus
from projects import following, services, tasks
from projects.factories import InitiativeFactory, InitiativePartnerFactory
from projects.models import (
    DigestFrequency,
    Follow,
    Notification,
    NotificationKind,
    PartnerState,
)
from publications.models import ArticleOrganisation, ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(db):
    return UserFactory(verified=True)


@pytest.fixture
def follower_client(client, follower):
    client.force_login(follower)
    return client


@pytest.fixture
def mobility():
    return Theme.objects.get(slug="mobility", locale__language_code="en")


def _kinds(user):
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


# Following and unfollowing -----------------------------------------------------


class TestFollowButtons:
    def test_following_an_organisation_and_unfollowing_it(
        self, follower_client, follower
    ):
        organisation = OrganisationFactory(name="Gemeente Utrecht")
        url = reverse("projects:organisation_follow", args=[organisation.slug])
        response = follower_client.post(url, {"follow": "1"}, follow=True)
        assert response.redirect_chain[-1][0] == organisation.get_absolute_url()
        assert "You now follow Gemeente Utrecht." in response.text
        assert Follow.objects.get(user=follower).organisation == organisation
        follower_client.post(url, {"follow": "0"})
        assert not Follow.objects.filter(user=follower).exists()

    def test_following_an_initiative(self, follower_client, follower):
        initiative = InitiativeFactory()
        url = reverse("projects:initiative_follow", args=[initiative.slug])
        follower_client.post(url, {"follow": "1", "next": "/en/organisations/"})
        assert Follow.objects.get(user=follower).initiative == initiative
        follower_client.post(url, {"follow": "0"})
        assert not Follow.objects.exists()

    def test_following_a_theme_by_its_default_language_slug(
        self, follower_client, follower, mobility
    ):
        url = reverse("projects:theme_follow", args=["mobility"])
        response = follower_client.post(url, {"follow": "1", "next": "/nl/"})
        assert response.url == "/nl/"
        assert Follow.objects.get(user=follower).theme == mobility
        follower_client.post(url, {"follow": "0"})
        assert not Follow.objects.exists()

    def test_following_twice_follows_once(self, follower_client, follower):
        organisation = OrganisationFactory()
        url = reverse("projects:organisation_follow", args=[organisation.slug])
        follower_client.post(url, {"follow": "1"})
        follower_client.post(url, {"follow": "1"})
        assert Follow.objects.filter(user=follower).count() == 1

    def test_a_visitor_logs_in_and_comes_back_to_the_page(self, client):
        organisation = OrganisationFactory()
        url = reverse("projects:organisation_follow", args=[organisation.slug])
        response = client.post(url, {"follow": "1"})
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        assert organisation.get_absolute_url() in response.url
        assert not Follow.objects.exists()

    def test_only_post(self, follower_client):
        organisation = OrganisationFactory()
        url = reverse("projects:organisation_follow", args=[organisation.slug])
        assert follower_client.get(url).status_code == 405

    def test_the_post_needs_the_csrf_token(self, follower):
        client = Client(enforce_csrf_checks=True)
        client.force_login(follower)
        organisation = OrganisationFactory()
        url = reverse("projects:organisation_follow", args=[organisation.slug])
        assert client.post(url, {"follow": "1"}).status_code == 403
        assert not Follow.objects.exists()

    def test_what_is_not_public_cannot_be_followed(self, follower_client):
        pending = OrganisationFactory(status=ModerationStatus.PENDING)
        hidden = InitiativeFactory(status=ModerationStatus.PENDING)
        for url in (
            reverse("projects:organisation_follow", args=[pending.slug]),
            reverse("projects:initiative_follow", args=[hidden.slug]),
            reverse("projects:theme_follow", args=["no-such-theme"]),
        ):
            assert follower_client.post(url, {"follow": "1"}).status_code == 404
        assert not Follow.objects.exists()

    def test_the_next_address_must_be_on_this_site(self, follower_client):
        organisation = OrganisationFactory()
        url = reverse("projects:organisation_follow", args=[organisation.slug])
        response = follower_client.post(
            url, {"follow": "1", "next": "https://evil.example.org/"}
        )
        assert response.url == organisation.get_absolute_url()

    def test_the_organisation_page_offers_the_button(self, follower_client, follower):
        organisation = OrganisationFactory()
        html = follower_client.get(organisation.get_absolute_url()).text
        assert 'name="follow" value="1"' in html
        following.follow_create(user=follower, target=organisation)
        html = follower_client.get(organisation.get_absolute_url()).text
        assert "Unfollow" in html

    def test_the_theme_page_offers_the_button_in_each_language(self, client, demo_site):
        for path in ("/en/themes/mobility/", "/nl/themas/mobility/"):
            html = client.get(path).text
            assert reverse("projects:theme_follow", args=["mobility"]) in html


# What followers hear of --------------------------------------------------------


class TestInitiativeNotifications:
    def test_approval_notifies_followers_and_no_one_else(
        self, follower, initiative_moderator
    ):
        initiative = InitiativeFactory(status=ModerationStatus.PENDING)
        Follow.objects.create(user=follower, initiative=initiative)
        bystander = UserFactory()
        services.initiative_decide(
            initiative=initiative,
            moderator=initiative_moderator,
            action=ModerationAction.APPROVE,
        )
        assert _kinds(follower) == [NotificationKind.APPROVED]
        assert _kinds(bystander) == []

    def test_a_rejection_tells_followers_nothing(self, follower, initiative_moderator):
        initiative = InitiativeFactory(status=ModerationStatus.PENDING)
        Follow.objects.create(user=follower, initiative=initiative)
        services.initiative_decide(
            initiative=initiative,
            moderator=initiative_moderator,
            action=ModerationAction.REJECT,
            reason="Not an initiative.",
        )
        assert _kinds(follower) == []

    def test_an_update_of_a_public_initiative_notifies_once_a_day(
        self, follower, member, member_organisation
    ):
        initiative = InitiativeFactory(owner=member_organisation)
        Follow.objects.create(user=follower, initiative=initiative)
        Follow.objects.create(user=member, initiative=initiative)
        for summary in ("Now with sensors.", "Now with more sensors."):
            services.initiative_update(
                initiative=initiative, user=member, fields={"summary": summary}
            )
        assert _kinds(follower) == [NotificationKind.UPDATED]
        assert _kinds(member) == []  # who made the change knows

    def test_a_partner_confirming_notifies_the_followers(self, follower):
        partnership = InitiativePartnerFactory(state=PartnerState.INVITED)
        Follow.objects.create(user=follower, initiative=partnership.initiative)
        partner_member = MembershipFactory(organisation=partnership.organisation).user
        services.partner_answer(
            partnership=partnership, user=partner_member, accept=True
        )
        notification = Notification.objects.get(user=follower)
        assert notification.kind == NotificationKind.NEW_PARTNER
        assert notification.detail == partnership.organisation.name

    def test_a_partner_declining_notifies_no_one(self, follower):
        partnership = InitiativePartnerFactory(state=PartnerState.INVITED)
        Follow.objects.create(user=follower, initiative=partnership.initiative)
        partner_member = MembershipFactory(organisation=partnership.organisation).user
        services.partner_answer(
            partnership=partnership, user=partner_member, accept=False
        )
        assert _kinds(follower) == []

    def test_the_partners_followers_hear_that_it_joined(self, follower):
        partnership = InitiativePartnerFactory(
            state=PartnerState.INVITED, initiative__title="Smart street lights"
        )
        Follow.objects.create(user=follower, organisation=partnership.organisation)
        organisation = partnership.organisation
        partner_member = MembershipFactory(organisation=organisation).user
        Follow.objects.create(user=partner_member, organisation=organisation)
        services.partner_answer(
            partnership=partnership, user=partner_member, accept=True
        )
        notification = Notification.objects.get(user=follower)
        assert notification.kind == NotificationKind.JOINED_INITIATIVE
        assert notification.organisation == partnership.organisation
        with translation.override("en"):
            [entry] = following.notifications_described([notification])
        assert entry.text == (
            f"{partnership.organisation.name} has joined Smart street lights "
            "as a partner."
        )
        assert entry.url == partnership.initiative.get_absolute_url()
        assert _kinds(partner_member) == []  # who accepted knows

    def test_joining_an_initiative_that_is_not_public_is_nobodys_news(self, follower):
        partnership = InitiativePartnerFactory(
            state=PartnerState.INVITED, initiative__status=ModerationStatus.PENDING
        )
        Follow.objects.create(user=follower, organisation=partnership.organisation)
        partner_member = MembershipFactory(organisation=partnership.organisation).user
        services.partner_answer(
            partnership=partnership, user=partner_member, accept=True
        )
        assert _kinds(follower) == []


class TestOrganisationNotifications:
    def test_approval_notifies_the_followers(self, follower, moderator):
        organisation = OrganisationFactory(status=ModerationStatus.SUSPENDED)
        Follow.objects.create(user=follower, organisation=organisation)
        partner_services.organisation_decide(
            organisation=organisation,
            moderator=moderator,
            action=ModerationAction.APPROVE,
        )
        assert _kinds(follower) == [NotificationKind.APPROVED]

    def test_an_update_by_a_member_notifies_the_followers(self, follower):
        owner = UserFactory(verified=True)
        organisation = OrganisationFactory(owner=owner)
        Follow.objects.create(user=follower, organisation=organisation)
        partner_services.organisation_update(
            organisation=organisation, user=owner, fields={"description": "New."}
        )
        assert _kinds(follower) == [NotificationKind.UPDATED]

    def test_withdrawing_it_notifies_nobody(self, follower):
        owner = UserFactory(verified=True)
        organisation = OrganisationFactory(owner=owner)
        Follow.objects.create(user=follower, organisation=organisation)
        partner_services.organisation_withdraw(organisation=organisation, user=owner)
        assert _kinds(follower) == []


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Permission

    user = UserFactory(verified=True)
    user.user_permissions.add(
        Permission.objects.get(
            codename="moderate_organisation", content_type__app_label="partners"
        )
    )
    return user


class TestArticleNotifications:
    @pytest.fixture
    def article(self, demo_site):
        return ArticlePage.objects.get(
            slug="shared-mobility-the-norm", locale__language_code="en"
        )

    def test_an_article_naming_a_followed_organisation(self, follower, article):
        organisation = OrganisationFactory(name="Bike Collective")
        Follow.objects.create(user=follower, organisation=organisation)
        ArticleOrganisation.objects.create(page=article, organisation=organisation)
        article.save_revision().publish()
        notification = Notification.objects.get(user=follower)
        assert notification.kind == NotificationKind.NEW_ARTICLE
        assert notification.detail == article.title
        assert notification.url == article.url

    def test_publishing_it_again_or_its_translation_tells_nothing_new(
        self, follower, article
    ):
        organisation = OrganisationFactory()
        Follow.objects.create(user=follower, organisation=organisation)
        ArticleOrganisation.objects.create(page=article, organisation=organisation)
        article.save_revision().publish()
        Notification.objects.update(day=timezone.localdate() - timedelta(days=1))
        article.save_revision().publish()
        dutch = article.get_translations().get()
        ArticleOrganisation.objects.create(page=dutch, organisation=organisation)
        dutch.specific.save_revision().publish()
        assert Notification.objects.filter(user=follower).count() == 1

    def test_an_article_on_a_followed_theme(self, follower, article, mobility):
        Follow.objects.create(user=follower, theme=mobility)
        article.themes.add(mobility)
        article.save_revision().publish()
        notification = Notification.objects.get(user=follower)
        assert notification.theme == mobility
        assert notification.kind == NotificationKind.NEW_ARTICLE

    def test_an_article_about_something_else_tells_nothing(self, follower, article):
        Follow.objects.create(user=follower, organisation=OrganisationFactory())
        article.save_revision().publish()
        assert _kinds(follower) == []


# The following page --------------------------------------------------------------


def _notify(user, count: int, start: int = 0):
    """``count`` notifications about targets of each kind, days apart."""
    theme = Theme.objects.get(slug="mobility", locale__language_code="en")
    for number in range(start, start + count):
        target = {
            0: {"organisation": OrganisationFactory()},
            1: {"initiative": InitiativeFactory()},
            2: {"theme": theme},
        }[number % 3]
        Notification.objects.create(
            user=user,
            kind=NotificationKind.NEW_ARTICLE,
            detail=f"Article {number}",
            url="/en/news/",
            day=timezone.localdate() - timedelta(days=number),
            **target,
        )
        Follow.objects.get_or_create(user=user, **target)


class TestMyFollowingPage:
    url = reverse("projects:my_following")

    def test_it_needs_a_login(self, client):
        response = client.get(self.url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_it_lists_what_i_follow_and_what_happened(
        self, follower_client, follower, demo_site
    ):
        organisation = OrganisationFactory(name="Gemeente Utrecht")
        following.follow_create(user=follower, target=organisation)
        following.notifications_record(
            target=organisation, kind=NotificationKind.UPDATED
        )
        html = follower_client.get(self.url).text
        assert "Gemeente Utrecht has been updated." in html
        assert "New:" in html
        assert f'action="/en/organisations/{organisation.slug}/follow/"' in html

    def test_it_reads_in_dutch(self, follower, demo_site):
        client = Client()
        client.force_login(follower)
        following.follow_create(user=follower, target=OrganisationFactory(name="VNG2"))
        following.notifications_record(
            target=Follow.objects.get().target, kind=NotificationKind.UPDATED
        )
        html = client.get("/nl/my/following/").text
        assert "VNG2 is bijgewerkt." in html

    def test_mark_all_as_read(self, follower_client, follower, demo_site):
        _notify(follower, 3)
        follower_client.post(reverse("projects:notifications_read"))
        assert not Notification.objects.filter(read_at__isnull=True).exists()
        assert "New:" not in follower_client.get(self.url).text

    def test_the_header_counts_the_unread(self, follower_client, follower, demo_site):
        _notify(follower, 3)
        html = follower_client.get("/en/").text
        assert '<span class="hub-unread-count">3<' in html

    def test_choosing_a_weekly_digest(self, follower_client, follower):
        url = reverse("projects:digest_preference")
        follower_client.post(url, {"digest": "weekly"})
        assert following.preferences_of(user=follower).digest == "weekly"

    def test_a_wrong_choice_is_explained(self, follower_client):
        url = reverse("projects:digest_preference")
        response = follower_client.post(url, {"digest": "hourly"})
        assert response.status_code == 400
        assert "Please choose daily, weekly or never." in response.text

    def test_query_count_does_not_grow_with_the_notifications(
        self, follower, demo_site, django_assert_max_num_queries
    ):
        client = Client()
        client.force_login(follower)
        _notify(follower, 3)
        client.get(self.url)
        with django_assert_max_num_queries(30) as few:  # 26 measured
            client.get(self.url)
        _notify(follower, 12, start=3)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert client.get(self.url).status_code == 200


# Digests -------------------------------------------------------------------------


@pytest.fixture
def published():
    """The tasks sent to the broker during the test, as (name, args)."""
    sent = []

    def record(sender=None, body=None, **kwargs):
        sent.append((sender, tuple(body[0])))

    before_task_publish.connect(record, weak=False)
    yield sent
    before_task_publish.disconnect(record)


def _digest_user(digest=DigestFrequency.DAILY, language="en", notifications=2):
    user = UserFactory(verified=True, language=language)
    following.digest_set(user=user, digest=digest)
    for number in range(notifications):
        organisation = OrganisationFactory(name=f"Organisation {user.pk}-{number}")
        Follow.objects.create(user=user, organisation=organisation)
        following.notifications_record(
            target=organisation, kind=NotificationKind.UPDATED
        )
    return user


class TestDigests:
    def test_a_daily_user_gets_one_email_with_all_their_notifications(self):
        user = _digest_user(notifications=3)
        assert following.digest_send(user_id=user.pk)
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [user.email]
        assert "3 updates on what you follow" in message.subject
        for number in range(3):
            assert f"Organisation {user.pk}-{number} has been updated." in message.body
        assert not Notification.objects.filter(emailed_at__isnull=True).exists()

    def test_a_long_digest_lists_the_newest_thirty_and_counts_the_rest(self):
        user = _digest_user(notifications=35)
        assert following.digest_send(user_id=user.pk)
        message = mail.outbox[0]
        assert "35 updates on what you follow" in message.subject
        assert message.body.count(" has been updated.") == 30
        assert f"Organisation {user.pk}-34 has been updated." in message.body
        assert f"Organisation {user.pk}-0 has been updated." not in message.body
        assert "… and 5 more, on your following page." in message.body
        assert not Notification.objects.filter(emailed_at__isnull=True).exists()

    def test_a_daily_user_is_due_again_a_day_later(self):
        user = _digest_user()
        sent_at = timezone.now()
        following.digest_send(user_id=user.pk, now=sent_at)
        _notify_again(user)
        assert following.digest_due_users(now=sent_at + timedelta(hours=12)) == []
        assert following.digest_due_users(now=sent_at + timedelta(days=1)) == [user.pk]

    def test_a_weekly_user_not_before_a_week(self):
        user = _digest_user(DigestFrequency.WEEKLY)
        sent_at = timezone.now()
        assert following.digest_send(user_id=user.pk, now=sent_at)
        _notify_again(user)
        six_days = sent_at + timedelta(days=6)
        assert following.digest_due_users(now=six_days) == []
        assert not following.digest_send(user_id=user.pk, now=six_days)
        a_week = sent_at + timedelta(days=7)
        assert following.digest_due_users(now=a_week) == [user.pk]
        assert following.digest_send(user_id=user.pk, now=a_week)
        assert len(mail.outbox) == 2

    def test_someone_who_never_chose_gets_a_daily_digest(self):
        user = _digest_user(notifications=1)
        user.following_preferences.delete()
        assert following.digest_due_users() == [user.pk]

    def test_never_means_no_email(self):
        user = _digest_user(DigestFrequency.NEVER)
        assert following.digest_due_users() == []
        assert not following.digest_send(user_id=user.pk)
        assert mail.outbox == []
        assert Notification.objects.filter(user=user, emailed_at=None).count() == 2

    def test_no_notifications_no_email(self):
        user = _digest_user(notifications=0)
        assert following.digest_due_users() == []
        assert not following.digest_send(user_id=user.pk)
        assert mail.outbox == []

    def test_a_retried_task_sends_nothing_twice(self):
        user = _digest_user()
        tasks.send_digest.run(user.pk)
        tasks.send_digest.run(user.pk)
        assert len(mail.outbox) == 1

    def test_the_hourly_task_enqueues_a_digest_for_each_due_user(self, published):
        due = _digest_user()
        _digest_user(DigestFrequency.NEVER)
        tasks.send_digests.run()
        assert published == [(tasks.send_digest.name, (due.pk,))]

    def test_the_email_is_in_the_users_language(self):
        user = _digest_user(language="nl", notifications=1)
        following.digest_send(user_id=user.pk)
        message = mail.outbox[0]
        assert "1 nieuwtje over wat u volgt" in message.subject
        assert f"Organisation {user.pk}-0 is bijgewerkt." in message.body


def _notify_again(user):
    organisation = OrganisationFactory()
    Follow.objects.create(user=user, organisation=organisation)
    following.notifications_record(target=organisation, kind=NotificationKind.UPDATED)


def test_the_data_download_holds_what_i_follow(follower_client, follower):
    organisation = OrganisationFactory(name="Gemeente Utrecht")
    following.follow_create(user=follower, target=organisation)
    following.notifications_record(target=organisation, kind=NotificationKind.UPDATED)
    data = follower_client.get(reverse("account_data_download")).json()
    assert data["following"]["follows"][0]["following"] == "Gemeente Utrecht"
    assert data["following"]["notifications"][0]["kind"] == "updated"
