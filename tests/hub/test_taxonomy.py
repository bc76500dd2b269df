import pytest
from django.db import IntegrityError
from django.utils import translation
from wagtail.models import Locale

from hub.factories import ThemeFactory
from hub.models import SustainableDevelopmentGoal

pytestmark = pytest.mark.django_db


def test_goal_is_named_in_the_visitors_language():
    goal = SustainableDevelopmentGoal.objects.get(number=11)
    with translation.override("nl"):
        assert str(goal) == "11. Duurzame steden en gemeenschappen"
    with translation.override("en"):
        assert str(goal) == "11. Sustainable cities and communities"


def test_goals_are_loaded_by_migrations_without_demo_content():
    assert SustainableDevelopmentGoal.objects.count() == 17


def test_theme_slug_is_unique_within_a_language():
    ThemeFactory(slug="mobility")
    with pytest.raises(IntegrityError):
        ThemeFactory(slug="mobility")


def test_theme_translation_shares_its_slug_in_another_language():
    theme = ThemeFactory(slug="mobility", name="Mobility")
    dutch = Locale.objects.create(language_code="nl")
    translated = theme.copy_for_translation(dutch)
    translated.name = "Mobiliteit"
    translated.save()
    assert translated.get_translation(theme.locale) == theme
