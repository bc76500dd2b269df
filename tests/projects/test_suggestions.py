"""The suggestions pages: the partners suggested to an initiative for its
owner's members, the initiatives suggested to an organisation for its
members, the suggested team, and dismissing a suggestion."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from hub.factories import UserFactory
from hub.models import Theme
from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import HelixSector, ModerationStatus, OrganisationKind
from projects.factories import (
    InitiativeFactory,
    InitiativeMatchingStateFactory,
    InitiativePartnerFactory,
    MatchSuggestionFactory,
    OrganisationMatchingStateFactory,
)
from projects.models import MatchDismissal, SoughtSector, SuggestionDirection

pytestmark = pytest.mark.django_db

FOR_INITIATIVE = SuggestionDirection.FOR_INITIATIVE
FOR_ORGANISATION = SuggestionDirection.FOR_ORGANISATION
# A page of 1 or of 20 suggestions makes the same number of queries, at most
# this many (the site's header and footer make about half of them).
MAX_QUERIES = 40


@pytest.fixture
def mobility():
    return Theme.objects.get(slug="mobility", locale__language_code="en")


@pytest.fixture
def initiative(member_organisation, mobility):
    initiative = InitiativeFactory(
        title="Smart street lights",
        slug="smart-street-lights",
        owner=member_organisation,
        latitude=51.4416,
        longitude=5.4697,
    )
    initiative.themes.set([mobility])
    initiative.expertise_sought.add("sensors")
    SoughtSector.objects.create(initiative=initiative, sector=HelixSector.KNOWLEDGE)
    return initiative


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def _university(name="TU Eindhoven", mobility=None, **fields):
    organisation = OrganisationFactory(
        name=name,
        sector=HelixSector.KNOWLEDGE,
        kind=OrganisationKind.UNIVERSITY,
        latitude=51.4484,
        longitude=5.4906,
        **fields,
    )
    if mobility:
        organisation.themes.set([mobility])
    organisation.expertise.add("sensors")
    return organisation


GOOD_PARTS = {
    "text": 0.5,
    "themes": 1.0,
    "sdgs": 0.0,
    "tags": 1.0,
    "sector": 1.0,
    "distance": 0.98,
    "collaboration": 0.5,
    # Below the threshold for "Recently active", which would otherwise come
    # first: activity weighs more than themes.
    "activity": 0.4,
}


def _suggest(initiative, organisation, rank=1, **fields):
    return MatchSuggestionFactory(
        initiative=initiative,
        organisation=organisation,
        rank=rank,
        parts=fields.pop("parts", GOOD_PARTS),
        **fields,
    )


def _suggest_one_with_a_past(initiative, rank, mobility):
    """A university that worked with someone before: the reasons look that
    up too."""
    organisation = _university(f"University {rank}", mobility=mobility)
    InitiativePartnerFactory(
        initiative=InitiativeFactory(owner=organisation),
        organisation=OrganisationFactory(),
    )
    _suggest(initiative, organisation, rank=rank)


def _url(initiative):
    return reverse("projects:initiative_suggestions", kwargs={"slug": initiative.slug})


def _dismiss_url(initiative, organisation):
    return reverse(
        "projects:initiative_suggestion_dismiss",
        kwargs={"slug": initiative.slug, "organisation": organisation.slug},
    )


class TestWhoSeesAnInitiativesSuggestions:
    def test_a_visitor_is_asked_to_log_in(self, client, initiative):
        response = client.get(_url(initiative))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_someone_else_is_refused(self, client, initiative):
        client.force_login(UserFactory(verified=True))
        assert client.get(_url(initiative)).status_code == 403

    def test_someone_else_does_not_learn_of_an_initiative_that_is_not_public(
        self, client, initiative
    ):
        initiative.status = ModerationStatus.PENDING
        initiative.save()
        client.force_login(UserFactory(verified=True))
        assert client.get(_url(initiative)).status_code == 404

    def test_any_member_of_the_owner_sees_them(self, client, initiative):
        editor = MembershipFactory(organisation=initiative.owner).user
        client.force_login(editor)
        assert client.get(_url(initiative)).status_code == 200

    def test_the_initiatives_page_and_the_dashboard_link_to_them(
        self, member_client, initiative
    ):
        detail = member_client.get(initiative.get_absolute_url())
        dashboard = member_client.get(reverse("projects:my_initiatives"))
        assert f'href="{_url(initiative)}"' in detail.text
        assert f'href="{_url(initiative)}"' in dashboard.text

    def test_a_visitor_sees_no_link_to_them(self, client, initiative):
        assert _url(initiative) not in client.get(initiative.get_absolute_url()).text


class TestAnInitiativesSuggestions:
    def test_ranked_cards_with_name_sector_city_and_reasons(
        self, member_client, initiative, mobility
    ):
        second = OrganisationFactory(
            name="Signify", sector=HelixSector.BUSINESS, city="Eindhoven"
        )
        _suggest(initiative, second, rank=2, parts={"text": 0.6})
        _suggest(initiative, _university(mobility=mobility, city="Eindhoven"))
        response = member_client.get(_url(initiative))
        page = response.text
        assert page.index("TU Eindhoven") < page.index("Signify")
        assert "Knowledge institution · University" in page
        assert "Eindhoven, Netherlands" in page
        for reason in [
            "Describes similar work",
            "Also works on Mobility",
            "You seek a knowledge institution — this is a university",
            "Offers: sensors",
        ]:
            assert reason in page
        # At most four reasons: "2 km away" is weaker.
        assert "Recently active" not in page
        cards = response.context["suggestions"]
        assert [len(card.reasons) for card in cards] == [4, 1]

    def test_reasons_in_dutch(self, member_client, initiative, mobility):
        _suggest(initiative, _university(mobility=mobility))
        with translation.override("nl"):
            page = member_client.get(_url(initiative)).text
        assert "Werkt ook aan Mobiliteit" in page
        assert "U zoekt een kennisinstelling — dit is een universiteit" in page
        assert "Voorgestelde partners" in page

    def test_names_the_partners_a_suggestion_worked_with(
        self, member_client, initiative
    ):
        university = _university()
        helmond = OrganisationFactory(name="Gemeente Helmond")
        InitiativePartnerFactory(initiative=initiative, organisation=helmond)
        earlier = InitiativeFactory(title="Living lab Helmond", owner=helmond)
        InitiativePartnerFactory(initiative=earlier, organisation=university)
        _suggest(initiative, university, parts={"collaboration": 0.5})
        page = member_client.get(_url(initiative)).text
        assert "Worked with one of your partners: Gemeente Helmond" in page

    def test_an_organisation_no_longer_public_is_not_shown(
        self, member_client, initiative
    ):
        _suggest(initiative, _university(status=ModerationStatus.SUSPENDED))
        _suggest(initiative, OrganisationFactory(name="Signify"), rank=2)
        page = member_client.get(_url(initiative)).text
        assert "TU Eindhoven" not in page
        assert "Signify" in page

    def test_an_organisation_that_became_a_partner_is_not_shown(
        self, member_client, initiative
    ):
        university = _university()
        _suggest(initiative, university)
        InitiativePartnerFactory(initiative=initiative, organisation=university)
        assert "Dismiss – TU Eindhoven" not in member_client.get(_url(initiative)).text

    def test_the_queries_do_not_grow_with_the_suggestions(
        self, member_client, initiative, mobility, django_assert_max_num_queries
    ):
        _suggest_one_with_a_past(initiative, 1, mobility)
        member_client.get(_url(initiative))  # warms the site's caches
        with CaptureQueriesContext(connection) as one:
            member_client.get(_url(initiative))
        for rank in range(2, 21):
            _suggest_one_with_a_past(initiative, rank, mobility)
        with django_assert_max_num_queries(MAX_QUERIES):
            response = member_client.get(_url(initiative))
        assert len(response.context["suggestions"]) == 20
        with CaptureQueriesContext(connection) as twenty:
            member_client.get(_url(initiative))
        assert len(twenty) == len(one)

    def test_at_most_twenty_are_shown(self, member_client, initiative):
        for rank in range(1, 24):
            _suggest(initiative, OrganisationFactory(), rank=rank)
        response = member_client.get(_url(initiative))
        assert len(response.context["suggestions"]) == 20


class TestThePreviewOnTheInitiativesPage:
    """Its members see the best three suggested partners on the initiative's
    own page, with why, and the way to the rest."""

    def test_the_best_three_with_reasons_and_a_link_to_all(
        self, member_client, initiative, mobility
    ):
        _suggest(initiative, _university(mobility=mobility))
        for rank, name in enumerate(["Signify", "Fontys", "Brainport"], start=2):
            _suggest(initiative, OrganisationFactory(name=name), rank=rank)
        page = member_client.get(initiative.get_absolute_url()).text
        preview = page[page.index('id="suggested-heading"') :]
        assert preview.index("TU Eindhoven") < preview.index("Signify")
        assert preview.index("Signify") < preview.index("Fontys")
        assert "Brainport" not in page
        assert "You seek a knowledge institution — this is a university" in preview
        assert f'href="{_url(initiative)}"' in preview

    def test_in_dutch(self, member_client, initiative, mobility):
        _suggest(initiative, _university(mobility=mobility))
        with translation.override("nl"):
            page = member_client.get(initiative.get_absolute_url()).text
        assert "Voorgestelde partners" in page
        assert "Alleen de leden van uw organisatie zien deze." in page

    def test_empty_and_being_computed(self, member_client, initiative):
        InitiativeMatchingStateFactory(
            initiative=initiative, computed_at=None, requested_at=timezone.now()
        )
        page = member_client.get(initiative.get_absolute_url()).text
        assert "Suggestions are being computed…" in page
        assert "No suggestions yet — they are computed after approval." in page

    def test_not_for_visitors_or_other_organisations(self, client, initiative):
        _suggest(initiative, _university())
        assert "TU Eindhoven" not in client.get(initiative.get_absolute_url()).text
        outsider = UserFactory(verified=True)
        OrganisationFactory(owner=outsider)
        client.force_login(outsider)
        page = client.get(initiative.get_absolute_url()).text
        assert "TU Eindhoven" not in page
        assert 'id="suggested-heading"' not in page

    def test_not_while_the_initiative_is_not_public(self, member_client, initiative):
        _suggest(initiative, _university())
        initiative.status = ModerationStatus.PENDING
        initiative.save(update_fields=["status"])
        page = member_client.get(initiative.get_absolute_url()).text
        assert 'id="suggested-heading"' not in page

    def test_the_queries_do_not_grow_with_the_suggestions(
        self, member_client, initiative, mobility
    ):
        _suggest_one_with_a_past(initiative, 1, mobility)
        member_client.get(initiative.get_absolute_url())  # warms the caches
        with CaptureQueriesContext(connection) as one:
            member_client.get(initiative.get_absolute_url())
        _suggest_one_with_a_past(initiative, 2, mobility)
        _suggest_one_with_a_past(initiative, 3, mobility)
        with CaptureQueriesContext(connection) as three:
            response = member_client.get(initiative.get_absolute_url())
        assert len(response.context["suggestions_preview"]) == 3
        assert len(three) == len(one)


class TestStateOfTheSuggestions:
    def test_empty_before_any_are_computed(self, member_client, initiative):
        page = member_client.get(_url(initiative)).text
        assert "No suggestions yet — they are computed after approval." in page
        assert "Last computed" not in page

    def test_last_computed(self, member_client, initiative):
        computed = timezone.now().replace(year=2026, month=11, day=30, hour=9)
        InitiativeMatchingStateFactory(
            initiative=initiative, requested_at=computed, computed_at=computed
        )
        _suggest(initiative, _university())
        page = member_client.get(_url(initiative)).text
        assert "Last computed" in page
        assert "30 November 2026" in page
        assert "being computed" not in page

    def test_being_computed(self, member_client, initiative):
        computed = timezone.now() - timedelta(days=1)
        InitiativeMatchingStateFactory(
            initiative=initiative,
            computed_at=computed,
            requested_at=timezone.now(),
        )
        page = member_client.get(_url(initiative)).text
        assert "Suggestions are being computed…" in page
        assert "Last computed" in page


class TestDismissing:
    def test_a_dismissed_suggestion_is_recorded_and_hidden(
        self, member_client, member, initiative
    ):
        university = _university()
        _suggest(initiative, university, rank=3, algorithm_version=7)
        response = member_client.post(_dismiss_url(initiative, university))
        assert response.status_code == 302
        assert response.url == _url(initiative)
        dismissal = MatchDismissal.objects.get()
        assert (dismissal.initiative, dismissal.organisation) == (
            initiative,
            university,
        )
        assert dismissal.direction == FOR_INITIATIVE
        assert dismissal.dismissed_by == member
        assert (dismissal.rank, dismissal.algorithm_version) == (3, 7)
        page = member_client.get(response.url).text
        assert "TU Eindhoven will not be suggested for this initiative again." in page
        assert "Dismiss – TU Eindhoven" not in page

    def test_dismissing_twice_is_harmless(self, member_client, initiative):
        university = _university()
        _suggest(initiative, university)
        member_client.post(_dismiss_url(initiative, university))
        member_client.post(_dismiss_url(initiative, university))
        assert MatchDismissal.objects.count() == 1

    def test_it_stays_hidden_when_computed_again(self, member_client, initiative):
        university = _university()
        suggestion = _suggest(initiative, university)
        member_client.post(_dismiss_url(initiative, university))
        suggestion.delete()
        _suggest(initiative, university, rank=1)
        page = member_client.get(_url(initiative)).text
        assert "Dismiss – TU Eindhoven" not in page

    def test_only_the_owners_members_dismiss(self, client, initiative):
        university = _university()
        _suggest(initiative, university)
        client.force_login(UserFactory(verified=True))
        assert client.post(_dismiss_url(initiative, university)).status_code == 403
        assert not MatchDismissal.objects.exists()

    def test_dismiss_takes_only_a_post(self, member_client, initiative):
        university = _university()
        assert (
            member_client.get(_dismiss_url(initiative, university)).status_code == 405
        )

    def test_a_visitor_logs_in_first(self, client, initiative):
        response = client.post(_dismiss_url(initiative, _university()))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        assert not MatchDismissal.objects.exists()

    def test_the_form_carries_a_csrf_token(self, member_client, initiative):
        _suggest(initiative, _university())
        page = member_client.get(_url(initiative)).text
        assert 'name="csrfmiddlewaretoken"' in page


class TestTheSuggestedTeam:
    @pytest.fixture
    def seeking_three(self, initiative):
        for sector in [HelixSector.BUSINESS, HelixSector.CIVIL_SOCIETY]:
            SoughtSector.objects.create(initiative=initiative, sector=sector)
        return initiative

    def test_one_per_sector_and_why(self, member_client, seeking_three):
        initiative = seeking_three
        university = _university()
        company = OrganisationFactory(name="Signify", sector=HelixSector.BUSINESS)
        stronger = OrganisationFactory(name="Philips", sector=HelixSector.BUSINESS)
        InitiativePartnerFactory(
            initiative=InitiativeFactory(title="Light lab", owner=university),
            organisation=company,
        )
        _suggest(initiative, stronger, rank=1, parts={"text": 0.65})
        _suggest(initiative, university, rank=2, parts={"text": 0.6})
        _suggest(initiative, company, rank=3, parts={"text": 0.6})
        response = member_client.get(_url(initiative))
        team = response.context["team"]
        assert [member.organisation for member in team.members] == [
            company,
            university,
        ]
        page = response.text
        assert "A suggested team" in page
        assert "Together they cover business and knowledge institutions." in page
        assert "Signify and TU Eindhoven worked together on Light lab." in page
        assert "No organisation from civil society is among the suggestions yet" in page

    def test_in_dutch(self, member_client, seeking_three):
        _suggest(seeking_three, _university())
        _suggest(
            seeking_three,
            OrganisationFactory(name="Signify", sector=HelixSector.BUSINESS),
            rank=2,
        )
        with translation.override("nl"):
            page = member_client.get(_url(seeking_three)).text
        assert "Samen dekken ze bedrijfsleven en kennisinstellingen." in page
        assert (
            "Er is nog geen organisatie uit het maatschappelijk middenveld bij de "
            "suggesties"
        ) in page

    def test_sectors_without_candidates_are_named(self, member_client, seeking_three):
        SoughtSector.objects.create(
            initiative=seeking_three, sector=HelixSector.GOVERNMENT
        )
        _suggest(seeking_three, _university())
        page = member_client.get(_url(seeking_three)).text
        assert (
            "No organisations from government, business or civil society are among "
            "the suggestions yet"
        ) in page
        assert "Together they cover" not in page

    def test_not_for_an_initiative_seeking_one_sector(self, member_client, initiative):
        _suggest(initiative, _university())
        response = member_client.get(_url(initiative))
        assert response.context["team"] is None
        assert "A suggested team" not in response.text


# The organisation's side -------------------------------------------------------


@pytest.fixture
def organisation(member):
    university = _university()
    MembershipFactory(organisation=university, user=member)
    return university


def _organisation_url(organisation):
    return reverse(
        "projects:organisation_suggestions", kwargs={"slug": organisation.slug}
    )


def _suggest_initiative(organisation, initiative, rank=1, **fields):
    return _suggest(
        initiative, organisation, rank=rank, direction=FOR_ORGANISATION, **fields
    )


def _elsewhere(title, **fields):
    owner = OrganisationFactory(name=f"Owner of {title}")
    initiative = InitiativeFactory(title=title, owner=owner, **fields)
    SoughtSector.objects.create(initiative=initiative, sector=HelixSector.KNOWLEDGE)
    initiative.expertise_sought.add("sensors")
    return initiative


class TestAnOrganisationsSuggestions:
    def test_a_visitor_is_asked_to_log_in(self, client, organisation):
        response = client.get(_organisation_url(organisation))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_only_its_members_see_them(self, client, organisation):
        client.force_login(UserFactory(verified=True))
        assert client.get(_organisation_url(organisation)).status_code == 404

    def test_initiatives_with_reasons(self, member_client, organisation):
        _suggest_initiative(organisation, _elsewhere("Quiet streets"), rank=2)
        _suggest_initiative(organisation, _elsewhere("Smart lighting Helmond"))
        response = member_client.get(_organisation_url(organisation))
        page = response.text
        assert page.index("Smart lighting Helmond") < page.index("Quiet streets")
        assert "Seeks a knowledge institution — you are one" in page
        assert "Asks for what you offer: sensors" in page
        assert "Owner of Quiet streets" in page

    def test_names_whom_of_its_team_the_organisation_worked_with(
        self, member_client, organisation
    ):
        helmond = OrganisationFactory(name="Gemeente Helmond")
        suspended = OrganisationFactory(
            name="Hidden Company", status=ModerationStatus.SUSPENDED
        )
        earlier = InitiativeFactory(title="Living lab", owner=helmond)
        for partner in [organisation, suspended]:
            InitiativePartnerFactory(initiative=earlier, organisation=partner)
        initiative = _elsewhere("Quiet streets")
        for partner in [helmond, suspended]:
            InitiativePartnerFactory(initiative=initiative, organisation=partner)
        _suggest_initiative(organisation, initiative, parts={"collaboration": 0.5})
        page = member_client.get(_organisation_url(organisation)).text
        assert "You have worked with Gemeente Helmond before" in page
        assert "Hidden Company" not in page

    def test_reasons_in_dutch(self, member_client, organisation):
        _suggest_initiative(organisation, _elsewhere("Quiet streets"))
        with translation.override("nl"):
            page = member_client.get(_organisation_url(organisation)).text
        assert "Zoekt een kennisinstelling — dat bent u" in page
        assert "Initiatieven die u kunnen gebruiken" in page

    def test_initiatives_no_longer_public_are_not_shown(
        self, member_client, organisation
    ):
        _suggest_initiative(
            organisation, _elsewhere("Paused plan", paused_at=timezone.now())
        )
        suspended_owner = _elsewhere("Suspended owner's plan")
        suspended_owner.owner.status = ModerationStatus.SUSPENDED
        suspended_owner.owner.save()
        _suggest_initiative(organisation, suspended_owner, rank=2)
        _suggest_initiative(organisation, _elsewhere("Public plan"), rank=3)
        page = member_client.get(_organisation_url(organisation)).text
        assert "Paused plan" not in page
        assert "Suspended owner" not in page
        assert "Public plan" in page

    def test_dismissing_one(self, member_client, member, organisation):
        initiative = _elsewhere("Quiet streets")
        _suggest_initiative(organisation, initiative)
        response = member_client.post(
            reverse(
                "projects:organisation_suggestion_dismiss",
                kwargs={"slug": organisation.slug, "initiative": initiative.slug},
            ),
            follow=True,
        )
        dismissal = MatchDismissal.objects.get()
        assert dismissal.direction == FOR_ORGANISATION
        assert dismissal.dismissed_by == member
        assert "Quiet streets will not be suggested to TU Eindhoven again." in (
            response.text
        )
        assert "Dismiss – Quiet streets" not in response.text
        # The initiative's owner still sees the organisation suggested.
        assert not MatchDismissal.objects.filter(direction=FOR_INITIATIVE).exists()

    def test_someone_else_cannot_dismiss(self, client, organisation):
        initiative = _elsewhere("Quiet streets")
        _suggest_initiative(organisation, initiative)
        client.force_login(UserFactory(verified=True))
        response = client.post(
            reverse(
                "projects:organisation_suggestion_dismiss",
                kwargs={"slug": organisation.slug, "initiative": initiative.slug},
            )
        )
        assert response.status_code == 404
        assert not MatchDismissal.objects.exists()

    def test_being_computed_and_empty(self, member_client, organisation):
        OrganisationMatchingStateFactory(
            organisation=organisation, computed_at=None, requested_at=timezone.now()
        )
        page = member_client.get(_organisation_url(organisation)).text
        assert "Suggestions are being computed…" in page
        assert "No suggestions yet — they are computed after approval." in page

    def test_the_dashboard_links_to_each_organisations_page(
        self, member_client, organisation, member_organisation
    ):
        page = member_client.get(reverse("partners:my_organisations")).text
        assert f'href="{_organisation_url(organisation)}"' in page
        assert f'href="{_organisation_url(member_organisation)}"' in page

    def test_the_dashboard_counts_each_organisations_suggestions(
        self, client, member, organisation, member_organisation
    ):
        for number in range(3):
            _suggest_initiative(organisation, _elsewhere(f"Plan {number}"), number + 1)
        hidden = _elsewhere("Paused plan")
        hidden.paused_at = timezone.now()
        hidden.save(update_fields=["paused_at"])
        _suggest_initiative(organisation, hidden, rank=4)
        _suggest_initiative(member_organisation, _elsewhere("Plan for us"))
        client.force_login(member)
        page = client.get(reverse("partners:my_organisations")).text
        assert "(3 suggestions)" in page
        assert "(1 suggestion)" in page
        with translation.override("nl"):
            page = client.get(reverse("partners:my_organisations")).text
        assert "(3 suggesties)" in page

    def test_the_dashboard_asks_once_however_many_organisations(
        self, client, member, organisation, member_organisation
    ):
        client.force_login(member)
        url = reverse("partners:my_organisations")
        client.get(url)  # warms the site's caches
        with CaptureQueriesContext(connection) as two:
            client.get(url)
        for number in range(3):
            other = OrganisationFactory(name=f"Other {number}")
            MembershipFactory(organisation=other, user=member)
            _suggest_initiative(other, _elsewhere(f"Plan {number}"))
        with CaptureQueriesContext(connection) as five:
            client.get(url)
        assert len(five) == len(two)

    def test_the_queries_do_not_grow_with_the_suggestions(
        self, member_client, organisation, django_assert_max_num_queries
    ):
        _suggest_initiative(organisation, _elsewhere("Plan 1"))
        member_client.get(_organisation_url(organisation))  # warms the site's caches
        with CaptureQueriesContext(connection) as one:
            member_client.get(_organisation_url(organisation))
        for rank in range(2, 21):
            initiative = _elsewhere(f"Plan {rank}")
            InitiativePartnerFactory(initiative=initiative)
            _suggest_initiative(organisation, initiative, rank=rank)
        with django_assert_max_num_queries(MAX_QUERIES):
            response = member_client.get(_organisation_url(organisation))
        assert len(response.context["suggestions"]) == 20
        with CaptureQueriesContext(connection) as twenty:
            member_client.get(_organisation_url(organisation))
        assert len(twenty) == len(one)
