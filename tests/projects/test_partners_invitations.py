"""Inviting partner organisations to an initiative, and their answer: they
are named only once one of their members confirms."""

import pytest

from hub.factories import UserFactory
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus
from projects import selectors, tasks
from projects.factories import InitiativeFactory, InitiativePartnerFactory
from projects.models import InitiativePartner, PartnerState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_initiatives")]

DASHBOARD_URL = "/en/my/initiatives/"
INVITE = 'Invite<span class="hub-visually-hidden">'


def partners_url(initiative) -> str:
    return f"/en/initiatives/{initiative.slug}/partners/"


@pytest.fixture
def initiative(member_organisation):
    return InitiativeFactory(
        owner=member_organisation, slug="lights", title="Smart lighting"
    )


@pytest.fixture
def partner_owner(db):
    return UserFactory(verified=True, language="nl")


@pytest.fixture
def tue(partner_owner):
    return OrganisationFactory(owner=partner_owner, name="Lumen Lab Eindhoven")


class TestInviting:
    def test_the_owners_find_approved_organisations_by_name(
        self, client, member, initiative, tue
    ):
        OrganisationFactory(
            name="Eindhoven Pending Institute", status=ModerationStatus.PENDING
        )
        client.force_login(member)
        page = client.get(partners_url(initiative), {"q": "Eindhoven"}).text
        assert "Lumen Lab Eindhoven" in page
        assert "Eindhoven Pending Institute" not in page
        # The owner itself is not offered.
        assert 'Invite<span class="hub-visually-hidden"> Gemeente Eindhoven' not in page

    def test_a_search_that_finds_nothing_says_so(self, client, member, initiative):
        client.force_login(member)
        page = client.get(partners_url(initiative), {"q": "Nowhere at all"}).text
        assert "No approved organisation that you can invite matches" in page

    def test_inviting_lists_the_invitation_awaiting_confirmation(
        self, client, member, initiative, tue, django_capture_on_commit_callbacks
    ):
        client.force_login(member)
        with django_capture_on_commit_callbacks() as callbacks:
            response = client.post(
                partners_url(initiative),
                {"organisation": tue.pk, "role": "Measures the light"},
                follow=True,
            )
        assert len(callbacks) == 1  # the e-mail goes by a task, after commit
        partnership = InitiativePartner.objects.get()
        assert (partnership.organisation, partnership.state) == (
            tue,
            PartnerState.INVITED,
        )
        assert partnership.role == "Measures the light"
        assert "has been invited" in response.text
        assert "Invited, awaiting confirmation" in response.text
        assert not selectors.partners_confirmed(initiative=initiative).exists()
        # Already invited: no longer offered.
        page = client.get(partners_url(initiative), {"q": "Eindhoven"}).text
        assert f"{INVITE} Lumen Lab" not in page

    def test_an_organisation_not_approved_cannot_be_invited(
        self, client, member, initiative
    ):
        pending = OrganisationFactory(status=ModerationStatus.PENDING)
        client.force_login(member)
        response = client.post(
            partners_url(initiative), {"organisation": pending.pk}, follow=True
        )
        assert "Only another approved organisation can be invited" in response.text
        assert not InitiativePartner.objects.exists()

    def test_the_invitation_is_mailed_in_the_recipients_language(
        self, client, member, initiative, tue, mailoutbox
    ):
        client.force_login(member)
        client.post(partners_url(initiative), {"organisation": tue.pk})
        tasks.notify_partner_invitation(InitiativePartner.objects.get().pk)
        tasks.notify_partner_invitation(InitiativePartner.objects.get().pk)
        assert len(mailoutbox) == 1  # once, however often the task runs
        message = mailoutbox[0]
        assert message.to == [tue.memberships.get().user.email]
        assert message.subject == "Uitnodiging om partner te worden in Smart lighting"
        assert "/nl/my/initiatives/" in message.body

    def test_the_owners_remove_a_partner(self, client, member, initiative, tue):
        partnership = InitiativePartnerFactory(initiative=initiative, organisation=tue)
        client.force_login(member)
        response = client.post(
            f"{partners_url(initiative)}{partnership.pk}/remove/", follow=True
        )
        assert not InitiativePartner.objects.exists()
        assert "is no longer a partner of Smart lighting" in response.text


class TestAnswering:
    @pytest.fixture
    def invitation(self, initiative, tue):
        return InitiativePartnerFactory(
            initiative=initiative, organisation=tue, state=PartnerState.INVITED
        )

    def test_the_invited_organisation_sees_the_invitation_on_its_dashboard(
        self, client, partner_owner, invitation
    ):
        client.force_login(partner_owner)
        page = client.get(DASHBOARD_URL).text
        assert (
            "Gemeente Eindhoven invites Lumen Lab Eindhoven to be a "
            "partner of Smart lighting."
        ) in page

    def test_confirming_names_it_as_a_partner(
        self, client, partner_owner, invitation, initiative
    ):
        client.force_login(partner_owner)
        response = client.post(
            f"/en/my/initiatives/invitations/{invitation.pk}/",
            {"answer": "confirm"},
            follow=True,
        )
        assert "is now named as a partner of Smart lighting" in response.text
        assert [
            p.organisation for p in selectors.partners_confirmed(initiative=initiative)
        ] == [invitation.organisation]
        # Answered: no longer waiting on the dashboard.
        assert "to be a partner of" not in client.get(DASHBOARD_URL).text

    def test_declining_names_nothing(self, client, partner_owner, invitation):
        client.force_login(partner_owner)
        client.post(
            f"/en/my/initiatives/invitations/{invitation.pk}/", {"answer": "decline"}
        )
        invitation.refresh_from_db()
        assert invitation.state == PartnerState.DECLINED
        assert invitation.answered_by == partner_owner

    def test_a_declined_organisation_can_be_invited_again(
        self, client, member, invitation, initiative
    ):
        invitation.state = PartnerState.DECLINED
        invitation.save()
        client.force_login(member)
        page = client.get(partners_url(initiative), {"q": "Eindhoven"}).text
        assert f"{INVITE} Lumen Lab" in page
        client.post(
            partners_url(initiative), {"organisation": invitation.organisation_id}
        )
        invitation.refresh_from_db()
        assert invitation.state == PartnerState.INVITED

    def test_an_answer_that_is_neither_is_refused(
        self, client, partner_owner, invitation
    ):
        client.force_login(partner_owner)
        response = client.post(
            f"/en/my/initiatives/invitations/{invitation.pk}/",
            {"answer": "maybe"},
            follow=True,
        )
        assert "Please confirm or decline the invitation." in response.text
        invitation.refresh_from_db()
        assert invitation.state == PartnerState.INVITED
