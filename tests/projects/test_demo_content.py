"""`load_demo_content` adds a few initiatives around the G5 cities, and the
partners suggested to them."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from partners.demo_content import DEMO_MEMBER
from partners.models import ModerationStatus, Organisation
from projects import selectors
from projects.matching.weights import ALGORITHM_VERSION
from projects.models import (
    Initiative,
    InitiativeMatchingState,
    MatchSuggestion,
    OrganisationMatchingState,
    PartnerState,
    SuggestionDirection,
)

pytestmark = pytest.mark.django_db
G5 = {
    "city-of-amsterdam",
    "city-of-rotterdam",
    "city-of-the-hague",
    "city-of-utrecht",
    "city-of-eindhoven",
}


def test_each_g5_city_owns_a_public_initiative(demo_site):
    owners = set(selectors.initiatives_public().values_list("owner__slug", flat=True))
    assert owners == G5
    assert selectors.initiatives_public().count() == 5


def test_demo_initiatives_have_confirmed_partners_themes_and_goals(demo_site):
    lighting = Initiative.objects.get(slug="smart-street-lighting-eindhoven")
    assert {p.organisation.slug for p in lighting.partnerships.all()} == {
        "eindhoven-university-of-technology",
        "tno",
    }
    assert {p.state for p in lighting.partnerships.all()} == {PartnerState.CONFIRMED}
    assert {theme.slug for theme in lighting.themes.all()} == {
        "climate-mitigation-energy",
        "digital-transformation",
    }
    assert {theme.locale.language_code for theme in lighting.themes.all()} == {"en"}
    assert [goal.number for goal in lighting.sustainable_development_goals.all()] == [
        7,
        9,
        11,
    ]
    assert set(lighting.tags.names()) == {"public lighting", "living lab", "sensors"}
    assert {s.sector for s in lighting.sought_sectors.all()} == {
        "business",
        "civil_society",
    }
    assert lighting.has_coordinates
    assert (str(lighting.start_date), lighting.stage) == ("2024-03-01", "running")


def test_demo_initiatives_span_the_stages(demo_site):
    stages = set(Initiative.objects.values_list("stage", flat=True))
    assert stages == {"idea", "planning", "running", "completed"}


def test_one_demo_initiative_awaits_review(demo_site):
    waiting = Initiative.objects.exclude(status=ModerationStatus.APPROVED)
    assert list(waiting.values_list("slug", "status")) == [
        ("strijp-heat-network", "pending")
    ]
    assert waiting.get().submitted_at is not None


def test_running_it_again_changes_nothing_and_keeps_edits(demo_site, capsys):
    lighting = Initiative.objects.get(slug="smart-street-lighting-eindhoven")
    lighting.title = "Edited by its owners"
    lighting.save()
    lighting.partnerships.filter(organisation__slug="tno").delete()
    count = Initiative.objects.count()
    call_command("load_demo_content")
    # The edit, saved past the services, left only its suggestions out of date.
    out = capsys.readouterr().out
    assert "Demo content ready: 1 objects created." in out
    assert "created suggestion lists for initiatives: 1" in out
    lighting.refresh_from_db()
    assert lighting.title == "Edited by its owners"
    assert lighting.partnerships.count() == 1
    assert Initiative.objects.count() == count


def test_a_deleted_demo_initiative_comes_back(demo_site):
    Initiative.objects.filter(slug="healthy-streets-utrecht").delete()
    call_command("load_demo_content", verbosity=0)
    assert Initiative.objects.get(slug="healthy-streets-utrecht").owner.slug == (
        "city-of-utrecht"
    )


LIGHTING = "smart-street-lighting-eindhoven"  # owned by the demo member's city
PREVIEW = 'id="suggested-heading"'


def _suggested_for(initiative: Initiative):
    return MatchSuggestion.objects.filter(
        direction=SuggestionDirection.FOR_INITIATIVE, initiative=initiative
    ).order_by("rank")


class TestTheDemoSuggestions:
    def test_every_public_initiative_has_partners_suggested_by_this_version(
        self, demo_site
    ):
        for initiative in selectors.initiatives_public():
            suggested = _suggested_for(initiative)
            assert suggested.exists(), initiative.slug
            assert set(suggested.values_list("algorithm_version", flat=True)) == {
                ALGORITHM_VERSION
            }
            state = InitiativeMatchingState.objects.get(initiative=initiative)
            assert state.algorithm_version == ALGORITHM_VERSION

    def test_every_approved_organisation_has_its_list_computed(self, demo_site):
        approved = Organisation.objects.approved()
        computed = OrganisationMatchingState.objects.filter(
            algorithm_version=ALGORITHM_VERSION, computed_at__isnull=False
        )
        assert set(computed.values_list("organisation_id", flat=True)) >= set(
            approved.values_list("pk", flat=True)
        )
        assert MatchSuggestion.objects.filter(
            direction=SuggestionDirection.FOR_ORGANISATION,
            organisation__slug="eindhoven-university-of-technology",
        ).exists()

    def test_the_demo_member_sees_them_on_the_initiatives_page(
        self, demo_site, settings, client, in_english
    ):
        settings.DEBUG = True
        call_command("load_demo_content")
        lighting = Initiative.objects.get(slug=LIGHTING)
        assert PREVIEW not in client.get(lighting.get_absolute_url()).text
        response = client.post(
            reverse("account_login"),
            {"login": DEMO_MEMBER["email"], "password": DEMO_MEMBER["password"]},
        )
        assert response.status_code == 302
        page = client.get(lighting.get_absolute_url()).text
        preview = page[page.index(PREVIEW) :]
        assert "Suggested partners" in preview
        assert escape(_suggested_for(lighting).first().organisation.name) in preview

    def test_a_second_load_computes_nothing_again(self, demo_site, capsys):
        stored = list(
            MatchSuggestion.objects.order_by("pk").values_list("pk", "computed_at")
        )
        capsys.readouterr()
        call_command("load_demo_content")
        assert "Nothing to do." in capsys.readouterr().out
        assert (
            list(
                MatchSuggestion.objects.order_by("pk").values_list("pk", "computed_at")
            )
            == stored
        )
