import json

import pytest
from allauth.account.models import EmailAddress

from hub.factories import UserFactory
from hub.models import User
from partners.factories import (
    JoinRequestFactory,
    MembershipFactory,
    OrganisationFactory,
)
from partners.models import (
    JoinRequest,
    JoinRequestState,
    MemberRole,
    Membership,
    ModerationAction,
    Organisation,
    OrganisationDecision,
)
from publications.models import ArticleComment, ArticlePage, CommentFlag, CommentStatus

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-test-passphrase"
PRIVACY_URL = "/en/account/privacy/"
DOWNLOAD_URL = "/en/account/privacy/download/"
DELETE_URL = "/en/account/delete/"


@pytest.fixture
def article(demo_site):
    return ArticlePage.objects.get(slug="shared-mobility-the-norm")


@pytest.fixture
def person(client):
    user = UserFactory(
        verified=True,
        email="petra.person@example.org",
        first_name="Petra",
        language="nl",
    )
    client.force_login(user)
    return user


def _comment(article, author, body, status=CommentStatus.PUBLISHED):
    return ArticleComment.objects.create(
        article=article, author=author, body=body, status=status
    )


def _download(client) -> dict:
    response = client.get(DOWNLOAD_URL)
    assert response.status_code == 200
    return json.loads(response.content.decode("utf-8"))


class TestSignInRequired:
    @pytest.mark.parametrize("url", [PRIVACY_URL, DOWNLOAD_URL, DELETE_URL])
    def test_anonymous_visitor_is_sent_to_log_in_and_back(self, client, url):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/en/accounts/login/?next={url}"

    def test_anonymous_post_deletes_nothing(self, client):
        UserFactory(verified=True)
        response = client.post(DELETE_URL, {"password": PASSWORD})
        assert response.status_code == 302
        assert User.objects.count() == 1


class TestPrivacyPage:
    def test_offers_the_download_and_the_deletion(self, client, person):
        response = client.get(PRIVACY_URL)
        assert response.status_code == 200
        assert 'href="/en/account/privacy/download/"' in response.text
        assert 'href="/en/account/delete/"' in response.text
        assert "no-store" in response["Cache-Control"]

    def test_is_linked_from_the_footer_for_signed_in_people_only(
        self, client, demo_site
    ):
        link = 'href="/nl/account/privacy/"'
        assert link not in client.get("/nl/").text
        client.force_login(UserFactory(verified=True))
        assert link in client.get("/nl/").text

    @pytest.mark.parametrize("path", ["email/", "password/change/"])
    def test_is_linked_from_the_account_pages(self, client, person, path):
        text = client.get(f"/en/accounts/{path}").text
        navigation = text[text.index('class="hub-account-nav"') :]
        assert 'href="/en/account/privacy/"' in navigation.partition("</nav>")[0]


class TestDownload:
    def test_is_a_json_attachment_that_is_not_cached(self, client, person):
        response = client.get(DOWNLOAD_URL)
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response["Content-Disposition"] == (
            'attachment; filename="smart-cities-hub-my-data.json"'
        )
        assert "no-store" in response["Cache-Control"]

    def test_holds_the_account(self, client, person):
        EmailAddress.objects.create(user=person, email="petra@elsewhere.example")
        account = _download(client)["account"]
        assert account["first_name"] == "Petra"
        assert account["language"] == "nl"
        assert account["date_joined"]
        assert {address["email"] for address in account["email_addresses"]} == {
            "petra.person@example.org",
            "petra@elsewhere.example",
        }

    def test_holds_memberships_join_requests_and_organisations(self, client, person):
        MembershipFactory(
            user=person,
            organisation=OrganisationFactory(name="Gemeente Zwolle"),
            role=MemberRole.OWNER,
            shown_publicly=True,
        )
        JoinRequestFactory(
            user=person,
            organisation=OrganisationFactory(name="Ons Dorp Energie"),
            message="We also run a heat network, in Kampen.",
        )
        registry = _download(client)["partners"]
        assert registry["memberships"] == [
            {
                "organisation": "Gemeente Zwolle",
                "organisation_slug": registry["memberships"][0]["organisation_slug"],
                "role": "owner",
                "shown_publicly": True,
                "member_since": registry["memberships"][0]["member_since"],
            }
        ]
        [join_request] = registry["join_requests"]
        assert join_request["organisation"] == "Ons Dorp Energie"
        assert join_request["message"] == "We also run a heat network, in Kampen."
        assert join_request["state"] == JoinRequestState.REQUESTED
        assert [org["name"] for org in registry["organisations"]] == ["Gemeente Zwolle"]

    def test_holds_comments_and_reported_comments(self, client, person, article):
        _comment(article, person, "Bike sharing halved car trips in Houten.")
        someone_else = _comment(article, UserFactory(), "Cars are here to stay.")
        CommentFlag.objects.create(
            comment=someone_else, flagged_by=person, reason="Off topic."
        )
        publications = _download(client)["publications"]
        [comment] = publications["comments"]
        assert comment["comment"] == "Bike sharing halved car trips in Houten."
        assert comment["article"] == article.title
        assert comment["article_url"].endswith(article.url)
        assert comment["status"] == CommentStatus.PUBLISHED
        [flag] = publications["reported_comments"]
        assert flag["reason"] == "Off topic."

    def test_holds_nothing_of_other_people(self, client, person, article):
        other = UserFactory(verified=True, email="otto.other@example.org")
        organisation = OrganisationFactory(owner=person)
        MembershipFactory(user=other, organisation=organisation)
        JoinRequestFactory(user=other, message="Otto's own words.")
        reported = _comment(article, other, "Otto's comment.")
        CommentFlag.objects.create(comment=reported, flagged_by=person)
        CommentFlag.objects.create(
            comment=_comment(article, person, "Mine."), flagged_by=other
        )
        data = client.get(DOWNLOAD_URL).content.decode("utf-8")
        assert "otto" not in data.lower()
        assert len(json.loads(data)["partners"]["memberships"]) == 1

    def test_queries_do_not_grow_with_the_amount_of_data(
        self, client, person, article, django_assert_max_num_queries
    ):
        def add_some():
            MembershipFactory(user=person)
            JoinRequestFactory(user=person)
            _comment(article, person, "Another thought.")

        add_some()
        with django_assert_max_num_queries(25) as few:
            client.get(DOWNLOAD_URL)
        for _ in range(5):
            add_some()
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(DOWNLOAD_URL)


class TestDelete:
    def test_confirm_page_asks_for_the_password_and_says_what_goes(
        self, client, person
    ):
        response = client.get(DELETE_URL)
        assert response.status_code == 200
        assert 'name="password"' in response.text
        assert "Your comments on articles: they disappear" in response.text

    def test_wrong_password_is_refused_and_nothing_is_deleted(
        self, client, person, article
    ):
        _comment(article, person, "Still here.")
        response = client.post(DELETE_URL, {"password": "not my password"})
        assert response.status_code == 200
        assert "That is not your password. Please type it again." in response.text
        assert User.objects.filter(pk=person.pk).exists()
        assert ArticleComment.objects.filter(author=person).exists()
        assert int(client.session["_auth_user_id"]) == person.pk

    def test_only_owner_of_an_organisation_with_members_must_hand_over_first(
        self, client, person
    ):
        organisation = OrganisationFactory(name="Gemeente Deventer", owner=person)
        MembershipFactory(organisation=organisation)
        response = client.post(DELETE_URL, {"password": PASSWORD})
        assert response.status_code == 200
        assert "You are the only owner of Gemeente Deventer." in response.text
        members_url = f"/en/organisations/{organisation.slug}/members/"
        assert f'href="{members_url}"' in response.text
        assert 'name="password"' not in response.text
        assert User.objects.filter(pk=person.pk).exists()

    def test_only_member_of_an_organisation_must_withdraw_it_first(
        self, client, person
    ):
        organisation = OrganisationFactory(name="Buurtcoöperatie Oost", owner=person)
        response = client.get(DELETE_URL)
        assert "You are the only member of Buurtcoöperatie Oost." in response.text
        withdraw_url = f"/en/organisations/{organisation.slug}/withdraw/"
        assert f'href="{withdraw_url}"' in response.text

    def test_owner_alongside_another_owner_is_not_blocked(self, client, person):
        organisation = OrganisationFactory(owner=person)
        MembershipFactory(organisation=organisation, role=MemberRole.OWNER)
        response = client.get(DELETE_URL)
        assert "You are the only" not in response.text
        assert 'name="password"' in response.text

    def test_after_handing_over_ownership_the_account_is_deleted(
        self, client, person, article
    ):
        organisation = OrganisationFactory(owner=person)
        colleague = MembershipFactory(organisation=organisation)
        _comment(article, person, "Going, going, gone.")
        JoinRequestFactory(user=person)
        client.post(DELETE_URL, {"password": PASSWORD})
        assert User.objects.filter(pk=person.pk).exists()

        colleague.role = MemberRole.OWNER
        colleague.save()
        response = client.post(DELETE_URL, {"password": PASSWORD})

        assert response.status_code == 302
        assert not User.objects.filter(pk=person.pk).exists()
        assert not ArticleComment.objects.filter(body="Going, going, gone.").exists()
        assert not Membership.objects.filter(user_id=person.pk).exists()
        assert not JoinRequest.objects.filter(user_id=person.pk).exists()
        assert not EmailAddress.objects.filter(user_id=person.pk).exists()
        assert list(organisation.memberships.values_list("user", flat=True)) == [
            colleague.user_id
        ]

    def test_deleted_person_is_logged_out_and_sent_home_with_a_message(
        self, client, person
    ):
        response = client.post(DELETE_URL, {"password": PASSWORD}, follow=True)
        assert response.redirect_chain == [("/en/", 302)]
        assert "_auth_user_id" not in client.session
        assert "Your account has been deleted." in response.text
        assert client.get(PRIVACY_URL).status_code == 302

    def test_dutch_deletion_goes_to_the_dutch_home_page(self, client, person):
        response = client.post("/nl/account/delete/", {"password": PASSWORD})
        assert response["Location"] == "/nl/"

    def test_decisions_they_took_stay_without_their_name(self, client, person):
        organisation = OrganisationFactory()
        OrganisationDecision.objects.create(
            organisation=organisation,
            action=ModerationAction.APPROVE,
            decided_by=person,
        )
        answered = JoinRequestFactory(
            organisation=organisation,
            state=JoinRequestState.DECLINED,
            decided_by=person,
        )
        client.post(DELETE_URL, {"password": PASSWORD})
        decision = OrganisationDecision.objects.get(organisation=organisation)
        assert decision.decided_by is None
        answered.refresh_from_db()
        assert answered.decided_by is None
        assert Organisation.objects.filter(pk=organisation.pk).exists()


class TestPrivacyStatement:
    @pytest.mark.parametrize("language", ["en", "nl"])
    def test_says_how_to_download_and_delete_and_credits_cordis(
        self, client, demo_site, language
    ):
        text = client.get(f"/{language}/privacy/").text
        assert f'href="/{language}/account/privacy/"' in text
        assert "CC BY 4.0" in text
