import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.factories import OrganisationFactory
from partners.models import HelixSector
from projects.factories import InitiativeFactory
from tests.projects.open_data_registry import (
    goal,
    many_public,
    registry_build,
    registry_clear,
    theme,
)

pytestmark = pytest.mark.django_db

PAGE = "/en/statistics/"


def _table(response, chart_id: str) -> dict:
    """The numbers of one chart, as its context holds them."""
    for section in response.context["sections"]:
        for chart in section["charts"]:
            if chart.id == chart_id:
                return {bar.label: bar.count for bar in chart.bars}
    raise AssertionError(f"No chart {chart_id}")


@pytest.fixture
def registry(demo_site):
    return registry_build()


class TestNumbers:
    def test_counts_public_initiatives_by_theme_and_goal(self, client, registry):
        second = InitiativeFactory(owner=registry["lab"], country="BE")
        second.themes.set([theme("mobility"), theme("circular-economy")])
        second.sustainable_development_goals.set([goal(11)])
        response = client.get(PAGE)
        assert response.status_code == 200
        # The hidden initiatives of the registry count nowhere.
        assert response.context["initiative_count"] == 2
        assert _table(response, "initiatives-by-theme") == {
            "Mobility": 2,
            "Circular economy": 1,
        }
        assert _table(response, "initiatives-by-sdg") == {
            "7. Affordable and clean energy": 1,
            "11. Sustainable cities and communities": 2,
        }
        assert _table(response, "initiatives-by-country") == {
            "Netherlands": 1,
            "Belgium": 1,
        }

    def test_counts_initiatives_by_their_owners_sector(self, client, registry):
        InitiativeFactory(owner=registry["lab"])
        response = client.get(PAGE)
        assert _table(response, "initiatives-by-sector") == {
            "Government": 1,
            "Business": 1,
        }

    def test_counts_approved_organisations_only(self, client, registry):
        response = client.get(PAGE)
        # Utrecht, Lumen Lab and the invited partner; none of the hidden ones.
        assert response.context["organisation_count"] == 3
        assert _table(response, "organisations-by-sector") == {
            "Government": 2,
            "Business": 1,
        }
        assert _table(response, "organisations-by-country") == {
            "Netherlands": 2,
            "Belgium": 1,
        }
        assert _table(response, "organisations-by-theme") == {"Mobility": 1}
        assert _table(response, "organisations-by-sdg") == {
            "11. Sustainable cities and communities": 1
        }

    def test_shows_the_fifteen_countries_with_most_and_adds_up_the_rest(
        self, client, demo_site
    ):
        registry_clear()
        codes = [
            "NL",
            "BE",
            "DE",
            "FR",
            "ES",
            "IT",
            "PT",
            "AT",
            "DK",
            "SE",
            "FI",
            "NO",
            "PL",
            "CZ",
            "IE",
            "GR",
            "HU",
        ]
        for rank, code in enumerate(codes):
            for _ in range(len(codes) - rank):
                OrganisationFactory(country=code)
        table = _table(client.get(PAGE), "organisations-by-country")
        assert len(table) == 16
        assert table["Netherlands"] == 17
        assert table["Other countries"] == 2 + 1

    def test_theme_names_are_in_the_visitors_language(self, client, registry):
        response = client.get("/nl/statistics/")
        assert _table(response, "initiatives-by-theme") == {"Mobiliteit": 1}
        assert "Mobiliteit" in response.text

    def test_the_page_says_when_there_is_nothing_to_count(self, client, demo_site):
        registry_clear()
        response = client.get(PAGE)
        assert response.status_code == 200
        assert "There are no public initiatives or organisations" in response.text
        assert "<svg" not in response.text

    def test_a_chart_without_bars_says_so(self, client, demo_site):
        registry_clear()
        OrganisationFactory(sector=HelixSector.KNOWLEDGE)
        response = client.get(PAGE)
        assert _table(response, "initiatives-by-theme") == {}
        assert "Nothing to count yet." in response.text


class TestCharts:
    def test_each_chart_is_an_image_with_a_name_and_a_table(self, client, registry):
        text = client.get(PAGE).text
        charts = re.findall(r"<svg [^>]*>", text)
        assert len(charts) == 8
        for svg in charts:
            assert 'role="img"' in svg
            (title_id, desc_id) = re.search(
                r'aria-labelledby="([^" ]+) ([^"]+)"', svg
            ).groups()
            assert f'<title id="{title_id}">' in text
            assert f'<desc id="{desc_id}">' in text
        assert text.count("<table") == 8
        assert text.count('<th scope="col">') >= 8
        assert text.count("<caption") == 8

    def test_every_bar_is_named_with_its_number(self, client, registry):
        text = client.get(PAGE).text
        assert '<text class="hub-chart__label" x="0" y="16">Mobility</text>' in text
        assert re.search(r'<text class="hub-chart__number"[^>]*>1</text>', text)
        assert '<desc id="initiatives-by-theme-desc">Mobility: 1</desc>' in text

    def test_goals_are_drawn_in_their_own_colours(self, client, registry):
        text = client.get(PAGE).text
        assert 'fill="#FCC30B"' in text  # goal 7
        assert 'fill="#FD9D24"' in text  # goal 11

    def test_no_inline_style_for_the_content_security_policy(self, client, registry):
        assert " style=" not in client.get(PAGE).text


class TestQueryCounts:
    def test_queries_do_not_grow_with_the_registry(self, client, demo_site):
        registry_clear()
        client.get(PAGE)  # fills the caches of the site's settings and footer
        counts = []
        for added in (5, 20):
            many_public(added)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(PAGE).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]
        assert counts[1] <= 25
