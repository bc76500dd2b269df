import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hub.factories import UserFactory
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
    ModerationStatus,
)

pytestmark = pytest.mark.django_db

DASHBOARD_URL = "/en/my/organisations/"


@pytest.fixture
def owner(db):
    return UserFactory(verified=True, first_name="Olga", last_name="Owner")


@pytest.fixture
def organisation(owner):
    return OrganisationFactory(owner=owner, name="Gemeente Delft", slug="delft")


@pytest.fixture
def editor(organisation):
    return MembershipFactory(
        organisation=organisation,
        user__first_name="Eddy",
        user__last_name="Editor",
        user__email="eddy@example.org",
    ).user


@pytest.fixture
def outsider(db):
    return UserFactory(verified=True, first_name="Otto", last_name="Outsider")


def join_url(organisation) -> str:
    return f"/en/organisations/{organisation.slug}/join/"


def members_url(organisation) -> str:
    return f"/en/organisations/{organisation.slug}/members/"


def membership_url(membership) -> str:
    return f"/en/organisations/{membership.organisation.slug}/members/{membership.pk}/"


def answer_url(join_request) -> str:
    slug = join_request.organisation.slug
    return f"/en/organisations/{slug}/requests/{join_request.pk}/"


def membership_of(user, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


class TestJoin:
    def test_anonymous_visitors_are_asked_to_log_in(self, client, organisation):
        response = client.get(join_url(organisation))
        assert response["Location"] == (
            f"/en/accounts/login/?next={join_url(organisation)}"
        )

    def test_a_user_asks_to_join_with_a_message(self, client, organisation, outsider):
        client.force_login(outsider)
        assert "Message to the owners" in client.get(join_url(organisation)).text
        response = client.post(
            join_url(organisation), {"message": "I run the lighting pilot."}
        )
        assert response["Location"] == DASHBOARD_URL
        join_request = JoinRequest.objects.get()
        assert (join_request.user, join_request.message) == (
            outsider,
            "I run the lighting pilot.",
        )
        page = client.get(DASHBOARD_URL).text
        assert "Your request to join Gemeente Delft has been sent." in page
        assert "Your requests to join" in page

    def test_asking_twice_is_explained(self, client, organisation, outsider):
        JoinRequestFactory(organisation=organisation, user=outsider)
        client.force_login(outsider)
        assert (
            "You have already asked to join" in client.get(join_url(organisation)).text
        )
        client.post(join_url(organisation), {"message": ""})
        assert JoinRequest.objects.count() == 1
        page = client.get(DASHBOARD_URL).text
        assert "You have already asked to join; the owners will answer soon." in page

    def test_members_are_told_they_are_members(self, client, organisation, editor):
        client.force_login(editor)
        page = client.get(join_url(organisation)).text
        assert "You are already a member of this organisation." in page
        client.post(join_url(organisation), {"message": ""})
        assert not JoinRequest.objects.exists()
        assert "You are already a member" in client.get(DASHBOARD_URL).text

    def test_organisations_under_review_cannot_be_found_by_others(
        self, client, outsider
    ):
        pending = OrganisationFactory(status=ModerationStatus.PENDING)
        client.force_login(outsider)
        assert client.get(join_url(pending)).status_code == 404
        assert client.post(join_url(pending)).status_code == 404

    def test_too_long_a_message_is_refused_and_kept(
        self, client, organisation, outsider
    ):
        client.force_login(outsider)
        response = client.post(join_url(organisation), {"message": "Hello " * 200})
        assert response.status_code == 200
        assert "at most 1000 characters" in response.text
        assert "Hello Hello" in response.text
        assert not JoinRequest.objects.exists()


class TestMembersPage:
    def test_anonymous_visitors_are_asked_to_log_in(self, client, organisation):
        response = client.get(members_url(organisation))
        assert response["Location"].startswith("/en/accounts/login/?next=")

    def test_owners_see_addresses_and_requests_to_answer(
        self, client, organisation, owner, editor
    ):
        JoinRequestFactory(
            organisation=organisation,
            user__email="newcomer@example.org",
            message="Let me in, please.",
        )
        client.force_login(owner)
        page = client.get(members_url(organisation)).text
        assert "eddy@example.org" in page
        assert "Eddy Editor" in page
        assert "newcomer@example.org" in page
        assert "Let me in, please." in page
        assert 'value="accept"' in page
        assert "Make owner" in page

    def test_editors_see_the_members_without_addresses_or_buttons(
        self, client, organisation, owner, editor
    ):
        JoinRequestFactory(organisation=organisation, message="Let me in, please.")
        client.force_login(editor)
        page = client.get(members_url(organisation)).text
        assert "Olga Owner" in page
        assert owner.email not in page
        assert "Let me in, please." not in page
        assert "Make owner" not in page
        assert "Leave the organisation" in page
        assert "Show my name" in page

    def test_others_get_403_for_a_public_organisation(
        self, client, organisation, outsider
    ):
        client.force_login(outsider)
        assert client.get(members_url(organisation)).status_code == 403

    def test_others_get_404_for_a_private_organisation(self, client, outsider):
        pending = OrganisationFactory(status=ModerationStatus.PENDING)
        client.force_login(outsider)
        assert client.get(members_url(pending)).status_code == 404

    def test_queries_do_not_grow_with_the_number_of_members(
        self, client, organisation, owner, django_assert_max_num_queries
    ):
        client.force_login(owner)
        JoinRequestFactory(organisation=organisation)
        client.get(members_url(organisation))
        with CaptureQueriesContext(connection) as few:
            client.get(members_url(organisation))
        MembershipFactory.create_batch(12, organisation=organisation)
        JoinRequestFactory.create_batch(6, organisation=organisation)
        with django_assert_max_num_queries(len(few)):
            response = client.get(members_url(organisation))
        assert response.text.count("Make owner") == 12


class TestMembershipUpdate:
    def test_it_takes_only_posts(self, client, organisation, owner, editor):
        client.force_login(owner)
        url = membership_url(membership_of(editor, organisation))
        assert client.get(url).status_code == 405

    def test_it_needs_the_csrf_token(self, organisation, owner, editor):
        client = Client(enforce_csrf_checks=True)
        client.force_login(owner)
        membership = membership_of(editor, organisation)
        response = client.post(
            membership_url(membership), {"action": "role", "role": "owner"}
        )
        assert response.status_code == 403
        membership.refresh_from_db()
        assert membership.role == MemberRole.EDITOR

    def test_anonymous_visitors_log_in_and_land_on_the_members_page(
        self, client, organisation, editor
    ):
        response = client.post(
            membership_url(membership_of(editor, organisation)), {"action": "remove"}
        )
        assert response["Location"] == (
            f"/en/accounts/login/?next={members_url(organisation)}"
        )

    def test_an_owner_makes_an_editor_owner(self, client, organisation, owner, editor):
        client.force_login(owner)
        membership = membership_of(editor, organisation)
        response = client.post(
            membership_url(membership), {"action": "role", "role": "owner"}
        )
        assert response["Location"] == members_url(organisation)
        membership.refresh_from_db()
        assert membership.role == MemberRole.OWNER
        assert "Eddy Editor is now an owner." in client.get(response["Location"]).text

    def test_the_last_owner_cannot_step_down(self, client, organisation, owner):
        client.force_login(owner)
        membership = membership_of(owner, organisation)
        client.post(membership_url(membership), {"action": "role", "role": "editor"})
        membership.refresh_from_db()
        assert membership.role == MemberRole.OWNER
        page = client.get(members_url(organisation)).text
        assert "An organisation needs at least one owner." in page

    def test_the_last_owner_cannot_leave(self, client, organisation, owner):
        client.force_login(owner)
        client.post(
            membership_url(membership_of(owner, organisation)), {"action": "remove"}
        )
        assert Membership.objects.filter(user=owner).exists()
        page = client.get(members_url(organisation)).text
        assert "Make another member owner first." in page

    def test_an_owner_removes_a_member(self, client, organisation, owner, editor):
        client.force_login(owner)
        client.post(
            membership_url(membership_of(editor, organisation)), {"action": "remove"}
        )
        assert not Membership.objects.filter(user=editor).exists()
        page = client.get(members_url(organisation)).text
        assert "Eddy Editor is no longer a member of Gemeente Delft." in page

    def test_editors_may_not_change_roles_or_remove_others(
        self, client, organisation, owner, editor
    ):
        client.force_login(editor)
        owner_membership = membership_of(owner, organisation)
        own = membership_of(editor, organisation)
        url = membership_url(own)
        assert client.post(url, {"action": "role", "role": "owner"}).status_code == 403
        response = client.post(membership_url(owner_membership), {"action": "remove"})
        assert response.status_code == 403
        own.refresh_from_db()
        assert own.role == MemberRole.EDITOR
        assert Membership.objects.filter(pk=owner_membership.pk).exists()

    def test_an_editor_leaves(self, client, organisation, editor):
        client.force_login(editor)
        response = client.post(
            membership_url(membership_of(editor, organisation)), {"action": "remove"}
        )
        assert response["Location"] == DASHBOARD_URL
        assert not Membership.objects.filter(user=editor).exists()
        assert "You have left Gemeente Delft." in client.get(DASHBOARD_URL).text

    def test_a_member_shows_and_hides_their_own_name(
        self, client, organisation, editor
    ):
        client.force_login(editor)
        membership = membership_of(editor, organisation)
        client.post(
            membership_url(membership),
            {"action": "visibility", "shown_publicly": "on"},
        )
        membership.refresh_from_db()
        assert membership.shown_publicly
        assert "Your name is now shown" in client.get(members_url(organisation)).text
        client.post(membership_url(membership), {"action": "visibility"})
        membership.refresh_from_db()
        assert not membership.shown_publicly

    def test_nobody_shows_someone_elses_name(self, client, organisation, owner, editor):
        client.force_login(owner)
        membership = membership_of(editor, organisation)
        response = client.post(
            membership_url(membership),
            {"action": "visibility", "shown_publicly": "on"},
        )
        assert response.status_code == 403
        membership.refresh_from_db()
        assert not membership.shown_publicly

    def test_outsiders_get_403_or_404(self, client, organisation, editor, outsider):
        client.force_login(outsider)
        url = membership_url(membership_of(editor, organisation))
        assert client.post(url, {"action": "remove"}).status_code == 403
        pending = MembershipFactory(
            organisation=OrganisationFactory(status=ModerationStatus.PENDING)
        )
        assert client.post(
            membership_url(pending), {"action": "remove"}
        ).status_code == (404)

    def test_a_malformed_request_changes_nothing(
        self, client, organisation, owner, editor
    ):
        client.force_login(owner)
        membership = membership_of(editor, organisation)
        client.post(membership_url(membership), {"action": "promote"})
        assert membership_of(editor, organisation).role == MemberRole.EDITOR
        page = client.get(members_url(organisation)).text
        assert "That change could not be made. Please try again." in page


class TestJoinRequestAnswer:
    def test_an_owner_accepts_and_the_user_becomes_an_editor(
        self, client, organisation, owner, outsider
    ):
        join_request = JoinRequestFactory(organisation=organisation, user=outsider)
        client.force_login(owner)
        response = client.post(answer_url(join_request), {"answer": "accept"})
        assert response["Location"] == members_url(organisation)
        assert membership_of(outsider, organisation).role == MemberRole.EDITOR
        page = client.get(members_url(organisation)).text
        assert "Otto Outsider is now a member, as an editor." in page

    def test_an_owner_declines(self, client, organisation, owner, outsider):
        join_request = JoinRequestFactory(organisation=organisation, user=outsider)
        client.force_login(owner)
        client.post(answer_url(join_request), {"answer": "decline"})
        join_request.refresh_from_db()
        assert join_request.state == JoinRequestState.DECLINED
        assert not Membership.objects.filter(user=outsider).exists()
        page = client.get(members_url(organisation)).text
        assert "You declined the request of Otto Outsider." in page

    def test_an_answered_request_stays_answered(
        self, client, organisation, owner, outsider
    ):
        join_request = JoinRequestFactory(
            organisation=organisation,
            user=outsider,
            state=JoinRequestState.DECLINED,
        )
        client.force_login(owner)
        client.post(answer_url(join_request), {"answer": "accept"})
        assert not Membership.objects.filter(user=outsider).exists()
        page = client.get(members_url(organisation)).text
        assert "This request has already been answered." in page

    def test_editors_may_not_answer(self, client, organisation, editor, outsider):
        join_request = JoinRequestFactory(organisation=organisation, user=outsider)
        client.force_login(editor)
        response = client.post(answer_url(join_request), {"answer": "accept"})
        assert response.status_code == 403
        join_request.refresh_from_db()
        assert join_request.state == JoinRequestState.REQUESTED

    def test_it_takes_only_posts(self, client, organisation, owner):
        client.force_login(owner)
        join_request = JoinRequestFactory(organisation=organisation)
        assert client.get(answer_url(join_request)).status_code == 405
