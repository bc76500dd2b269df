from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hub.factories import ThemeFactory, UserFactory
from partners import selectors, services
from partners.factories import (
    JoinRequestFactory,
    MembershipFactory,
    OrganisationFactory,
)
from partners.models import (
    JoinRequestState,
    MemberRole,
    Membership,
    ModerationAction,
    ModerationStatus,
)

FIELDS = {
    "name": "Gemeente Eindhoven",
    "sector": "government",
    "kind": "municipality",
    "description": "The city of light and design.",
    "website": "https://www.Eindhoven.nl/smart-city",
    "city": "Eindhoven",
    "country": "NL",
    "expertise": ["lighting", "data"],
}


def register(user, **changes):
    return services.organisation_register(user=user, fields={**FIELDS, **changes})


class TestRegister:
    def test_registration_waits_for_review_with_the_user_as_owner(self, registrant):
        organisation = register(registrant)
        assert organisation.status == ModerationStatus.PENDING
        assert not organisation.is_public
        membership = Membership.objects.get(organisation=organisation)
        assert (membership.user, membership.role) == (registrant, MemberRole.OWNER)
        assert organisation.decisions.get().action == ModerationAction.SUBMIT

    def test_coordinates_come_from_the_city(self, registrant):
        organisation = register(registrant)
        assert organisation.latitude == pytest.approx(51.44, abs=0.05)
        assert organisation.longitude == pytest.approx(5.48, abs=0.05)

    def test_given_coordinates_are_kept(self, registrant):
        organisation = register(registrant, latitude=51.5, longitude=5.4)
        assert (organisation.latitude, organisation.longitude) == (51.5, 5.4)

    def test_unknown_city_leaves_the_coordinates_empty(self, registrant):
        organisation = register(registrant, city="Nowhere-on-the-map")
        assert not organisation.has_coordinates

    def test_website_domain_ignores_www_and_case(self, registrant):
        assert register(registrant).website_domain == "eindhoven.nl"

    def test_slugs_stay_unique(self, registrant):
        first, second = register(registrant), register(registrant)
        assert (first.slug, second.slug) == (
            "gemeente-eindhoven",
            "gemeente-eindhoven-2",
        )

    def test_themes_and_tags_are_saved(self, registrant):
        theme = ThemeFactory()
        organisation = register(registrant, themes=[theme])
        assert list(organisation.themes.all()) == [theme]
        assert sorted(organisation.expertise.names()) == ["data", "lighting"]

    def test_kind_must_fit_the_sector_is_left_to_the_form_but_names_are_required(
        self, registrant
    ):
        with pytest.raises(ValidationError):
            register(registrant, name="")


class TestSimilar:
    def test_similar_name_is_found(self, db):
        existing = OrganisationFactory(name="Gemeente Eindhoven")
        found = selectors.organisations_similar(name="Gemeente Eindhoven NL")
        assert existing in found

    def test_same_website_domain_is_found(self, db):
        # Not a demo organisation's domain: those are in the database too.
        existing = OrganisationFactory(
            name="City of Light", website_domain="city-of-light.example"
        )
        found = selectors.organisations_similar(
            name="Something else entirely", website_domain="city-of-light.example"
        )
        assert list(found) == [existing]

    def test_unrelated_names_are_not_found(self, db):
        OrganisationFactory(name="University of Twente")
        assert not selectors.organisations_similar(name="Gemeente Almere")

    def test_rejected_organisations_are_not_offered(self, db):
        OrganisationFactory(name="Gemeente Eindhoven", status=ModerationStatus.REJECTED)
        assert not selectors.organisations_similar(name="Gemeente Eindhoven")


class TestSearch:
    def test_finds_words_in_the_description(self, db):
        match = OrganisationFactory(description="We build heat networks in Delft.")
        OrganisationFactory(description="Shared bicycles for everyone.")
        found = selectors.organisations_search(
            selectors.organisations_public(), "heat networks"
        )
        assert list(found) == [match]

    def test_finds_a_name_with_a_typo(self, db):
        match = OrganisationFactory(name="Fraunhofer Institute")
        found = selectors.organisations_search(
            selectors.organisations_public(), "Fraunhofr"
        )
        assert list(found) == [match]


class TestDecide:
    def test_approval_makes_the_organisation_public(self, registrant, moderator):
        organisation = register(registrant)
        services.organisation_decide(
            organisation=organisation, moderator=moderator, action="approve"
        )
        organisation.refresh_from_db()
        assert organisation.is_public
        assert organisation.decisions.first().decided_by == moderator

    @pytest.mark.parametrize("action", ["reject", "request_changes", "suspend"])
    def test_decisions_against_need_a_reason(self, registrant, moderator, action):
        organisation = register(registrant)
        with pytest.raises(ValidationError) as error:
            services.organisation_decide(
                organisation=organisation, moderator=moderator, action=action
            )
        assert error.value.code == "reason_required"
        organisation.refresh_from_db()
        assert organisation.status == ModerationStatus.PENDING

    def test_only_moderators_decide(self, registrant):
        organisation = register(registrant)
        with pytest.raises(PermissionDenied):
            services.organisation_decide(
                organisation=organisation, moderator=registrant, action="approve"
            )

    def test_owners_are_mailed_after_commit_once(
        self, registrant, moderator, django_capture_on_commit_callbacks
    ):
        organisation = register(registrant)
        with django_capture_on_commit_callbacks() as callbacks:
            decision = services.organisation_decide(
                organisation=organisation,
                moderator=moderator,
                action="request_changes",
                reason="Please describe what you offer.",
            )
        assert len(callbacks) == 1
        assert mail.outbox == []
        assert services.decision_notify_owners(decision_id=decision.pk)
        assert not services.decision_notify_owners(decision_id=decision.pk)
        (message,) = mail.outbox
        assert message.to == [registrant.email]
        assert "Please describe what you offer." in message.body
        assert "/en/organisations/gemeente-eindhoven/" in message.body

    def test_owners_are_mailed_in_their_language(self, moderator):
        dutch = UserFactory(language="nl")
        organisation = register(dutch)
        decision = services.organisation_decide(
            organisation=organisation, moderator=moderator, action="approve"
        )
        services.decision_notify_owners(decision_id=decision.pk)
        assert "goedgekeurd" in mail.outbox[0].body.lower()

    def test_editing_after_a_change_request_goes_back_for_review(
        self, registrant, moderator
    ):
        organisation = register(registrant)
        services.organisation_decide(
            organisation=organisation,
            moderator=moderator,
            action="request_changes",
            reason="Add a description.",
        )
        services.organisation_update(
            organisation=organisation,
            user=registrant,
            fields={"description": "Now described."},
        )
        organisation.refresh_from_db()
        assert organisation.status == ModerationStatus.PENDING

    def test_suspended_organisations_cannot_be_edited(self, registrant, moderator):
        organisation = register(registrant)
        services.organisation_decide(
            organisation=organisation,
            moderator=moderator,
            action="suspend",
            reason="Reported as spam.",
        )
        with pytest.raises(PermissionDenied):
            services.organisation_update(
                organisation=organisation, user=registrant, fields={}
            )


class TestMembers:
    def test_join_request_accepted_makes_an_editor(self, registrant):
        owner = UserFactory()
        organisation = OrganisationFactory(owner=owner)
        join_request = services.join_request_create(
            organisation=organisation, user=registrant
        )
        services.join_request_answer(
            join_request=join_request, owner=owner, accept=True
        )
        assert Membership.objects.get(user=registrant).role == MemberRole.EDITOR

    def test_only_owners_answer(self, registrant):
        organisation = OrganisationFactory()
        editor = MembershipFactory(organisation=organisation).user
        join_request = JoinRequestFactory(organisation=organisation)
        with pytest.raises(PermissionDenied):
            services.join_request_answer(
                join_request=join_request, owner=editor, accept=True
            )

    def test_asking_twice_is_explained(self, registrant):
        organisation = OrganisationFactory()
        services.join_request_create(organisation=organisation, user=registrant)
        with pytest.raises(ValidationError) as error:
            services.join_request_create(organisation=organisation, user=registrant)
        assert error.value.code == "requested"

    def test_pending_organisations_cannot_be_joined(self, registrant):
        organisation = OrganisationFactory(status=ModerationStatus.PENDING)
        with pytest.raises(PermissionDenied):
            services.join_request_create(organisation=organisation, user=registrant)

    def test_join_mails_are_sent_once(self, registrant):
        owner = UserFactory()
        organisation = OrganisationFactory(owner=owner)
        join_request = services.join_request_create(
            organisation=organisation, user=registrant, message="Hello!"
        )
        assert services.join_request_notify_owners(join_request_id=join_request.pk)
        assert not services.join_request_notify_owners(join_request_id=join_request.pk)
        services.join_request_answer(
            join_request=join_request, owner=owner, accept=False
        )
        assert services.join_answer_notify_requester(join_request_id=join_request.pk)
        assert [message.to for message in mail.outbox] == [
            [owner.email],
            [registrant.email],
        ]
        join_request.refresh_from_db()
        assert join_request.state == JoinRequestState.DECLINED

    def test_the_last_owner_cannot_step_down_or_leave(self, registrant):
        organisation = OrganisationFactory(owner=registrant)
        membership = Membership.objects.get(user=registrant)
        with pytest.raises(ValidationError):
            services.membership_role_change(
                membership=membership, actor=registrant, role="editor"
            )
        with pytest.raises(ValidationError):
            services.membership_remove(membership=membership, actor=registrant)
        assert Membership.objects.filter(organisation=organisation).count() == 1

    def test_an_owner_hands_over_and_then_leaves(self, registrant):
        organisation = OrganisationFactory(owner=registrant)
        other = MembershipFactory(organisation=organisation)
        services.membership_role_change(
            membership=other, actor=registrant, role="owner"
        )
        services.membership_remove(
            membership=Membership.objects.get(user=registrant), actor=registrant
        )
        assert list(organisation.memberships.values_list("user", "role")) == [
            (other.user_id, MemberRole.OWNER)
        ]

    def test_editors_cannot_remove_others(self, db):
        organisation = OrganisationFactory()
        editor, other = MembershipFactory.create_batch(2, organisation=organisation)
        with pytest.raises(PermissionDenied):
            services.membership_remove(membership=other, actor=editor.user)


class TestFreshness:
    def test_owners_are_reminded_a_month_before_the_year_is_up(self, db):
        now = timezone.now()
        due_soon = OrganisationFactory(reconfirmed_at=now - timedelta(days=340))
        OrganisationFactory(reconfirmed_at=now - timedelta(days=300))
        assert services.organisations_remind_reconfirmation(now=now) == [due_soon.pk]

    def test_reminder_is_sent_once(self, registrant):
        organisation = OrganisationFactory(
            owner=registrant, reconfirmed_at=timezone.now() - timedelta(days=340)
        )
        assert services.reconfirmation_remind(organisation_id=organisation.pk)
        assert not services.reconfirmation_remind(organisation_id=organisation.pk)
        assert len(mail.outbox) == 1
        assert services.organisations_remind_reconfirmation() == []

    def test_profiles_past_the_year_are_flagged_for_moderators(self, db):
        now = timezone.now()
        stale = OrganisationFactory(reconfirmed_at=now - timedelta(days=366))
        fresh = OrganisationFactory(reconfirmed_at=now - timedelta(days=10))
        assert services.organisations_flag_stale(now=now) == 1
        stale.refresh_from_db()
        fresh.refresh_from_db()
        assert (stale.stale_since, fresh.stale_since) == (now, None)

    def test_reconfirming_clears_the_flag_and_the_reminder(self, registrant):
        organisation = OrganisationFactory(
            owner=registrant,
            reconfirmed_at=timezone.now() - timedelta(days=400),
            stale_since=timezone.now(),
            reconfirmation_reminder_sent_at=timezone.now(),
        )
        services.organisation_reconfirm(organisation=organisation, user=registrant)
        organisation.refresh_from_db()
        assert organisation.stale_since is None
        assert organisation.reconfirmation_reminder_sent_at is None


class TestTasksOnVanishedRows:
    def test_a_decision_gone_with_its_withdrawn_organisation_sends_nothing(
        self, registrant, moderator
    ):
        organisation = register(registrant)
        decision = services.organisation_decide(
            organisation=organisation, moderator=moderator, action="approve"
        )
        services.organisation_withdraw(organisation=organisation, user=registrant)
        assert not services.decision_notify_owners(decision_id=decision.pk)
        assert not services.reconfirmation_remind(organisation_id=organisation.pk)
        assert mail.outbox == []

    def test_a_join_request_gone_with_its_user_sends_nothing(self, registrant):
        join_request = services.join_request_create(
            organisation=OrganisationFactory(owner=UserFactory()), user=registrant
        )
        registrant.delete()
        assert not services.join_request_notify_owners(join_request_id=join_request.pk)
        assert not services.join_answer_notify_requester(
            join_request_id=join_request.pk
        )
        assert mail.outbox == []


class TestRepair:
    def test_lost_decision_mails_are_found(self, registrant, moderator):
        organisation = register(registrant)
        decision = services.organisation_decide(
            organisation=organisation, moderator=moderator, action="approve"
        )
        later = timezone.now() + timedelta(hours=1)
        assert services.decisions_unnotified(now=later) == [decision.pk]
        services.decision_notify_owners(decision_id=decision.pk)
        assert services.decisions_unnotified(now=later) == []
