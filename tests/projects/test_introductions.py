"""A member of one approved organisation asks another for an introduction;
a member of the other accepts or declines. Contact details appear only on
acceptance; requests are not for one's own organisation, not twice while one
is open, and not more than the rate limit allows."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from hub.factories import UserFactory
from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import MemberRole, ModerationStatus
from projects import introductions
from projects.factories import InitiativeFactory, IntroductionFactory
from projects.models import (
    Introduction,
    IntroductionOrigin,
    IntroductionStatus,
    MatchSuggestion,
    SuggestionDirection,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


MESSAGE = "We run smart street lights in Delft and would like to compare notes."
EMAILS = (
    "anna@delft.example.org",
    "info@delft.example.org",
    "bea@tue.example.org",
    "contact@tue.example.org",
)


@pytest.fixture
def asker():
    return UserFactory(
        verified=True,
        email="anna@delft.example.org",
        first_name="Anna",
        last_name="de Vries",
    )


@pytest.fixture
def delft(asker):
    return OrganisationFactory(
        name="Gemeente Delft",
        slug="gemeente-delft",
        contact_email="info@delft.example.org",
        owner=asker,
    )


@pytest.fixture
def answerer():
    return UserFactory(
        verified=True, email="bea@tue.example.org", first_name="Bea", last_name="Jansen"
    )


@pytest.fixture
def tue(answerer):
    organisation = OrganisationFactory(
        name="TU Eindhoven",
        slug="tu-eindhoven",
        sector="knowledge",
        kind="university",
        contact_email="contact@tue.example.org",
        owner=UserFactory(verified=True, email="owner@tue.example.org"),
    )
    MembershipFactory(organisation=organisation, user=answerer, role=MemberRole.EDITOR)
    return organisation


@pytest.fixture
def asker_client(client, asker, delft):
    client.force_login(asker)
    return client


def _ask_url(organisation, **query) -> str:
    url = reverse("projects:introduction_ask", args=[organisation.slug])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def _detail_url(introduction) -> str:
    return reverse("projects:introduction_detail", kwargs={"pk": introduction.pk})


def _answer_url(introduction) -> str:
    return reverse("projects:introduction_answer", kwargs={"pk": introduction.pk})


def _ask(**kwargs) -> Introduction:
    kwargs.setdefault("message", MESSAGE)
    return introductions.introduction_request(**kwargs)


# Asking -------------------------------------------------------------------------------


class TestAsk:
    def test_a_member_asks_and_the_request_awaits_an_answer(
        self, asker_client, asker, delft, tue
    ):
        response = asker_client.post(_ask_url(tue), {"message": MESSAGE})

        introduction = Introduction.objects.get(recipient=tue)
        assert response.status_code == 302
        assert response["Location"] == _detail_url(introduction)
        assert introduction.requester == delft
        assert introduction.requested_by == asker
        assert introduction.status == IntroductionStatus.PENDING
        assert introduction.origin == IntroductionOrigin.ORGANISATION_PAGE
        assert introduction.message == MESSAGE
        assert timezone.now() + timedelta(days=29) < introduction.expires_at
        page = asker_client.get(response["Location"]).content.decode()
        assert "Your request has been sent to TU Eindhoven." in page

    def test_the_form_says_who_asks_when_the_member_has_one_organisation(
        self, asker_client, tue
    ):
        page = asker_client.get(_ask_url(tue)).content.decode()

        assert "Ask TU Eindhoven for an introduction" in page
        assert "You ask on behalf of Gemeente Delft." in page
        assert 'type="radio"' not in page

    def test_a_member_of_several_organisations_chooses_which_asks(
        self, asker_client, asker, delft, tue
    ):
        utrecht = OrganisationFactory(name="Gemeente Utrecht", owner=asker)

        page = asker_client.get(_ask_url(tue)).content.decode()
        assert page.count('type="radio"') == 2
        unchosen = asker_client.post(_ask_url(tue), {"message": MESSAGE})
        asker_client.post(_ask_url(tue), {"message": MESSAGE, "requester": utrecht.pk})

        assert unchosen.status_code == 400
        text = unchosen.content.decode()
        assert "Please choose which of your organisations asks." in text
        assert MESSAGE in text  # nothing typed is lost
        assert Introduction.objects.get().requester == utrecht

    def test_a_member_cannot_ask_for_an_organisation_they_are_not_in(
        self, asker_client, tue
    ):
        other = OrganisationFactory(name="Someone else's")

        response = asker_client.post(
            _ask_url(tue), {"message": MESSAGE, "requester": other.pk}
        )

        assert response.status_code == 400
        assert "Please choose one of your organisations" in response.content.decode()
        assert not Introduction.objects.exists()

    def test_a_message_is_required(self, asker_client, tue):
        response = asker_client.post(_ask_url(tue), {"message": "   "})

        assert response.status_code == 400
        assert "Please write a short message" in response.content.decode()
        assert not Introduction.objects.exists()

    def test_a_message_longer_than_1000_characters_is_refused_and_kept(
        self, asker_client, tue
    ):
        long_message = "Lighting. " * 100 + "!"

        response = asker_client.post(_ask_url(tue), {"message": long_message})

        text = response.content.decode()
        assert response.status_code == 400
        assert "at most 1000 characters; it has 1001." in text
        assert long_message in text
        assert 'maxlength="' not in text  # a browser would cut it short unseen
        assert not Introduction.objects.exists()

    def test_ones_own_organisation_cannot_be_asked(self, asker_client, delft):
        page = asker_client.get(_ask_url(delft)).content.decode()
        asker_client.post(_ask_url(delft), {"message": MESSAGE})

        assert "This is your own organisation" in page
        assert "<textarea" not in page
        assert not Introduction.objects.exists()

    def test_the_service_refuses_ones_own_organisation(self, asker, delft):
        with pytest.raises(PermissionDenied):
            _ask(user=asker, requester=delft, recipient=delft)

    @pytest.mark.parametrize(
        "status", [ModerationStatus.PENDING, ModerationStatus.SUSPENDED]
    )
    def test_an_organisation_that_is_not_public_cannot_be_asked(
        self, asker_client, status
    ):
        hidden = OrganisationFactory(status=status)

        assert asker_client.get(_ask_url(hidden)).status_code == 404
        assert asker_client.post(
            _ask_url(hidden), {"message": MESSAGE}
        ).status_code == (404)

    def test_a_member_of_an_organisation_awaiting_review_cannot_ask(self, client, tue):
        user = UserFactory(verified=True)
        OrganisationFactory(status=ModerationStatus.PENDING, owner=user)
        client.force_login(user)

        page = client.get(_ask_url(tue)).content.decode()
        client.post(_ask_url(tue), {"message": MESSAGE})

        assert "you need to be a member of an approved organisation" in page
        assert not Introduction.objects.exists()

    def test_a_visitor_is_asked_to_log_in_first(self, client, tue):
        response = client.get(_ask_url(tue))

        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    def test_not_twice_while_one_awaits_an_answer(self, asker_client, asker, tue):
        first = _ask(
            user=asker, requester=asker.memberships.get().organisation, recipient=tue
        )

        page = asker_client.get(_ask_url(tue)).content.decode()
        asker_client.post(_ask_url(tue), {"message": "Again, please."})

        assert (
            "Gemeente Delft has already asked TU Eindhoven for an introduction" in page
        )
        assert f'href="{_detail_url(first)}"' in page
        assert "<textarea" not in page
        assert Introduction.objects.count() == 1

    def test_the_service_refuses_a_second_open_request_with_a_link_to_the_first(
        self, asker, delft, tue
    ):
        first = _ask(user=asker, requester=delft, recipient=tue)

        with pytest.raises(ValidationError) as refused:
            _ask(user=asker, requester=delft, recipient=tue)

        assert refused.value.code == "open"
        assert _detail_url(first) in refused.value.messages[0]

    def test_asking_again_after_an_answer_is_allowed(self, asker, delft, tue):
        first = _ask(user=asker, requester=delft, recipient=tue)
        Introduction.objects.filter(pk=first.pk).update(
            status=IntroductionStatus.DECLINED
        )

        again = _ask(user=asker, requester=delft, recipient=tue)

        assert again.status == IntroductionStatus.PENDING

    def test_another_member_sees_the_open_request_of_their_organisation(
        self, client, delft, asker, tue
    ):
        _ask(user=asker, requester=delft, recipient=tue)
        colleague = MembershipFactory(organisation=delft).user
        client.force_login(colleague)

        page = client.get(_ask_url(tue)).content.decode()

        assert "Gemeente Delft has already asked TU Eindhoven" in page


class TestRateLimit:
    @pytest.fixture(autouse=True)
    def _two_a_day(self, settings):
        settings.INTRODUCTION_RATE_LIMIT = 2
        settings.INTRODUCTION_RATE_PERIOD_HOURS = 24

    def test_the_limit_stops_a_third_request_with_a_message(
        self, asker_client, asker, delft, tue
    ):
        for _ in range(2):
            _ask(user=asker, requester=delft, recipient=OrganisationFactory())

        page = asker_client.get(_ask_url(tue)).content.decode()
        refused = asker_client.post(_ask_url(tue), {"message": MESSAGE})

        limit = "You have asked for 2 introductions in the last 24 hours"
        assert limit in page
        assert "<textarea" not in page
        assert refused.status_code == 400
        assert limit in refused.content.decode()
        assert MESSAGE in refused.content.decode()
        assert Introduction.objects.filter(recipient=tue).count() == 0

    def test_requests_older_than_the_period_do_not_count(self, asker, delft, tue):
        for _ in range(2):
            IntroductionFactory(
                requester=delft,
                requested_by=asker,
                requested_at=timezone.now() - timedelta(hours=25),
                status=IntroductionStatus.DECLINED,
            )

        assert _ask(user=asker, requester=delft, recipient=tue).pk

    def test_the_limit_is_per_person_not_per_organisation(self, asker, delft, tue):
        for _ in range(2):
            _ask(user=asker, requester=delft, recipient=OrganisationFactory())
        colleague = MembershipFactory(organisation=delft).user

        assert _ask(user=colleague, requester=delft, recipient=tue).pk
        with pytest.raises(ValidationError) as refused:
            _ask(user=asker, requester=delft, recipient=OrganisationFactory())
        assert refused.value.code == "rate_limit"


class TestSuggestions:
    def _suggest(self, initiative, organisation, direction, rank=3):
        return MatchSuggestion.objects.create(
            initiative=initiative,
            organisation=organisation,
            direction=direction,
            rank=rank,
            score=0.7,
            algorithm_version=4,
            computed_at=timezone.now(),
        )

    def test_an_organisation_suggested_for_ones_initiative(
        self, asker_client, delft, tue
    ):
        lights = InitiativeFactory(owner=delft, slug="smart-lights")
        self._suggest(lights, tue, SuggestionDirection.FOR_INITIATIVE, rank=3)

        page = asker_client.get(_ask_url(tue, initiative="smart-lights")).content
        asker_client.post(
            _ask_url(tue), {"message": MESSAGE, "initiative": "smart-lights"}
        )

        assert lights.title in page.decode()
        introduction = Introduction.objects.get()
        assert introduction.initiative == lights
        assert introduction.origin == IntroductionOrigin.SUGGESTION
        assert (introduction.suggestion_rank, introduction.algorithm_version) == (3, 4)

    def test_an_initiative_suggested_to_ones_organisation(self, asker, delft, tue):
        living_lab = InitiativeFactory(owner=tue)
        self._suggest(living_lab, delft, SuggestionDirection.FOR_ORGANISATION, rank=1)

        introduction = _ask(
            user=asker, requester=delft, recipient=tue, initiative=living_lab
        )

        assert introduction.origin == IntroductionOrigin.SUGGESTION
        assert introduction.suggestion_rank == 1

    def test_without_a_suggestion_it_came_from_the_organisations_page(
        self, asker, delft, tue
    ):
        lights = InitiativeFactory(owner=delft)

        introduction = _ask(
            user=asker, requester=delft, recipient=tue, initiative=lights
        )

        assert introduction.origin == IntroductionOrigin.ORGANISATION_PAGE
        assert introduction.suggestion_rank is None

    def test_an_initiative_of_neither_organisation_is_refused(self, asker, delft, tue):
        elsewhere = InitiativeFactory()

        with pytest.raises(ValidationError):
            _ask(user=asker, requester=delft, recipient=tue, initiative=elsewhere)


class TestOrganisationPage:
    def test_a_signed_in_visitor_sees_the_link_to_ask(self, asker_client, tue):
        page = asker_client.get(tue.get_absolute_url()).content.decode()

        assert f'href="{_ask_url(tue)}"' in page
        assert "Ask for an introduction" in page

    def test_a_visitor_is_offered_to_log_in_to_ask(self, client, tue):
        page = client.get(tue.get_absolute_url()).content.decode()

        assert "Log in to ask for an introduction" in page

    def test_members_are_not_offered_to_ask_their_own_organisation(
        self, asker_client, delft
    ):
        page = asker_client.get(delft.get_absolute_url()).content.decode()

        assert "Ask for an introduction" not in page


# Answering ----------------------------------------------------------------------------


@pytest.fixture
def introduction(asker, delft, tue):
    return _ask(user=asker, requester=delft, recipient=tue)


class TestAnswer:
    def test_a_member_of_the_organisation_asked_accepts(
        self, client, answerer, introduction
    ):
        client.force_login(answerer)

        response = client.post(_answer_url(introduction), {"answer": "accept"})

        introduction.refresh_from_db()
        assert response["Location"] == _detail_url(introduction)
        assert introduction.status == IntroductionStatus.ACCEPTED
        assert introduction.answered_by == answerer
        assert introduction.answered_at is not None

    def test_a_member_of_the_organisation_asked_declines(
        self, client, answerer, introduction
    ):
        client.force_login(answerer)

        client.post(_answer_url(introduction), {"answer": "decline"})

        introduction.refresh_from_db()
        assert introduction.status == IntroductionStatus.DECLINED

    def test_the_asking_side_cannot_answer_its_own_request(
        self, asker_client, introduction
    ):
        response = asker_client.post(_answer_url(introduction), {"answer": "accept"})

        assert response.status_code == 403
        introduction.refresh_from_db()
        assert introduction.status == IntroductionStatus.PENDING

    def test_someone_of_neither_side_finds_nothing(self, client, introduction):
        client.force_login(UserFactory(verified=True))

        assert client.get(_detail_url(introduction)).status_code == 404
        assert client.post(
            _answer_url(introduction), {"answer": "accept"}
        ).status_code == (404)
        introduction.refresh_from_db()
        assert introduction.status == IntroductionStatus.PENDING

    def test_answering_takes_a_post(self, client, answerer, introduction):
        client.force_login(answerer)

        assert client.get(_answer_url(introduction)).status_code == 405

    def test_a_visitor_is_sent_to_log_in(self, client, introduction):
        response = client.post(_answer_url(introduction), {"answer": "accept"})

        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    def test_an_expired_request_cannot_be_answered(
        self, client, answerer, introduction
    ):
        Introduction.objects.filter(pk=introduction.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
        client.force_login(answerer)

        detail = client.get(_detail_url(introduction)).content.decode()
        response = client.post(
            _answer_url(introduction), {"answer": "accept"}, follow=True
        )

        assert "Accept</button>" not in detail
        assert "This request has expired" in response.content.decode()
        introduction.refresh_from_db()
        assert introduction.status == IntroductionStatus.PENDING
        assert introduction.answered_by is None

    def test_a_request_is_answered_once(self, client, answerer, introduction):
        client.force_login(answerer)
        client.post(_answer_url(introduction), {"answer": "decline"})

        response = client.post(
            _answer_url(introduction), {"answer": "accept"}, follow=True
        )

        assert "already been answered" in response.content.decode()
        introduction.refresh_from_db()
        assert introduction.status == IntroductionStatus.DECLINED

    def test_an_unknown_answer_changes_nothing(self, client, answerer, introduction):
        client.force_login(answerer)

        response = client.post(
            _answer_url(introduction), {"answer": "maybe"}, follow=True
        )

        assert "Please accept or decline the request." in response.content.decode()
        introduction.refresh_from_db()
        assert introduction.status == IntroductionStatus.PENDING


class TestContactDetails:
    def _pages(self, client, users, introduction) -> list[str]:
        pages = []
        for user in users:
            client.force_login(user)
            pages.append(client.get(_detail_url(introduction)).content.decode())
        return pages

    def test_no_e_mail_address_of_either_side_before_acceptance(
        self, client, asker, answerer, introduction
    ):
        for page in self._pages(client, [asker, answerer], introduction):
            assert MESSAGE in page
            assert "Contact details are shared once TU Eindhoven accepts." in page
            assert "mailto:" not in page
            for email in EMAILS:
                assert email not in page

    def test_both_sides_see_each_others_contact_once_accepted(
        self, client, asker, answerer, introduction
    ):
        introductions.introduction_answer(
            introduction=introduction, user=answerer, accept=True
        )

        for page in self._pages(client, [asker, answerer], introduction):
            assert "Anna de Vries" in page
            assert "Bea Jansen" in page
            for email in EMAILS:
                assert f'href="mailto:{email}"' in page

    def test_a_declined_request_shares_nothing(
        self, client, asker, answerer, introduction
    ):
        introductions.introduction_answer(
            introduction=introduction, user=answerer, accept=False
        )

        for page in self._pages(client, [asker, answerer], introduction):
            assert "This request was declined." in page
            for email in EMAILS:
                assert email not in page


# The member's page --------------------------------------------------------------------


class TestMyIntroductions:
    @property
    def url(self) -> str:
        return reverse("projects:my_introductions")

    def test_empty_states(self, asker_client):
        page = asker_client.get(self.url).content.decode()

        assert "No one has asked your organisations for an introduction yet." in page
        assert (
            "Your organisations have not asked anyone for an introduction yet." in page
        )

    def test_incoming_and_outgoing_requests_are_listed(
        self, client, answerer, introduction, tue
    ):
        outgoing = _ask(
            user=answerer,
            requester=tue,
            recipient=OrganisationFactory(name="Gemeente Breda"),
        )
        client.force_login(answerer)

        page = client.get(self.url).content.decode()

        assert "Gemeente Delft asks TU Eindhoven" in page
        assert f'href="{_detail_url(introduction)}"' in page
        assert "TU Eindhoven asked Gemeente Breda" in page
        assert f'href="{_detail_url(outgoing)}"' in page

    def test_the_header_links_to_the_page(self, asker_client):
        page = asker_client.get(reverse("projects:my_initiatives")).content.decode()

        assert f'href="{self.url}"' in page

    def test_requests_are_paginated(self, client, answerer, tue):
        for _ in range(21):
            IntroductionFactory(recipient=tue)
        client.force_login(answerer)

        first = client.get(self.url).content.decode()
        second = client.get(self.url, {"incoming": 2}).content.decode()

        assert first.count("asks TU Eindhoven") == 20
        assert "Page 1 of 2" in first
        assert second.count("asks TU Eindhoven") == 1

    def test_pending_requests_come_first(self, client, answerer, tue):
        IntroductionFactory(
            recipient=tue,
            requester=OrganisationFactory(name="Pending"),
            requested_at=timezone.now() - timedelta(days=3),
        )
        IntroductionFactory(
            recipient=tue,
            requester=OrganisationFactory(name="Declined"),
            status=IntroductionStatus.DECLINED,
        )
        client.force_login(answerer)

        page = client.get(self.url).content.decode()

        assert page.index("Pending asks") < page.index("Declined asks")

    @pytest.mark.parametrize("count", [2, 12])
    def test_queries_do_not_grow_with_the_list(
        self, client, answerer, tue, count, django_assert_max_num_queries
    ):
        initiative = InitiativeFactory(owner=tue)
        for _ in range(count):
            IntroductionFactory(recipient=tue, initiative=initiative)
            IntroductionFactory(requester=tue)
        client.force_login(answerer)

        with django_assert_max_num_queries(23):
            assert client.get(self.url).status_code == 200


# Expiry -------------------------------------------------------------------------------


class TestExpiry:
    def test_requests_past_their_expiry_lapse_once(self, introduction):
        fresh = IntroductionFactory()
        Introduction.objects.filter(pk=introduction.pk).update(
            expires_at=timezone.now() - timedelta(hours=1)
        )

        assert introductions.introductions_expire() == [introduction.pk]
        assert introductions.introductions_expire() == []
        introduction.refresh_from_db()
        fresh.refresh_from_db()
        assert introduction.status == IntroductionStatus.EXPIRED
        assert fresh.status == IntroductionStatus.PENDING

    def test_answered_requests_do_not_expire(self, introduction, answerer):
        introductions.introduction_answer(
            introduction=introduction, user=answerer, accept=True
        )
        Introduction.objects.filter(pk=introduction.pk).update(
            expires_at=timezone.now() - timedelta(hours=1)
        )

        assert introductions.introductions_expire() == []

    def test_an_expired_request_can_be_asked_again(
        self, asker, delft, tue, introduction
    ):
        Introduction.objects.filter(pk=introduction.pk).update(
            expires_at=timezone.now() - timedelta(hours=1)
        )
        introductions.introductions_expire()

        assert _ask(user=asker, requester=delft, recipient=tue).pk != introduction.pk
