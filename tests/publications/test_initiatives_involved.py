"""Articles name the initiatives involved, theme pages gather the initiatives
on their theme, and an initiative lists its coverage. Readers only ever see
public initiatives."""

import pytest
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from hub.factories import UserFactory
from hub.models import Theme
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus
from projects.factories import InitiativeFactory
from projects.models import Initiative
from publications.models import ArticleInitiative, ArticlePage, ThemePage

pytestmark = pytest.mark.django_db
ARTICLE_SLUG = "shared-mobility-the-norm"


@pytest.fixture
def article(demo_site):
    return ArticlePage.objects.get(slug=ARTICLE_SLUG, locale__language_code="en")


@pytest.fixture
def _no_demo_initiatives(demo_site):
    """For tests that count initiatives on a theme from none, without the
    demo site's."""
    Initiative.objects.all().delete()


@pytest.fixture
def editor_client(client):
    editor = UserFactory(verified=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def involve(article, *initiatives):
    for initiative in initiatives:
        ArticleInitiative.objects.create(page=article, initiative=initiative)


def mobility() -> Theme:
    return Theme.objects.get(slug="mobility", locale__language_code="en")


def initiative_url(initiative) -> str | None:
    # The initiative pages come from another branch: until they are merged
    # the cards show the title without a link.
    try:
        return initiative.get_absolute_url()
    except NoReverseMatch:
        return None


class TestArticle:
    def test_shows_the_public_initiatives_involved_as_cards(self, client, article):
        involve(
            article,
            InitiativeFactory(
                title="Bike hubs for Utrecht",
                summary="Parking for shared bikes near every station.",
                owner=OrganisationFactory(name="Gemeente Utrecht"),
            ),
            InitiativeFactory(title="Waiting idea", status=ModerationStatus.PENDING),
            InitiativeFactory(title="Paused plan", paused_at=timezone.now()),
            InitiativeFactory(
                title="Suspended owner's plan",
                owner=OrganisationFactory(status=ModerationStatus.SUSPENDED),
            ),
        )
        html = client.get(article.url).text
        assert "Initiatives involved" in html
        assert "Bike hubs for Utrecht" in html
        assert "Parking for shared bikes near every station." in html
        assert "Gemeente Utrecht" in html
        assert "Running" in html
        for hidden in ("Waiting idea", "Paused plan", "Suspended owner"):
            assert hidden not in html

    def test_the_card_links_to_the_initiative_page_once_it_exists(
        self, client, article
    ):
        initiative = InitiativeFactory(title="Bike hubs for Utrecht")
        involve(article, initiative)
        html = client.get(article.url).text
        url = initiative_url(initiative)
        if url is None:
            assert "Bike hubs for Utrecht</h3>" in html
        else:
            assert f'<a href="{url}">Bike hubs for Utrecht</a>' in html

    def test_without_initiatives_there_is_no_empty_section(self, client, article):
        assert "Initiatives involved" not in client.get(article.url).text

    def test_query_count_does_not_grow_with_its_initiatives(
        self, client, article, django_assert_max_num_queries
    ):
        involve(article, InitiativeFactory())
        client.get(article.url)
        with django_assert_max_num_queries(40) as one:
            client.get(article.url)
        involve(article, *InitiativeFactory.create_batch(5))
        with django_assert_max_num_queries(len(one.captured_queries)):
            html = client.get(article.url).text
        assert html.count("hub-initiative-card") == 6

    def test_the_demo_g5_article_names_utrecht_healthy_streets(self, client, demo_site):
        html = client.get("/nl/nieuws/vng-steunt-g5-smart-city-strategie/").text
        assert "Healthy streets, measured together" in html


class TestThemePage:
    def test_shows_the_public_initiatives_on_its_theme_in_english_and_dutch(
        self, client, _no_demo_initiatives
    ):
        on_theme = InitiativeFactory(title="Cargo bikes for shops")
        on_theme.themes.add(mobility())
        waiting = InitiativeFactory(
            title="Waiting wheels", status=ModerationStatus.PENDING
        )
        waiting.themes.add(mobility())
        InitiativeFactory(title="Elsewhere energy")
        page = ThemePage.objects.get(slug="mobility", locale__language_code="en")
        for url in (page.url, "/nl/themas/mobility/"):
            html = client.get(url).text
            assert "Cargo bikes for shops" in html
            assert "Waiting wheels" not in html
            assert "Elsewhere energy" not in html

    def test_shows_the_latest_six(self, client, _no_demo_initiatives):
        for number in range(8):
            InitiativeFactory(title=f"Mobility plan {number}").themes.add(mobility())
        html = client.get("/en/themes/mobility/").text
        assert html.count("hub-initiative-card") == 6
        assert "Mobility plan 7" in html
        assert "Mobility plan 0" not in html

    def test_says_so_when_there_are_none(self, client, _no_demo_initiatives):
        html = client.get("/en/themes/mobility/").text
        assert "No initiatives on this theme yet." in html

    def test_query_count_does_not_grow_with_its_initiatives(
        self, client, _no_demo_initiatives, django_assert_max_num_queries
    ):
        InitiativeFactory().themes.add(mobility())
        client.get("/en/themes/mobility/")
        with django_assert_max_num_queries(40) as one:
            client.get("/en/themes/mobility/")
        for initiative in InitiativeFactory.create_batch(5):
            initiative.themes.add(mobility())
        with django_assert_max_num_queries(len(one.captured_queries)):
            client.get("/en/themes/mobility/")

    def test_the_demo_theme_pages_show_the_demo_initiatives(self, client, demo_site):
        html = client.get("/nl/themas/healthy-urban-living/").text
        assert "Healthy streets, measured together" in html
        assert (
            "A shared heat network for Strijp"
            not in client.get("/en/themes/climate-mitigation-energy/").text
        )


class TestCoverage:
    def test_an_initiatives_coverage_is_in_the_readers_language(self, article):
        initiative = InitiativeFactory()
        involve(article, initiative)
        dutch = article.get_translation(Locale.objects.get(language_code="nl"))
        involve(dutch, initiative)
        template = Template(
            "{% load publication_tags %}"
            "{% articles_mentioning_initiative initiative as coverage %}"
            '{% include "projects/includes/initiative_coverage.html" %}'
        )
        with translation.override("nl"):
            html = template.render(Context({"initiative": initiative}))
        assert "In het nieuws" in html
        assert dutch.title in html
        assert article.title not in html

    def test_articles_naming_an_initiative_are_its_article_mentions(self, article):
        initiative = InitiativeFactory()
        involve(article, initiative)
        assert [m.page_id for m in initiative.article_mentions.all()] == [article.pk]

    def test_no_coverage_renders_nothing(self):
        html = render_to_string(
            "projects/includes/initiative_coverage.html", {"coverage": []}
        )
        assert html.strip() == ""


class TestChooser:
    def test_editors_choose_among_public_initiatives(self, editor_client, demo_site):
        InitiativeFactory(title="Waiting idea", status=ModerationStatus.PENDING)
        html = editor_client.get(reverse("initiative_chooser:choose")).json()["html"]
        assert "Street lights that think along" in html
        assert "Waiting idea" not in html
        assert "A shared heat network for Strijp" not in html
        found = editor_client.get(
            reverse("initiative_chooser:choose_results"), {"q": "schoolyards"}
        ).text
        assert "Schoolyards that hold the rain" in found
        assert "Street lights that think along" not in found

    def test_editors_open_an_article_with_the_initiative_chooser(
        self, editor_client, article
    ):
        involve(article, InitiativeFactory())
        response = editor_client.get(f"/admin/pages/{article.pk}/edit/")
        assert response.status_code == 200
        assert "Choose an initiative" in response.text

    def test_visitors_cannot_open_the_chooser(self, client, demo_site):
        response = client.get(reverse("initiative_chooser:choose"))
        assert response.status_code == 302
