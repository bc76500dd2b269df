import io
import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from hub.factories import UserFactory
from hub.models import SustainableDevelopmentGoal, Theme
from partners import services
from partners.factories import (
    JoinRequestFactory,
    MembershipFactory,
    OrganisationFactory,
)
from partners.models import (
    ORGANISATION_STATUSES,
    MemberRole,
    Membership,
    ModerationStatus,
    Organisation,
)


@pytest.fixture(autouse=True)
def _empty_registry(db):
    """These tests count organisations from an empty registry, without the
    demo site's."""
    Organisation.objects.all().delete()


pytestmark = pytest.mark.django_db

REGISTER_URL = "/en/organisations/register/"
SIMILAR_URL = "/en/organisations/register/similar/"
DASHBOARD_URL = "/en/my/organisations/"


def form_data(**changes) -> dict:
    return {
        "name": "Gemeente Eindhoven",
        "short_name": "",
        "sector": "government",
        "kind": "municipality",
        "description": "The city of light and design.",
        "website": "https://www.eindhoven.nl/",
        "city": "Eindhoven",
        "country": "NL",
        "expertise": "smart lighting, open data",
        "offers": "",
        "offer_tags": "",
        "seeks": "",
        "seek_tags": "",
        "contact_email": "",
        **changes,
    }


def png(name="logo.png", size=(64, 32)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0b4f6c").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def noisy_png(size=(1100, 1000)) -> SimpleUploadedFile:
    """Random pixels do not compress: well over the 2 MB a logo may be."""
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def signed_in(client, registrant):
    client.force_login(registrant)
    return registrant


def edit_url(organisation) -> str:
    return f"/en/organisations/{organisation.slug}/edit/"


def reconfirm_url(organisation) -> str:
    return f"/en/organisations/{organisation.slug}/reconfirm/"


def withdraw_url(organisation) -> str:
    return f"/en/organisations/{organisation.slug}/withdraw/"


class TestAccess:
    @pytest.mark.parametrize(
        "url", [REGISTER_URL, SIMILAR_URL, DASHBOARD_URL, "/en/organisations/x/edit/"]
    )
    def test_anonymous_visitors_are_asked_to_log_in_and_come_back(self, client, url):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/en/accounts/login/?next={url}"

    def test_a_user_without_a_verified_address_registers_nothing(self, client):
        client.force_login(UserFactory())
        response = client.post(REGISTER_URL, form_data())
        assert "verify" in response.text.lower()
        assert not Organisation.objects.exists()


class TestRegister:
    def test_registration_awaits_review_with_the_user_as_owner(self, client, signed_in):
        response = client.post(REGISTER_URL, form_data())
        organisation = Organisation.objects.get()
        assert response.status_code == 302
        assert response["Location"] == "/en/organisations/gemeente-eindhoven/"
        assert organisation.status == ModerationStatus.PENDING
        membership = Membership.objects.get(organisation=organisation)
        assert (membership.user, membership.role) == (signed_in, MemberRole.OWNER)
        assert sorted(organisation.expertise.names()) == ["open data", "smart lighting"]
        dashboard = client.get(DASHBOARD_URL).text
        assert "Gemeente Eindhoven is registered and awaits review" in dashboard
        assert "Awaiting review." in dashboard

    def test_the_form_uploads_files(self, client, signed_in):
        page = client.get(REGISTER_URL).text
        assert 'enctype="multipart/form-data"' in page

    def test_kinds_are_grouped_by_sector(self, client, signed_in):
        page = client.get(REGISTER_URL).text
        assert '<optgroup label="Government">' in page
        assert '<optgroup label="Knowledge institution">' in page

    def test_themes_and_goals_are_saved(self, client, signed_in):
        theme = Theme.objects.filter(locale__language_code="en").first()
        client.post(
            REGISTER_URL,
            form_data(themes=[theme.pk], sustainable_development_goals=[7, 11]),
        )
        organisation = Organisation.objects.get()
        assert list(organisation.themes.all()) == [theme]
        assert sorted(
            goal.number for goal in organisation.sustainable_development_goals.all()
        ) == [7, 11]

    def test_themes_are_offered_in_the_visitors_language(self, client, signed_in):
        page = client.get("/nl/organisations/register/").text
        assert "Klimaatmitigatie en energie" in page
        assert "Climate mitigation and energy" not in page

    def test_dutch_theme_names_still_save_the_default_language_theme(
        self, client, signed_in
    ):
        theme = Theme.objects.get(
            locale__language_code="en", slug="climate-mitigation-energy"
        )
        client.post("/nl/organisations/register/", form_data(themes=[theme.pk]))
        assert list(Organisation.objects.get().themes.all()) == [theme]

    def test_goals_are_offered_in_the_visitors_language(self, client, signed_in):
        page = client.get("/nl/organisations/register/").text
        assert SustainableDevelopmentGoal.objects.get(number=7).name_nl in page


class TestRegisterErrors:
    def test_errors_keep_what_was_typed(self, client, signed_in):
        response = client.post(
            REGISTER_URL,
            form_data(
                name="",
                description="We light the city.",
                contact_email="not-an-address",
                offers="Test sites on our streets.",
            ),
        )
        assert response.status_code == 200
        assert not Organisation.objects.exists()
        page = response.text
        assert "Please enter your organisation&#x27;s name." in page
        assert "Please enter an e-mail address such as info@example.org." in page
        assert "We light the city." in page
        assert "Test sites on our streets." in page
        assert 'value="not-an-address"' in page
        assert 'value="smart lighting, open data"' in page
        assert '<option value="municipality" selected>' in page

    def test_the_kind_must_belong_to_the_sector(self, client, signed_in):
        response = client.post(
            REGISTER_URL, form_data(sector="business", kind="municipality")
        )
        assert not Organisation.objects.exists()
        assert (
            "This kind of organisation does not belong to the sector “Business”."
            in response.text
        )

    @pytest.mark.parametrize(
        ("changes", "error"),
        [
            ({"sector": ""}, "Please choose a helix sector."),
            ({"kind": ""}, "Please choose the kind of organisation."),
            ({"country": ""}, "Please choose a country."),
            (
                {"website": "not a web address"},
                "Please enter a web address such as https://www.example.org.",
            ),
            (
                {"expertise": "x" * 101},
                "Each keyword may be at most 100 characters long.",
            ),
        ],
    )
    def test_each_invalid_field_says_what_to_do(
        self, client, signed_in, changes, error
    ):
        response = client.post(REGISTER_URL, form_data(**changes))
        assert response.status_code == 200
        assert error in response.text
        assert not Organisation.objects.exists()

    def test_the_summary_links_each_error_to_its_field(self, client, signed_in):
        response = client.post(REGISTER_URL, form_data(name=""))
        assert '<a href="#id_name">Name: Please enter' in response.text


class TestLogo:
    def test_a_png_logo_is_accepted(self, client, signed_in):
        response = client.post(REGISTER_URL, {**form_data(), "logo": png()})
        assert response.status_code == 302
        logo = Organisation.objects.get().logo
        assert logo.name.startswith("organisations/logos/")
        assert logo.width == 64

    def test_a_text_file_named_png_is_refused(self, client, signed_in):
        fake = SimpleUploadedFile("logo.png", b"just words", content_type="image/png")
        response = client.post(REGISTER_URL, {**form_data(), "logo": fake})
        assert response.status_code == 200
        assert "The logo is not an image we can read." in response.text
        assert not Organisation.objects.exists()

    def test_an_oversized_logo_is_refused(self, client, signed_in):
        response = client.post(REGISTER_URL, {**form_data(), "logo": noisy_png()})
        assert response.status_code == 200
        assert "it may be at most 2.0" in response.text
        assert not Organisation.objects.exists()

    def test_after_other_errors_the_logo_must_be_chosen_again(self, client, signed_in):
        response = client.post(REGISTER_URL, {**form_data(name=""), "logo": png()})
        assert "Please choose the logo again." in response.text

    def test_editing_without_a_new_logo_keeps_the_old_one(self, client, signed_in):
        client.post(REGISTER_URL, {**form_data(), "logo": png()})
        organisation = Organisation.objects.get()
        logo = organisation.logo.name
        client.post(edit_url(organisation), form_data(description="New words."))
        organisation.refresh_from_db()
        assert (organisation.logo.name, organisation.description) == (
            logo,
            "New words.",
        )


class TestDuplicateCheck:
    def test_a_similar_name_stops_registration_until_confirmed(self, client, signed_in):
        existing = OrganisationFactory(name="Gemeente Eindhoven", slug="eindhoven")
        response = client.post(REGISTER_URL, form_data())
        assert response.status_code == 200
        assert list(Organisation.objects.all()) == [existing]
        page = response.text
        assert "Is this your organisation?" in page
        assert 'href="/en/organisations/eindhoven/"' in page
        assert 'href="/en/organisations/eindhoven/join/"' in page
        assert "None of these is my organisation" in page

        response = client.post(REGISTER_URL, form_data(not_a_duplicate="on"))
        assert response.status_code == 302
        assert Organisation.objects.count() == 2

    def test_the_same_website_domain_counts_as_similar(self, client, signed_in):
        OrganisationFactory(name="City of Light", website_domain="eindhoven.nl")
        response = client.post(REGISTER_URL, form_data())
        assert "City of Light" in response.text
        assert Organisation.objects.count() == 1

    def test_organisations_under_review_show_their_name_only(self, client, signed_in):
        OrganisationFactory(
            name="Gemeente Eindhoven",
            slug="under-review",
            status=ModerationStatus.PENDING,
            description="Our secret plans.",
            city="Veldhoven",
        )
        page = client.post(REGISTER_URL, form_data()).text
        assert "Gemeente Eindhoven" in page
        assert "under-review" not in page
        assert "Our secret plans." not in page
        assert "Veldhoven" not in page

    def test_without_similar_organisations_there_is_no_checkbox(
        self, client, signed_in
    ):
        OrganisationFactory(name="University of Twente")
        response = client.post(REGISTER_URL, form_data(name="Gemeente Almere"))
        assert response.status_code == 302
        assert "None of these is my organisation" not in client.get(REGISTER_URL).text

    def test_the_form_checks_live_while_typing(self, client, signed_in):
        page = client.get(REGISTER_URL).text
        assert f'hx-get="{SIMILAR_URL}"' in page
        assert 'id="similar-organisations" aria-live="polite"' in page


class TestLiveSimilarCheck:
    def test_similar_organisations_are_listed(self, client, signed_in):
        OrganisationFactory(name="Gemeente Eindhoven", slug="eindhoven")
        response = client.get(SIMILAR_URL, {"name": "Gemeente Eindhovn"})
        assert response.status_code == 200
        assert "Is this your organisation?" in response.text
        assert "/en/organisations/eindhoven/join/" in response.text
        assert "<html" not in response.text

    def test_a_matching_website_is_found_while_typing(self, client, signed_in):
        OrganisationFactory(name="City of Light", website_domain="eindhoven.nl")
        response = client.get(SIMILAR_URL, {"name": "", "website": "eindhoven.nl/x"})
        assert "City of Light" in response.text

    def test_nothing_is_shown_for_a_new_name(self, client, signed_in):
        OrganisationFactory(name="University of Twente")
        response = client.get(SIMILAR_URL, {"name": "Gemeente Almere"})
        assert response.text.strip() == ""

    def test_a_half_typed_address_is_harmless(self, client, signed_in):
        response = client.get(SIMILAR_URL, {"name": "", "website": "https://["})
        assert response.status_code == 200

    def test_the_tick_is_kept_while_typing(self, client, signed_in):
        OrganisationFactory(name="Gemeente Eindhoven")
        response = client.get(
            SIMILAR_URL, {"name": "Gemeente Eindhoven", "not_a_duplicate": "on"}
        )
        assert 'name="not_a_duplicate"' in response.text
        assert "checked" in response.text


class TestEdit:
    def test_owners_and_editors_may_edit(self, client, signed_in):
        organisation = OrganisationFactory(owner=signed_in)
        editor = MembershipFactory(organisation=organisation).user
        for user in (signed_in, editor):
            client.force_login(user)
            assert client.get(edit_url(organisation)).status_code == 200

    def test_the_form_shows_the_current_profile(self, client, signed_in):
        organisation = OrganisationFactory(owner=signed_in, name="Gemeente Delft")
        organisation.expertise.set(["water", "heat"])
        page = client.get(edit_url(organisation)).text
        assert 'value="Gemeente Delft"' in page
        assert 'value="heat, water"' in page

    def test_others_get_404_for_a_private_profile_and_403_for_a_public_one(
        self, client, signed_in
    ):
        pending = OrganisationFactory(status=ModerationStatus.PENDING)
        approved = OrganisationFactory()
        assert client.get(edit_url(pending)).status_code == 404
        assert client.get(edit_url(approved)).status_code == 403
        assert client.post(edit_url(approved), form_data()).status_code == 403

    def test_saving_an_approved_profile_keeps_it_public(self, client, signed_in):
        organisation = OrganisationFactory(owner=signed_in)
        response = client.post(
            edit_url(organisation), form_data(name="Gemeente Eindhoven NL")
        )
        assert response["Location"] == organisation.get_absolute_url()
        organisation.refresh_from_db()
        assert organisation.name == "Gemeente Eindhoven NL"
        assert organisation.status == ModerationStatus.APPROVED
        assert "are shown on the public page" in client.get(DASHBOARD_URL).text

    def test_saving_after_a_change_request_sends_it_back_for_review(
        self, client, signed_in, moderator
    ):
        organisation = OrganisationFactory(owner=signed_in)
        services.organisation_decide(
            organisation=organisation,
            moderator=moderator,
            action="request_changes",
            reason="Please describe what you offer.",
        )
        page = client.get(edit_url(organisation)).text
        assert "Please describe what you offer." in page
        client.post(edit_url(organisation), form_data(offers="Test streets."))
        organisation.refresh_from_db()
        assert organisation.status == ModerationStatus.PENDING
        assert (
            "sent back to the moderators for review" in client.get(DASHBOARD_URL).text
        )

    def test_errors_keep_what_was_typed_and_change_nothing(self, client, signed_in):
        organisation = OrganisationFactory(owner=signed_in, name="Gemeente Delft")
        response = client.post(
            edit_url(organisation),
            form_data(name="Gemeente Delft-Oost", sector="business"),
        )
        assert response.status_code == 200
        assert 'value="Gemeente Delft-Oost"' in response.text
        assert "<h1>Edit Gemeente Delft</h1>" in response.text
        organisation.refresh_from_db()
        assert organisation.name == "Gemeente Delft"

    def test_a_suspended_profile_cannot_be_edited_and_says_why(self, client, signed_in):
        organisation = OrganisationFactory(
            owner=signed_in,
            status=ModerationStatus.SUSPENDED,
            status_reason="Misleading claims.",
        )
        response = client.get(edit_url(organisation))
        assert response.status_code == 403
        assert "Misleading claims." in response.text
        assert "cannot be edited" in response.text
        response = client.post(edit_url(organisation), form_data(name="Changed"))
        assert response.status_code == 403
        organisation.refresh_from_db()
        assert organisation.name != "Changed"


class TestWithdraw:
    def test_an_owner_confirms_and_withdraws(self, client, signed_in):
        organisation = OrganisationFactory(owner=signed_in, name="Gemeente Delft")
        assert "cannot be undone" in client.get(withdraw_url(organisation)).text
        response = client.post(withdraw_url(organisation))
        assert response["Location"] == DASHBOARD_URL
        assert not Organisation.objects.filter(pk=organisation.pk).exists()
        page = client.get(DASHBOARD_URL).text
        assert "Gemeente Delft has been withdrawn and removed from the hub." in page

    def test_editors_may_not_withdraw(self, client, signed_in):
        organisation = MembershipFactory(user=signed_in).organisation
        assert client.get(withdraw_url(organisation)).status_code == 403
        assert client.post(withdraw_url(organisation)).status_code == 403
        assert Organisation.objects.filter(pk=organisation.pk).exists()

    def test_others_get_404_for_a_private_profile(self, client, signed_in):
        organisation = OrganisationFactory(status=ModerationStatus.PENDING)
        assert client.post(withdraw_url(organisation)).status_code == 404

    def test_anonymous_visitors_are_asked_to_log_in(self, client):
        organisation = OrganisationFactory()
        response = client.post(withdraw_url(organisation))
        assert response["Location"].startswith("/en/accounts/login/?next=")
        assert Organisation.objects.filter(pk=organisation.pk).exists()


class TestReconfirm:
    def test_a_member_confirms_the_profile_for_another_year(self, client, signed_in):
        year_ago = timezone.now() - timedelta(days=400)
        organisation = MembershipFactory(
            user=signed_in,
            organisation=OrganisationFactory(
                reconfirmed_at=year_ago, stale_since=timezone.now()
            ),
        ).organisation
        response = client.post(reconfirm_url(organisation))
        assert response["Location"] == DASHBOARD_URL
        organisation.refresh_from_db()
        assert organisation.reconfirmed_at > year_ago
        assert organisation.stale_since is None
        assert "Thank you for confirming" in client.get(DASHBOARD_URL).text

    def test_it_takes_only_posts(self, client, signed_in):
        organisation = OrganisationFactory(owner=signed_in)
        assert client.get(reconfirm_url(organisation)).status_code == 405

    def test_others_may_not_confirm(self, client, signed_in):
        assert client.post(reconfirm_url(OrganisationFactory())).status_code == 403
        pending = OrganisationFactory(status=ModerationStatus.PENDING)
        assert client.post(reconfirm_url(pending)).status_code == 404

    def test_anonymous_visitors_log_in_and_land_on_their_dashboard(self, client):
        response = client.post(reconfirm_url(OrganisationFactory()))
        assert response["Location"] == f"/en/accounts/login/?next={DASHBOARD_URL}"


class TestDashboard:
    def test_an_empty_dashboard_invites_to_register_or_join(self, client, signed_in):
        page = client.get(DASHBOARD_URL).text
        assert "You are not a member of any organisation yet." in page
        assert f'href="{REGISTER_URL}"' in page

    def test_the_header_links_to_it_for_signed_in_users_only(self, client, signed_in):
        assert f'href="{DASHBOARD_URL}"' in client.get(REGISTER_URL).text
        client.logout()
        assert f'href="{DASHBOARD_URL}"' not in client.get("/en/search/").text

    @pytest.mark.parametrize(
        ("status", "words"),
        [
            (ModerationStatus.PENDING, "Awaiting review."),
            (ModerationStatus.CHANGES_REQUESTED, "Changes requested."),
            (ModerationStatus.APPROVED, "It appears in the public directory."),
            (ModerationStatus.REJECTED, "Rejected."),
            (ModerationStatus.SUSPENDED, "Suspended."),
        ],
    )
    def test_each_status_is_explained(self, client, signed_in, status, words):
        OrganisationFactory(owner=signed_in, status=status)
        assert words in client.get(DASHBOARD_URL).text

    def test_a_change_request_shows_the_reason_and_an_edit_link(
        self, client, signed_in
    ):
        organisation = OrganisationFactory(
            owner=signed_in,
            status=ModerationStatus.CHANGES_REQUESTED,
            status_reason="Add your website.",
        )
        page = client.get(DASHBOARD_URL).text
        assert "Add your website." in page
        assert f'href="{edit_url(organisation)}">Make the requested changes' in page

    def test_a_suspended_organisation_offers_no_edit_link(self, client, signed_in):
        organisation = OrganisationFactory(
            owner=signed_in,
            status=ModerationStatus.SUSPENDED,
            status_reason="Misleading claims.",
        )
        page = client.get(DASHBOARD_URL).text
        assert "Misleading claims." in page
        assert edit_url(organisation) not in page

    def test_the_role_and_reconfirmation_date_are_shown(self, client, signed_in):
        organisation = OrganisationFactory(
            reconfirmed_at=timezone.now() - timedelta(days=10)
        )
        MembershipFactory(organisation=organisation, user=signed_in)
        due = services.reconfirmation_due(organisation)
        page = client.get(DASHBOARD_URL).text
        assert "Your role: Editor" in page
        assert f"Please confirm by {timezone.localtime(due):%-d %B %Y}" in page
        assert reconfirm_url(organisation) in page

    def test_an_outdated_profile_is_flagged(self, client, signed_in):
        OrganisationFactory(
            owner=signed_in,
            reconfirmed_at=timezone.now() - timedelta(days=400),
            stale_since=timezone.now(),
        )
        assert "is marked as outdated" in client.get(DASHBOARD_URL).text

    def test_owners_see_requests_waiting_for_them(self, client, signed_in):
        organisation = OrganisationFactory(owner=signed_in)
        JoinRequestFactory.create_batch(2, organisation=organisation)
        page = client.get(DASHBOARD_URL).text
        assert "2 requests to join await your answer" in page

    def test_the_users_own_open_requests_are_listed(self, client, signed_in):
        JoinRequestFactory(user=signed_in, organisation__name="TU Delft")
        page = client.get(DASHBOARD_URL).text
        assert "Your requests to join" in page
        assert "TU Delft" in page

    def test_queries_do_not_grow_with_the_number_of_organisations(
        self, client, signed_in, django_assert_max_num_queries
    ):
        OrganisationFactory(owner=signed_in)
        JoinRequestFactory(user=signed_in)
        client.get(DASHBOARD_URL)
        with CaptureQueriesContext(connection) as one_of_each:
            client.get(DASHBOARD_URL)
        for status in [value for value, _ in ORGANISATION_STATUSES] * 3:
            OrganisationFactory(owner=signed_in, status=status)
        JoinRequestFactory.create_batch(5, user=signed_in)
        with django_assert_max_num_queries(len(one_of_each)):
            response = client.get(DASHBOARD_URL)
        assert response.text.count('class="hub-card hub-dashboard__item"') == 16
