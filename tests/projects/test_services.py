"""Registering, editing, pausing, partners and moderation of initiatives, as
the services do them for every view, admin screen, task and command."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hub.factories import UserFactory
from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import ModerationAction, ModerationStatus
from projects import selectors, services
from projects.factories import InitiativeFactory, InitiativePartnerFactory
from projects.models import Initiative, PartnerState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_demo_initiatives(db):
    """These tests count initiatives from an empty table, without the demo
    site's."""
    Initiative.objects.all().delete()


FIELDS = {
    "title": "Smart lighting on the Stratumseind",
    "summary": "Street lights that dim when the street is empty.",
    "stage": "planning",
    "city": "Eindhoven",
    "country": "NL",
    "tags": ["lighting", "sensors"],
    "sectors_sought": ["knowledge", "business"],
}


class TestRegistering:
    def test_a_draft_is_not_in_the_review_queue(self, member, member_organisation):
        initiative = services.initiative_draft_create(
            user=member, owner=member_organisation, fields=FIELDS
        )
        assert initiative.status == ModerationStatus.DRAFT
        assert not selectors.initiatives_awaiting_review().exists()

    def test_registering_sends_it_for_review_with_its_sectors_and_place(
        self, member, member_organisation
    ):
        initiative = services.initiative_register(
            user=member, owner=member_organisation, fields=FIELDS
        )
        assert list(selectors.initiatives_awaiting_review()) == [initiative]
        assert set(initiative.sought_sectors.values_list("sector", flat=True)) == {
            "knowledge",
            "business",
        }
        assert sorted(initiative.tags.names()) == ["lighting", "sensors"]
        assert initiative.latitude == pytest.approx(51.44, abs=0.05)
        assert initiative.decisions.get().action == ModerationAction.SUBMIT

    def test_only_members_of_an_approved_organisation_register(self):
        pending = OrganisationFactory(status=ModerationStatus.PENDING)
        member = MembershipFactory(organisation=pending).user
        with pytest.raises(PermissionDenied):
            services.initiative_draft_create(user=member, owner=pending, fields=FIELDS)
        outsider = UserFactory(verified=True)
        with pytest.raises(PermissionDenied):
            services.initiative_draft_create(
                user=outsider, owner=OrganisationFactory(), fields=FIELDS
            )
        assert not Initiative.objects.exists()

    def test_an_end_before_the_start_is_refused(self, member, member_organisation):
        import datetime

        fields = {
            **FIELDS,
            "start_date": datetime.date(2027, 5, 1),
            "end_date": datetime.date(2027, 1, 1),
        }
        with pytest.raises(ValidationError):
            services.initiative_register(
                user=member, owner=member_organisation, fields=fields
            )

    def test_titles_that_clash_get_their_own_slugs(self, member, member_organisation):
        first = services.initiative_register(
            user=member, owner=member_organisation, fields=FIELDS
        )
        second = services.initiative_register(
            user=member, owner=member_organisation, fields=FIELDS
        )
        assert first.slug == "smart-lighting-on-the-stratumseind"
        assert second.slug == "smart-lighting-on-the-stratumseind-2"


class TestEditing:
    def test_a_significant_edit_while_public_shows_at_once_and_is_noted(
        self, member, member_organisation
    ):
        initiative = InitiativeFactory(owner=member_organisation)
        services.initiative_update(
            initiative=initiative, user=member, fields={"title": "Dimmed lights"}
        )
        initiative.refresh_from_db()
        assert initiative.title == "Dimmed lights"
        assert initiative.is_public
        assert initiative.edited_since_review_at is not None
        edit = initiative.decisions.get(action=ModerationAction.EDIT_WHILE_PUBLIC)
        assert edit.changed_fields == ["title"]

    def test_a_tag_change_is_not_significant(self, member, member_organisation):
        initiative = InitiativeFactory(owner=member_organisation)
        services.initiative_update(
            initiative=initiative, user=member, fields={"tags": ["heat"]}
        )
        initiative.refresh_from_db()
        assert initiative.edited_since_review_at is None

    def test_others_cannot_edit(self, member_organisation):
        initiative = InitiativeFactory(owner=member_organisation)
        with pytest.raises(PermissionDenied):
            services.initiative_update(
                initiative=initiative,
                user=UserFactory(verified=True),
                fields={"title": "Taken over"},
            )

    def test_a_paused_initiative_is_hidden_until_resumed(
        self, member, member_organisation
    ):
        initiative = InitiativeFactory(owner=member_organisation)
        services.initiative_pause(initiative=initiative, user=member)
        assert not selectors.initiatives_public().exists()
        services.initiative_resume(initiative=initiative, user=member)
        assert list(selectors.initiatives_public()) == [initiative]

    def test_suspending_the_owner_hides_its_initiatives(self):
        initiative = InitiativeFactory()
        initiative.owner.status = ModerationStatus.SUSPENDED
        initiative.owner.save()
        assert not selectors.initiatives_public().exists()

    def test_a_withdrawn_initiative_is_gone(self, member, member_organisation):
        initiative = InitiativeFactory(owner=member_organisation)
        services.initiative_withdraw(initiative=initiative, user=member)
        assert not Initiative.objects.exists()


class TestModeration:
    def test_approval_makes_it_public_and_clears_the_edit_note(
        self, initiative_moderator, django_capture_on_commit_callbacks
    ):
        initiative = InitiativeFactory(status=ModerationStatus.PENDING)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.initiative_decide(
                initiative=initiative,
                moderator=initiative_moderator,
                action=ModerationAction.APPROVE,
            )
        assert len(callbacks) == 2  # the e-mail and the matching job
        assert list(selectors.initiatives_public()) == [initiative]

    def test_a_rejection_needs_a_reason(self, initiative_moderator):
        initiative = InitiativeFactory(status=ModerationStatus.PENDING)
        with pytest.raises(ValidationError):
            services.initiative_decide(
                initiative=initiative,
                moderator=initiative_moderator,
                action=ModerationAction.REJECT,
            )
        initiative.refresh_from_db()
        assert initiative.status == ModerationStatus.PENDING

    def test_only_moderators_decide(self, member):
        initiative = InitiativeFactory(status=ModerationStatus.PENDING)
        with pytest.raises(PermissionDenied):
            services.initiative_decide(
                initiative=initiative, moderator=member, action=ModerationAction.APPROVE
            )

    def test_changes_requested_go_back_for_review_when_sent_again(
        self, member, member_organisation, initiative_moderator
    ):
        initiative = InitiativeFactory(
            owner=member_organisation, status=ModerationStatus.PENDING
        )
        services.initiative_decide(
            initiative=initiative,
            moderator=initiative_moderator,
            action=ModerationAction.REQUEST_CHANGES,
            reason="Please name the street.",
        )
        services.initiative_submit(initiative=initiative, user=member)
        assert initiative.status == ModerationStatus.PENDING
        with pytest.raises(ValidationError):
            services.initiative_submit(initiative=initiative, user=member)


class TestPartners:
    def test_an_invited_partner_is_shown_only_once_it_confirms(
        self, member, member_organisation
    ):
        initiative = InitiativeFactory(owner=member_organisation)
        partner = OrganisationFactory(name="TU Eindhoven")
        partner_member = MembershipFactory(organisation=partner).user
        partnership = services.partner_invite(
            initiative=initiative, organisation=partner, user=member
        )
        assert not selectors.partners_confirmed(initiative=initiative).exists()
        services.partner_answer(
            partnership=partnership, user=partner_member, accept=True
        )
        assert [
            p.organisation for p in selectors.partners_confirmed(initiative=initiative)
        ] == [partner]

    def test_only_the_invited_organisation_answers(self, member, member_organisation):
        partnership = InitiativePartnerFactory(
            initiative=InitiativeFactory(owner=member_organisation),
            state=PartnerState.INVITED,
        )
        with pytest.raises(PermissionDenied):
            services.partner_answer(partnership=partnership, user=member, accept=True)

    def test_the_owner_and_unapproved_organisations_cannot_be_invited(
        self, member, member_organisation
    ):
        initiative = InitiativeFactory(owner=member_organisation)
        for organisation in (
            member_organisation,
            OrganisationFactory(status=ModerationStatus.PENDING),
        ):
            with pytest.raises(ValidationError):
                services.partner_invite(
                    initiative=initiative, organisation=organisation, user=member
                )
