"""Registering and editing an initiative as its owners do it: the form, its
drafts and errors, images, pausing, withdrawing, and the dashboard."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from hub.factories import UserFactory
from hub.models import Theme
from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import ModerationAction, ModerationStatus
from projects import selectors
from projects.factories import InitiativeFactory, InitiativePartnerFactory
from projects.models import Initiative, InitiativeDecision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_initiatives")]

REGISTER_URL = "/en/initiatives/register/"
DASHBOARD_URL = "/en/my/initiatives/"


def edit_url(initiative) -> str:
    return f"/en/initiatives/{initiative.slug}/edit/"


@pytest.fixture
def theme(db):
    return Theme.objects.get(locale__language_code="en", slug="mobility")


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return member


def form_data(*, action="submit", **changes) -> dict:
    data = {
        "action": action,
        "title": "Smart lighting on the Stratumseind",
        "summary": "Street lights that dim when the street is empty.",
        "description": "",
        "stage": "planning",
        "city": "Eindhoven",
        "country": "NL",
        "tags": "lighting, sensors",
        "partners_sought": "",
        "expertise_sought": "",
        "start_date": "",
        "end_date": "",
        "contact_email": "",
        "links-TOTAL_FORMS": "2",
        "links-INITIAL_FORMS": "0",
        "links-0-url": "",
        "links-0-label": "",
        "links-1-url": "",
        "links-1-label": "",
        "images-TOTAL_FORMS": "2",
        "images-INITIAL_FORMS": "0",
        "images-0-alt_text": "",
        "images-1-alt_text": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def png(name="street.png", size=(64, 32)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0b4f6c").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)


class TestWithoutAnOrganisation:
    def test_a_user_without_an_approved_organisation_is_told_what_to_do(self, client):
        client.force_login(UserFactory(verified=True))
        page = client.get(REGISTER_URL).text
        assert "You are not a member of an approved organisation yet" in page
        assert 'href="/en/organisations/register/"' in page
        assert 'href="/en/organisations/"' in page
        assert "<form" not in page.split("<main")[-1]

    def test_a_member_of_an_organisation_under_review_is_asked_to_wait(self, client):
        user = UserFactory(verified=True)
        OrganisationFactory(owner=user, status=ModerationStatus.PENDING)
        client.force_login(user)
        page = client.get(REGISTER_URL).text
        assert "Yours has not been approved yet" in page


class TestDrafts:
    def test_a_draft_needs_only_a_title(self, client, signed_in):
        response = client.post(
            REGISTER_URL,
            form_data(action="draft", summary="", city="", country="", tags=""),
        )
        initiative = Initiative.objects.get()
        assert response.status_code == 302
        assert response["Location"] == edit_url(initiative)
        assert initiative.status == ModerationStatus.DRAFT
        assert initiative.created_by == signed_in
        assert not selectors.initiatives_awaiting_review().exists()

    def test_a_resumed_draft_shows_what_was_saved(self, client, signed_in, theme):
        client.post(
            REGISTER_URL,
            form_data(
                action="draft",
                description="Dimmed at night, bright when people pass.",
                themes=[theme.pk],
                sectors_sought=["knowledge"],
                expertise_sought="data science, funding advice",
                **{"links-0-url": "https://example.org/light", "links-0-label": "Plan"},
            ),
        )
        initiative = Initiative.objects.get()
        page = client.get(edit_url(initiative)).text
        assert 'value="Smart lighting on the Stratumseind"' in page
        assert "Dimmed at night, bright when people pass." in page
        assert 'value="lighting, sensors"' in page
        assert "data science" in page and "funding advice" in page
        assert f'value="{theme.pk}" class="utrecht-checkbox' in page.replace(
            "checked ", ""
        )
        assert 'value="knowledge"' in page and "checked" in page
        assert 'value="https://example.org/light"' in page
        assert '<option value="planning" selected>' in page
        assert "Not sent yet" in page

    def test_a_draft_resumed_and_sent_goes_to_the_review_queue(
        self, client, signed_in, theme
    ):
        client.post(REGISTER_URL, form_data(action="draft"))
        initiative = Initiative.objects.get()
        response = client.post(
            edit_url(initiative), form_data(action="submit", themes=[theme.pk])
        )
        assert response.status_code == 302
        assert response["Location"] == DASHBOARD_URL
        assert list(selectors.initiatives_awaiting_review()) == [initiative]
        dashboard = client.get(DASHBOARD_URL).text
        assert "has been sent for review" in dashboard
        assert "Awaiting review." in dashboard


class TestSendingForReview:
    def test_sending_registers_it_for_review_with_everything_typed(
        self, client, signed_in, theme
    ):
        response = client.post(
            REGISTER_URL,
            form_data(
                themes=[theme.pk],
                sustainable_development_goals=[11],
                sectors_sought=["knowledge", "business"],
                start_date="2027-01-01",
                end_date="2027-12-31",
                **{"links-0-url": "example.org/plan", "links-0-label": "The plan"},
            ),
        )
        assert response.status_code == 302
        initiative = Initiative.objects.get()
        assert list(selectors.initiatives_awaiting_review()) == [initiative]
        assert initiative.owner.name == "Gemeente Eindhoven"
        assert sorted(initiative.tags.names()) == ["lighting", "sensors"]
        assert set(initiative.sought_sectors.values_list("sector", flat=True)) == {
            "knowledge",
            "business",
        }
        assert [
            goal.number for goal in initiative.sustainable_development_goals.all()
        ] == [11]
        assert list(initiative.links.values_list("url", "label")) == [
            ("https://example.org/plan", "The plan")
        ]

    @pytest.mark.parametrize(
        ("changes", "error"),
        [
            ({"summary": ""}, "Please write a short summary of the initiative."),
            ({"city": ""}, "Please enter the city where the initiative takes place."),
            (
                {"country": ""},
                "Please choose the country where the initiative takes place.",
            ),
            ({"stage": ""}, "Please choose the stage the initiative is in."),
            ({}, "Please choose at least one theme."),
        ],
    )
    def test_sending_needs_what_a_moderator_reviews(
        self, client, signed_in, changes, error
    ):
        response = client.post(REGISTER_URL, form_data(**changes))
        assert response.status_code == 200
        assert error in response.text
        assert not Initiative.objects.exists()

    def test_a_member_of_several_organisations_chooses_the_owner(
        self, client, signed_in, theme
    ):
        other = OrganisationFactory(owner=signed_in, name="Brainport Development")
        page = client.get(REGISTER_URL).text
        assert '<select name="owner"' in page
        client.post(REGISTER_URL, form_data(owner=other.pk, themes=[theme.pk]))
        assert Initiative.objects.get().owner == other

    def test_no_one_registers_for_an_organisation_they_are_not_in(
        self, client, signed_in, theme
    ):
        other = OrganisationFactory(name="Someone Else")
        response = client.post(
            REGISTER_URL, form_data(owner=other.pk, themes=[theme.pk])
        )
        assert "Please choose one of your approved organisations" in response.text
        assert not Initiative.objects.exists()


class TestErrors:
    def test_errors_keep_what_was_typed(self, client, signed_in, theme):
        response = client.post(
            REGISTER_URL,
            form_data(
                title="",
                description="We light the city.",
                contact_email="not-an-address",
                themes=[theme.pk],
                start_date="2027-05-01",
                end_date="2027-01-01",
                **{"links-0-url": "https://example.org/x"},
            ),
        )
        assert response.status_code == 200
        assert not Initiative.objects.exists()
        page = response.text
        assert "Please enter the initiative&#x27;s title." in page
        assert "Please enter an e-mail address such as info@example.org." in page
        assert "The end date must be on or after the start date." in page
        assert "Please say in a few words where the link leads." in page
        assert "We light the city." in page
        assert 'value="not-an-address"' in page
        assert 'value="lighting, sensors"' in page
        assert 'value="2027-05-01"' in page
        assert 'value="https://example.org/x"' in page
        assert '<option value="planning" selected>' in page
        # The summary at the top links to each field.
        assert 'href="#id_title"' in page
        assert 'href="#id_end_date"' in page
        assert 'href="#id_links-0-label"' in page

    def test_the_end_date_error_is_on_the_end_date(self, client, signed_in, theme):
        page = client.post(
            REGISTER_URL,
            form_data(
                themes=[theme.pk], start_date="2027-05-01", end_date="2027-01-01"
            ),
        ).text
        assert (
            'id="id_end_date-error">The end date must be on or after the start date.'
            in page
        )

    def test_errors_are_in_dutch_on_the_dutch_form(self, client, signed_in):
        page = client.post("/nl/initiatives/register/", form_data(title="")).text
        assert "Vul de titel van het initiatief in." in page


class TestImages:
    def test_a_valid_png_is_kept_with_its_description(self, client, signed_in, theme):
        client.post(
            REGISTER_URL,
            form_data(
                themes=[theme.pk],
                **{"images-0-image": png(), "images-0-alt_text": "The lit street"},
            ),
        )
        image = Initiative.objects.get().images.get()
        assert image.alt_text == "The lit street"
        assert image.image.name.endswith(".png")

    @pytest.mark.parametrize(
        "upload",
        [
            SimpleUploadedFile("drawing.png", SVG, content_type="image/png"),
            SimpleUploadedFile(
                "notes.png", b"just some text", content_type="image/png"
            ),
        ],
        ids=["svg", "text"],
    )
    def test_a_file_that_is_not_a_raster_image_is_refused_by_its_content(
        self, client, signed_in, theme, upload
    ):
        response = client.post(
            REGISTER_URL,
            form_data(
                themes=[theme.pk],
                description="Kept despite the image.",
                **{"images-0-image": upload, "images-0-alt_text": "A drawing"},
            ),
        )
        assert response.status_code == 200
        assert not Initiative.objects.exists()
        assert "The image is not one we can read." in response.text
        # Everything else typed is still there.
        assert "Kept despite the image." in response.text
        assert 'value="A drawing"' in response.text

    def test_the_image_error_is_in_dutch_on_the_dutch_form(self, client, signed_in):
        response = client.post(
            "/nl/initiatives/register/",
            form_data(
                **{
                    "images-0-image": SimpleUploadedFile("x.png", SVG),
                    "images-0-alt_text": "Tekening",
                }
            ),
        )
        assert "Deze afbeelding kunnen wij niet lezen." in response.text

    def test_an_image_needs_a_description(self, client, signed_in, theme):
        response = client.post(
            REGISTER_URL, form_data(themes=[theme.pk], **{"images-0-image": png()})
        )
        assert "Please describe what the image shows" in response.text
        assert not Initiative.objects.exists()

    def test_a_good_image_must_be_chosen_again_after_other_errors(
        self, client, signed_in
    ):
        response = client.post(
            REGISTER_URL,
            form_data(
                title="", **{"images-0-image": png(), "images-0-alt_text": "Street"}
            ),
        )
        assert "Please choose it again." in response.text

    def test_images_are_removed_when_ticked(self, client, member, member_organisation):
        initiative = InitiativeFactory(owner=member_organisation)
        image = initiative.images.create(image=png(), alt_text="Old picture")
        client.force_login(member)
        data = form_data(
            action="save",
            remove_images=[str(image.pk)],
            **{"images-TOTAL_FORMS": "2"},
        )
        data.update(_themes(initiative))
        client.post(edit_url(initiative), data)
        assert not initiative.images.exists()


def _themes(initiative) -> dict:
    theme = Theme.objects.get(locale__language_code="en", slug="mobility")
    initiative.themes.add(theme)
    return {"themes": [theme.pk]}


class TestEditingAnApprovedInitiative:
    def test_a_significant_edit_is_shown_at_once_and_noted_for_moderators(
        self, client, member, member_organisation
    ):
        initiative = InitiativeFactory(
            owner=member_organisation, title="Smart lighting on the Stratumseind"
        )
        client.force_login(member)
        data = form_data(action="save", summary="Now with sound sensors too.")
        data.update(_themes(initiative))
        response = client.post(edit_url(initiative), data, follow=True)
        initiative.refresh_from_db()
        assert initiative.summary == "Now with sound sensors too."
        assert initiative.is_public
        assert initiative.edited_since_review_at is not None
        decision = InitiativeDecision.objects.get(
            initiative=initiative, action=ModerationAction.EDIT_WHILE_PUBLIC
        )
        assert "summary" in decision.changed_fields
        assert "the moderators have been told" in response.text

    def test_an_approved_initiative_cannot_be_saved_incomplete(
        self, client, member, member_organisation
    ):
        initiative = InitiativeFactory(owner=member_organisation)
        client.force_login(member)
        response = client.post(edit_url(initiative), form_data(action="save", city=""))
        assert (
            "Please enter the city where the initiative takes place." in response.text
        )
        initiative.refresh_from_db()
        assert initiative.city == "Utrecht"

    def test_changes_requested_shows_the_reason_and_can_be_sent_again(
        self, client, member, member_organisation
    ):
        initiative = InitiativeFactory(
            owner=member_organisation,
            status=ModerationStatus.CHANGES_REQUESTED,
            status_reason="Please name the street.",
        )
        client.force_login(member)
        assert "Please name the street." in client.get(DASHBOARD_URL).text
        assert "Please name the street." in client.get(edit_url(initiative)).text
        data = form_data(action="submit")
        data.update(_themes(initiative))
        client.post(edit_url(initiative), data)
        initiative.refresh_from_db()
        assert initiative.status == ModerationStatus.PENDING


class TestPauseResumeWithdraw:
    def test_pausing_hides_it_and_resuming_shows_it_again(
        self, client, member, member_organisation
    ):
        initiative = InitiativeFactory(owner=member_organisation)
        client.force_login(member)
        assert (
            "hidden from the list"
            in client.get(f"/en/initiatives/{initiative.slug}/pause/").text
        )
        client.post(f"/en/initiatives/{initiative.slug}/pause/")
        assert initiative not in selectors.initiatives_public()
        assert "Paused." in client.get(DASHBOARD_URL).text
        client.post(f"/en/initiatives/{initiative.slug}/resume/")
        assert initiative in selectors.initiatives_public()

    def test_withdrawing_deletes_it(self, client, member, member_organisation):
        initiative = InitiativeFactory(owner=member_organisation, title="Old lights")
        client.force_login(member)
        response = client.post(
            f"/en/initiatives/{initiative.slug}/withdraw/", follow=True
        )
        assert not Initiative.objects.exists()
        assert "Old lights has been withdrawn" in response.text


class TestDashboard:
    def test_each_status_is_explained_in_plain_words(
        self, client, member, member_organisation
    ):
        for status in ModerationStatus:
            InitiativeFactory(owner=member_organisation, status=status)
        client.force_login(member)
        page = client.get(DASHBOARD_URL).text
        assert "Not sent yet: resume it" in page
        assert "A moderator will look at it soon" in page
        assert "A moderator asks you to change it" in page
        assert "It is public" in page
        assert "does not belong on the hub" in page
        assert "has taken it off the hub" in page
        assert ">Resume<" in page.replace('<span class="hub-visually-hidden">', "<")

    def test_an_empty_dashboard_invites_a_first_initiative(self, client, signed_in):
        page = client.get(DASHBOARD_URL).text
        assert "Your organisations have no initiatives on the hub yet." in page

    def test_other_organisations_initiatives_are_not_listed(self, client, signed_in):
        InitiativeFactory(title="Not mine at all")
        assert "Not mine at all" not in client.get(DASHBOARD_URL).text

    def test_the_dashboard_is_paginated(self, client, member, member_organisation):
        InitiativeFactory.create_batch(21, owner=member_organisation)
        client.force_login(member)
        page = client.get(DASHBOARD_URL).text
        assert "Page 1 of 2" in page
        assert "Page 2 of 2" in client.get(DASHBOARD_URL + "?page=2").text

    def test_queries_do_not_grow_with_the_number_of_initiatives(
        self, client, member, member_organisation
    ):
        client.force_login(member)

        client.get(DASHBOARD_URL)  # caches of the first request

        def queries_with(count: int) -> int:
            Initiative.objects.all().delete()
            InitiativeFactory.create_batch(count, owner=member_organisation)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(DASHBOARD_URL).status_code == 200
            return len(queries)

        assert queries_with(3) == queries_with(15)

    def test_an_editor_sees_the_initiatives_of_the_organisation(
        self, client, member_organisation
    ):
        editor = MembershipFactory(organisation=member_organisation).user
        InitiativeFactory(owner=member_organisation, title="Shared lights")
        client.force_login(editor)
        assert "Shared lights" in client.get(DASHBOARD_URL).text


class TestPersonalData:
    def test_the_download_holds_initiatives_registered_and_invitations_answered(
        self, client, signed_in, theme
    ):
        client.post(REGISTER_URL, form_data(action="draft", themes=[theme.pk]))
        answered = InitiativePartnerFactory(
            organisation=Initiative.objects.get().owner,
            answered_by=signed_in,
            role="Lends its streets",
        )
        InitiativeFactory(title="Someone else's", owner=answered.initiative.owner)
        data = client.get("/en/account/privacy/download/").json()["initiatives"]
        [registered] = data["initiatives_registered"]
        assert registered["title"] == "Smart lighting on the Stratumseind"
        assert registered["status"] == "draft"
        assert registered["tags"] == ["lighting", "sensors"]
        assert registered["themes"] == [theme.name]
        [invitation] = data["partner_invitations_answered"]
        assert invitation["initiative"] == answered.initiative.title
        assert invitation["role"] == "Lends its streets"


def test_an_initiative_called_register_does_not_take_the_register_address(
    client, signed_in
):
    client.post(REGISTER_URL, form_data(action="draft", title="Register"))
    assert Initiative.objects.get().slug == "register-2"


def test_a_missing_theme_links_to_the_group_of_themes(client, signed_in):
    page = client.post(REGISTER_URL, form_data()).text
    assert '<a href="#id_themes">Themes: Please choose at least one theme.</a>' in page
    assert '<fieldset id="id_themes"' in page
