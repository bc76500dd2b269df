import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from hub.models import HomePage, HubPartner, SustainableDevelopmentGoal, Theme, User
from partners.demo_content import DEMO_MEMBER
from partners.models import HelixSector, MemberRole, Membership, Organisation

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


class TestTheDemoMember:
    """With DEBUG on, an account to sign in as, a member of two demo
    organisations; never with DEBUG off."""

    def test_with_debug_on_it_is_verified_and_the_load_says_how_to_sign_in(
        self, demo_site, settings, capsys
    ):
        settings.DEBUG = True
        call_command("load_demo_content")
        user = User.objects.get(email=DEMO_MEMBER["email"])
        assert user.check_password(DEMO_MEMBER["password"])
        address = EmailAddress.objects.get(user=user)
        assert (address.email, address.verified, address.primary) == (
            DEMO_MEMBER["email"],
            True,
            True,
        )
        assert (
            f"as {DEMO_MEMBER['email']} with the password {DEMO_MEMBER['password']}."
            in capsys.readouterr().out
        )

    def test_it_owns_the_city_of_eindhoven_and_edits_the_university(
        self, demo_site, settings
    ):
        settings.DEBUG = True
        call_command("load_demo_content")
        roles = Membership.objects.filter(user__email=DEMO_MEMBER["email"])
        assert set(roles.values_list("organisation__slug", "role")) == {
            ("city-of-eindhoven", MemberRole.OWNER),
            ("eindhoven-university-of-technology", MemberRole.EDITOR),
        }

    def test_with_debug_off_there_is_none_and_the_load_says_so(
        self, demo_site, settings, capsys
    ):
        settings.DEBUG = False
        call_command("load_demo_content")
        assert not User.objects.filter(email=DEMO_MEMBER["email"]).exists()
        out = capsys.readouterr().out
        assert f"Skipped the demo member {DEMO_MEMBER['email']}: DEBUG is off" in out
        assert DEMO_MEMBER["password"] not in out

    def test_a_second_load_adds_nothing(self, demo_site, settings, capsys):
        settings.DEBUG = True
        call_command("load_demo_content")
        counts = [model.objects.count() for model in (User, EmailAddress, Membership)]
        capsys.readouterr()
        call_command("load_demo_content")
        assert "Nothing to do." in capsys.readouterr().out
        assert [
            model.objects.count() for model in (User, EmailAddress, Membership)
        ] == counts
