"""The two halves as one graph: articles name organisations, theme pages show
their lead city and the organisations on the theme, organisations list their
coverage. Readers only ever see approved organisations."""

import pytest
from django.template import Context, Template
from django.utils import translation
from wagtail.models import Locale

from hub.models import Theme
from partners.factories import OrganisationFactory
from partners.models import ModerationStatus
from publications.models import ArticleOrganisation, ArticlePage, ThemePage

pytestmark = pytest.mark.django_db
ARTICLE_SLUG = "shared-mobility-the-norm"


@pytest.fixture
def article(demo_site):
    return ArticlePage.objects.get(slug=ARTICLE_SLUG, locale__language_code="en")


def involve(article, *organisations):
    for organisation in organisations:
        ArticleOrganisation.objects.create(page=article, organisation=organisation)


def test_article_shows_the_approved_organisations_involved(client, article):
    involve(
        article,
        OrganisationFactory(name="Gemeente Utrecht"),
        OrganisationFactory(
            name="Pending Mobility BV", status=ModerationStatus.PENDING
        ),
        OrganisationFactory(name="Suspended Cars", status=ModerationStatus.SUSPENDED),
    )
    html = client.get(article.url).text
    assert "Organisations involved" in html
    assert "Gemeente Utrecht" in html
    assert "Pending Mobility BV" not in html
    assert "Suspended Cars" not in html


def test_article_without_organisations_has_no_empty_section(client, article):
    assert "Organisations involved" not in client.get(article.url).text


def test_article_query_count_does_not_grow_with_its_organisations(
    client, article, django_assert_max_num_queries
):
    involve(article, OrganisationFactory())
    client.get(article.url)
    # 35 with the initiatives involved (one query for all of them).
    with django_assert_max_num_queries(35) as one:
        client.get(article.url)
    involve(article, *OrganisationFactory.create_batch(5))
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(article.url)


def test_theme_page_names_its_approved_lead_city(client, demo_site):
    page = ThemePage.objects.get(slug="mobility", locale__language_code="en")
    page.lead_city = OrganisationFactory(name="Gemeente Amsterdam")
    page.save_revision().publish()
    assert "Lead city:" in client.get(page.url).text
    page.lead_city.status = ModerationStatus.SUSPENDED
    page.lead_city.save()
    assert "Gemeente Amsterdam" not in client.get(page.url).text


def test_theme_page_lists_organisations_on_its_theme(client, demo_site):
    theme = Theme.objects.get(slug="mobility", locale__language_code="en")
    on_theme = OrganisationFactory(name="Bike Collective")
    on_theme.themes.add(theme)
    hidden = OrganisationFactory(name="Waiting Wheels", status=ModerationStatus.PENDING)
    hidden.themes.add(theme)
    OrganisationFactory(name="Elsewhere Energy")
    html = client.get("/nl/themas/mobility/").text
    assert "Bike Collective" in html
    assert "Waiting Wheels" not in html
    assert "Elsewhere Energy" not in html


def test_coverage_of_an_organisation_is_listed_in_the_readers_language(article):
    organisation = OrganisationFactory()
    involve(article, organisation)
    dutch = article.get_translation(Locale.objects.get(language_code="nl"))
    involve(dutch, organisation)
    template = Template(
        "{% load publication_tags %}{% articles_mentioning organisation as found %}"
        "{% for article in found %}{{ article.title }}|{% endfor %}"
    )
    with translation.override("nl"):
        titles = template.render(Context({"organisation": organisation}))
    assert titles == f"{dutch.title}|"


def test_organisation_page_lists_its_coverage(client, demo_site):
    html = client.get("/nl/organisations/vng/").text
    assert "VNG steunt de G5 bij de NL Smart City Strategie" in html
    assert "VNG backs the G5" not in html


def test_demo_theme_page_names_utrecht_as_lead_city(client, demo_site):
    html = client.get("/en/themes/healthy-urban-living/").text
    assert 'href="/en/organisations/city-of-utrecht/"' in html


@pytest.fixture
def editor_client(client):
    from django.contrib.auth.models import Group

    from hub.factories import UserFactory

    editor = UserFactory(verified=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_editors_choose_among_approved_organisations(editor_client, demo_site):
    from django.urls import reverse

    OrganisationFactory(name="Waiting Wheels", status=ModerationStatus.PENDING)
    url = reverse("organisation_chooser:choose")
    html = editor_client.get(url).json()["html"]
    assert "City of Utrecht" in html
    assert "Waiting Wheels" not in html
    found = editor_client.get(
        reverse("organisation_chooser:choose_results"), {"q": "Utrecht"}
    ).text
    assert "City of Utrecht" in found
    assert "City of Rotterdam" not in found


def test_editors_open_an_article_with_the_organisation_chooser(editor_client, article):
    involve(article, OrganisationFactory(name="Gemeente Utrecht"))
    response = editor_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert "Choose an organisation" in response.text
