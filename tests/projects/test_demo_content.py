"""`load_demo_content` adds a few initiatives around the G5 cities."""

import pytest
from django.core.management import call_command

from partners.models import ModerationStatus
from projects import selectors
from projects.models import Initiative, PartnerState

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
    assert "Nothing to do." in capsys.readouterr().out
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
