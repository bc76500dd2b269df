"""Registry moderators see, per theme of the initiatives, how many
organisations were suggested, how many introductions were asked from those
suggestions and how many accepted, with the rates."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hub.factories import ThemeFactory, UserFactory
from partners.factories import OrganisationFactory
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


@pytest.fixture(autouse=True)
def _only_these(db):
    MatchSuggestion.objects.all().delete()
    Introduction.objects.all().delete()


def _suggest(initiative, direction=SuggestionDirection.FOR_INITIATIVE, rank=1):
    organisation = OrganisationFactory()
    MatchSuggestion.objects.create(
        initiative=initiative,
        organisation=organisation,
        direction=direction,
        rank=rank,
        score=0.5,
        algorithm_version=1,
        computed_at=timezone.now(),
    )
    return organisation


def _introduce(initiative, recipient, status=IntroductionStatus.PENDING, **fields):
    fields.setdefault("origin", IntroductionOrigin.SUGGESTION)
    return IntroductionFactory(
        requester=initiative.owner,
        recipient=recipient,
        initiative=initiative,
        status=status,
        **fields,
    )


@pytest.fixture
def themes():
    return (
        ThemeFactory(name="Smart lighting", slug="smart-lighting"),
        ThemeFactory(name="Water", slug="water"),
    )


@pytest.fixture
def outcomes(themes):
    lighting, water = themes
    lights = InitiativeFactory()
    lights.themes.set([lighting])
    squares = InitiativeFactory()
    squares.themes.set([lighting, water])
    suggested = [_suggest(lights, rank=rank) for rank in range(1, 5)]
    suggested_squares = [_suggest(squares, rank=rank) for rank in range(1, 3)]
    _introduce(lights, suggested[0], IntroductionStatus.ACCEPTED)
    _introduce(lights, suggested[1], IntroductionStatus.DECLINED)
    _introduce(squares, suggested_squares[0], IntroductionStatus.ACCEPTED)
    # Not counted: asked from an organisation's page; an initiative
    # suggested to an organisation; an organisation's own suggestion list.
    _introduce(lights, suggested[2], origin=IntroductionOrigin.ORGANISATION_PAGE)
    _suggest(lights, SuggestionDirection.FOR_ORGANISATION)
    IntroductionFactory(
        recipient=lights.owner,
        initiative=lights,
        origin=IntroductionOrigin.SUGGESTION,
        status=IntroductionStatus.ACCEPTED,
    )


def _rows() -> dict:
    return {
        row.name: (row.suggestions, row.asked, row.accepted)
        for row in introductions.introductions_by_theme(language_code="en")
    }


def test_the_numbers_per_theme_and_in_all(outcomes):
    rows = _rows()

    assert rows["Smart lighting"] == (6, 3, 2)
    assert rows["Water"] == (2, 1, 1)
    assert rows["All themes"] == (6, 3, 2)


def test_the_rates(outcomes):
    row = next(
        row
        for row in introductions.introductions_by_theme(language_code="en")
        if row.name == "Smart lighting"
    )

    assert row.asked_percentage == pytest.approx(50.0)
    assert row.accepted_percentage == pytest.approx(200 / 3)


def test_a_theme_without_suggestions_has_no_rate(themes):
    row = next(
        row
        for row in introductions.introductions_by_theme(language_code="en")
        if row.name == "Water"
    )

    assert (row.suggestions, row.asked_percentage, row.accepted_percentage) == (
        0,
        None,
        None,
    )


def test_queries_do_not_grow_with_the_themes(outcomes):
    with CaptureQueriesContext(connection) as few:
        introductions.introductions_by_theme(language_code="en")
    for _ in range(6):
        theme = ThemeFactory()
        initiative = InitiativeFactory()
        initiative.themes.set([theme])
        _introduce(initiative, _suggest(initiative), IntroductionStatus.ACCEPTED)

    with CaptureQueriesContext(connection) as many:
        introductions.introductions_by_theme(language_code="en")

    assert len(many) == len(few)


def _admin_user(codename: str, app_label: str):
    """Someone who may use the admin and holds one more permission."""
    user = UserFactory(verified=True)
    user.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        ),
        Permission.objects.get(codename=codename, content_type__app_label=app_label),
    )
    return user


class TestPage:
    url = "/admin/registry/introductions-by-theme/"

    def test_registry_moderators_read_the_report(self, client, outcomes):
        client.force_login(_admin_user("moderate_initiative", "projects"))

        page = client.get(self.url).content.decode()
        home = client.get(reverse("wagtailadmin_home")).content.decode()

        assert "Introductions by theme" in page
        assert "Smart lighting" in page
        assert "50.0 %" in page
        assert "66.7 %" in page
        assert self.url in home  # in the Registry menu

    def test_moderators_of_organisations_only_are_refused(self, client, outcomes):
        client.force_login(_admin_user("moderate_organisation", "partners"))

        response = client.get(self.url)
        home = client.get(reverse("wagtailadmin_home")).content.decode()

        assert response.status_code in (302, 403)
        assert "Smart lighting" not in response.content.decode()
        assert self.url not in home

    def test_visitors_are_sent_to_the_admins_log_in(self, client):
        response = client.get(self.url)

        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
