import pytest
from django.db import IntegrityError
from django.utils import translation
from wagtail.models import Locale

from hub.factories import ThemeFactory
from hub.models import SustainableDevelopmentGoal
from hub.sdgs import sustainable_development_goals_sync

pytestmark = pytest.mark.django_db


def test_goal_is_named_in_the_visitors_language():
    goal = SustainableDevelopmentGoal.objects.get(number=11)
    with translation.override("nl"):
        assert str(goal) == "11. Duurzame steden en gemeenschappen"
    with translation.override("en"):
        assert str(goal) == "11. Sustainable cities and communities"


def test_goals_sync_restores_the_fixed_list():
    SustainableDevelopmentGoal.objects.all().delete()
    sustainable_development_goals_sync(SustainableDevelopmentGoal)
    assert SustainableDevelopmentGoal.objects.count() == 17


def test_theme_slug_is_unique_within_a_language():
    ThemeFactory(slug="ocean-cities")
    with pytest.raises(IntegrityError):
        ThemeFactory(slug="ocean-cities")


def test_theme_translation_shares_its_slug_in_another_language():
    theme = ThemeFactory(slug="ocean-cities", name="Ocean cities")
    dutch = Locale.objects.get(language_code="nl")
    translated = theme.copy_for_translation(dutch)
    translated.name = "Oceaansteden"
    translated.save()
    assert translated.get_translation(theme.locale) == theme
