import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from hub.models import HomePage, HubPartner, SustainableDevelopmentGoal, Theme
from partners.models import HelixSector, Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_demo_content_builds_the_site_in_english_and_dutch(demo_site):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == demo_site
    dutch_home = demo_site.get_translation(Locale.objects.get(language_code="nl"))
    assert dutch_home.live
    assert dutch_home.title == "Klimaatneutrale en slimme steden"


def test_running_demo_content_again_changes_nothing(demo_site, capsys):
    counts = [model.objects.count() for model in (Page, Theme, Organisation)]
    call_command("load_demo_content")
    assert "Nothing to do." in capsys.readouterr().out
    assert [model.objects.count() for model in (Page, Theme, Organisation)] == counts


def test_demo_content_keeps_an_editors_changes(demo_site):
    demo_site.title = "Edited by an editor"
    demo_site.save_revision().publish()
    call_command("load_demo_content")
    assert HomePage.objects.get(pk=demo_site.pk).title == "Edited by an editor"


def test_themes_include_the_hubs_three_perspectives_in_both_languages(demo_site):
    perspectives = Theme.objects.filter(is_perspective=True)
    assert perspectives.filter(locale__language_code="en").count() == 3
    assert set(
        perspectives.filter(locale__language_code="nl").values_list("name", flat=True)
    ) == {"Klimaatmitigatie en energie", "Klimaatadaptatie", "Digitale transformatie"}


def test_all_seventeen_goals_are_there_with_their_colours(demo_site):
    goals = SustainableDevelopmentGoal.objects.all()
    assert [goal.number for goal in goals] == list(range(1, 18))
    assert goals.get(number=13).colour == "#3F7E44"


def test_hub_partners_are_listed_in_order(demo_site):
    assert list(HubPartner.objects.values_list("name", flat=True))[:2] == [
        "Netherlands Enterprise Agency",
        "Amsterdam Smart City",
    ]


def test_demo_organisations_span_the_four_helices(demo_site):
    approved = Organisation.objects.approved()
    assert approved.count() == 12
    assert set(approved.values_list("sector", flat=True)) == set(HelixSector.values)
    utrecht = approved.get(slug="city-of-utrecht")
    assert utrecht.has_coordinates
    assert {theme.slug for theme in utrecht.themes.all()} == {
        "mobility",
        "healthy-urban-living",
    }


def test_one_demo_organisation_awaits_review(demo_site):
    waiting = Organisation.objects.exclude(status="approved")
    assert list(waiting.values_list("slug", flat=True)) == ["rooftop-rain-sensors"]
