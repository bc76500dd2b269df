import csv
import io
import json
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.open_data import INITIATIVE_COLUMNS, ORGANISATION_COLUMNS
from tests.projects.open_data_registry import (
    CONTACT_EMAIL,
    HIDDEN,
    OWNER_EMAIL,
    UTRECHT,
    many_public,
    registry_build,
    registry_clear,
)

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "json", "geojson"]
DATASETS = ["initiatives", "organisations"]
PAGE = "/en/data/"
PRIVATE_KEYS = {
    "contact_email",
    "email",
    "status",
    "status_reason",
    "members",
    "memberships",
    "created_by",
    "external_id",
    "decisions",
    "submitted_at",
    "paused_at",
}


def _url(dataset, format, language="en"):
    return f"/{language}/data/{dataset}.{format}"


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _records(client, dataset, format, **filters) -> list[dict]:
    """The records of a download, whatever its format, as dicts."""
    response = client.get(_url(dataset, format), filters)
    assert response.status_code == 200
    text = _text(response)
    if format == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    document = json.loads(text)
    if format == "geojson":
        return [feature["properties"] for feature in document["features"]]
    return document[dataset]


def _slugs(client, dataset, format, **filters) -> list[str]:
    return [record["slug"] for record in _records(client, dataset, format, **filters)]


def assert_valid_geojson(document: dict) -> None:
    """RFC 7946: a FeatureCollection of Point features in WGS 84, each
    position [longitude, latitude] as numbers in range."""
    assert document["type"] == "FeatureCollection"
    assert isinstance(document["features"], list)
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        assert feature["geometry"]["type"] == "Point"
        position = feature["geometry"]["coordinates"]
        assert len(position) == 2
        assert all(isinstance(n, float | int) and math.isfinite(n) for n in position)
        longitude, latitude = position
        assert -180 <= longitude <= 180
        assert -90 <= latitude <= 90
    # RFC 7946 section 4: no "crs" member; WGS 84 is implied.
    assert "crs" not in document


@pytest.fixture
def registry(demo_site):
    return registry_build()


class TestOnlyWhatIsPublic:
    @pytest.mark.parametrize("format", FORMATS)
    @pytest.mark.parametrize("dataset", DATASETS)
    def test_a_download_holds_approved_records_only(
        self, client, registry, dataset, format
    ):
        text = _text(client.get(_url(dataset, format)))
        assert HIDDEN not in text
        assert "hidden-" not in text
        expected = {
            "initiatives": ["smart-lighting-utrecht"],
            "organisations": ["city-of-utrecht", "invited-partner-co", "lumen-lab"],
        }[dataset]
        assert _slugs(client, dataset, format) == expected

    @pytest.mark.parametrize("format", FORMATS)
    @pytest.mark.parametrize("dataset", DATASETS)
    def test_a_download_holds_no_e_mail_address_nor_moderation_data(
        self, client, registry, dataset, format
    ):
        text = _text(client.get(_url(dataset, format)))
        for secret in (OWNER_EMAIL, CONTACT_EMAIL, "member@example.org", "@"):
            assert secret not in text
        assert "Checked by phone" not in text
        for record in _records(client, dataset, format):
            assert not set(record) & PRIVATE_KEYS

    def test_an_initiative_names_only_its_confirmed_approved_partners(
        self, client, registry
    ):
        (initiative,) = _records(client, "initiatives", "json")
        assert initiative["partners"] == ["lumen-lab"]
        assert initiative["owner"] == "city-of-utrecht"


class TestFormats:
    def test_csv_has_a_header_and_a_row_per_record(self, client, registry):
        response = client.get(_url("initiatives", "csv"))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(_text(response))))
        assert rows[0] == INITIATIVE_COLUMNS
        record = dict(zip(rows[0], rows[1], strict=True))
        assert record["title"] == "Smart Lighting Utrecht"
        assert record["themes"] == "mobility"
        assert record["sustainable_development_goals"] == "7; 11"
        assert record["sectors_sought"] == "business"
        assert record["longitude"] == str(UTRECHT[0])
        assert len(rows) == 2

    def test_organisations_csv_has_the_organisation_columns(self, client, registry):
        text = _text(client.get(_url("organisations", "csv")))
        assert next(csv.reader(io.StringIO(text))) == ORGANISATION_COLUMNS

    @pytest.mark.parametrize("format", FORMATS)
    @pytest.mark.parametrize("dataset", DATASETS)
    def test_a_download_is_a_file_with_its_name(
        self, client, registry, dataset, format
    ):
        response = client.get(_url(dataset, format))
        assert response["Content-Disposition"] == (
            f'attachment; filename="smart-cities-hub-{dataset}.{format}"'
        )
        assert "creativecommons.org/licenses/by/4.0" in response["Link"]

    def test_csv_streams(self, client, registry):
        assert client.get(_url("organisations", "csv")).streaming

    @pytest.mark.parametrize("format", ["json", "geojson"])
    def test_json_and_geojson_state_the_licence_and_attribution(
        self, client, registry, format
    ):
        document = json.loads(_text(client.get(_url("organisations", format))))
        assert document["licence"] == {
            "name": "CC BY 4.0",
            "url": "https://creativecommons.org/licenses/by/4.0/",
        }
        assert "CORDIS" in document["attribution"]

    def test_a_record_from_cordis_carries_its_attribution(self, client, registry):
        records = {r["slug"]: r for r in _records(client, "organisations", "json")}
        assert "CORDIS" in records["lumen-lab"]["attribution"]
        assert records["lumen-lab"]["source"] == "cordis"
        assert records["city-of-utrecht"]["attribution"] == ""

    @pytest.mark.parametrize("dataset", DATASETS)
    def test_geojson_is_valid_with_the_longitude_first(self, client, registry, dataset):
        response = client.get(_url(dataset, "geojson"))
        assert response["Content-Type"] == "application/geo+json"
        document = json.loads(_text(response))
        assert_valid_geojson(document)
        positions = {
            f["properties"]["slug"]: f["geometry"]["coordinates"]
            for f in document["features"]
        }
        utrecht = positions[
            "smart-lighting-utrecht" if dataset == "initiatives" else "city-of-utrecht"
        ]
        assert utrecht == pytest.approx([5.12, 52.09], abs=0.01)

    def test_geojson_leaves_out_what_has_no_place(self, client, registry):
        lab = registry["lab"]
        lab.latitude = lab.longitude = None
        lab.save()
        assert "lumen-lab" not in _slugs(client, "organisations", "geojson")
        assert "lumen-lab" in _slugs(client, "organisations", "json")

    def test_theme_names_are_given_in_every_language(self, client, registry):
        (initiative,) = _records(client, "initiatives", "json")
        assert initiative["themes"] == [
            {"slug": "mobility", "name": {"en": "Mobility", "nl": "Mobiliteit"}}
        ]

    def test_links_point_at_the_english_page(self, client, registry):
        records = {r["slug"]: r for r in _records(client, "organisations", "json")}
        url = records["city-of-utrecht"]["url"]
        assert url.endswith("/en/organisations/city-of-utrecht/")
        assert url.startswith("http")


class TestFilters:
    @pytest.mark.parametrize("format", FORMATS)
    def test_initiatives_filter_by_the_lists_facets(self, client, registry, format):
        lighting = ["smart-lighting-utrecht"]
        assert _slugs(client, "initiatives", format, theme="mobility") == lighting
        assert _slugs(client, "initiatives", format, theme="circular-economy") == []
        assert _slugs(client, "initiatives", format, sdg="7") == lighting
        assert _slugs(client, "initiatives", format, sdg="1") == []
        assert _slugs(client, "initiatives", format, stage="idea") == []
        assert _slugs(client, "initiatives", format, sector="business") == lighting
        assert _slugs(client, "initiatives", format, sector="knowledge") == []
        assert _slugs(client, "initiatives", format, country="BE") == []
        assert _slugs(client, "initiatives", format, city="utrecht") == lighting
        assert _slugs(client, "initiatives", format, q="lighting") == lighting

    @pytest.mark.parametrize("format", FORMATS)
    def test_organisations_filter_by_the_directorys_facets(
        self, client, registry, format
    ):
        assert _slugs(client, "organisations", format, sector="business") == [
            "lumen-lab"
        ]
        assert _slugs(client, "organisations", format, kind="sme") == ["lumen-lab"]
        assert _slugs(client, "organisations", format, country="BE") == ["lumen-lab"]
        assert _slugs(client, "organisations", format, country="DE") == []
        assert _slugs(client, "organisations", format, theme="mobility") == [
            "city-of-utrecht"
        ]
        assert _slugs(client, "organisations", format, sdg="11") == ["city-of-utrecht"]

    @pytest.mark.parametrize(
        ("dataset", "filters"),
        [
            ("initiatives", {"stage": "dreaming"}),
            ("initiatives", {"sdg": "18"}),
            ("initiatives", {"theme": "spaceflight"}),
            ("initiatives", {"country": "XX"}),
            ("initiatives", {"sector": "church"}),
            ("organisations", {"kind": "guild"}),
            ("organisations", {"sdg": "zero"}),
        ],
    )
    def test_a_value_that_is_not_known_is_answered_400_in_words(
        self, client, registry, dataset, filters
    ):
        response = client.get(_url(dataset, "csv"), filters)
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert "The download was not made" in response.content.decode()
        (value,) = filters.values()
        assert value in response.content.decode()

    def test_the_400_is_in_the_visitors_language(self, client, registry):
        response = client.get(_url("initiatives", "json", "nl"), {"stage": "x"})
        assert response.status_code == 400
        assert "De download is niet gemaakt" in response.content.decode()


class TestQueryCounts:
    @pytest.mark.parametrize("format", FORMATS)
    @pytest.mark.parametrize("dataset", DATASETS)
    def test_queries_do_not_grow_with_the_records(
        self, client, demo_site, dataset, format
    ):
        registry_clear()
        counts = []
        for added in (5, 20):  # 5 records, then 25
            many_public(added)
            with CaptureQueriesContext(connection) as queries:
                records = _records(client, dataset, format)
            counts.append((len(queries), len(records)))
        (few, few_records), (many, many_records) = counts
        assert many_records > few_records >= 5
        assert few == many
        assert many <= 14


class TestDataPage:
    def test_explains_the_licence_and_links_every_download(self, client, registry):
        response = client.get(PAGE)
        assert response.status_code == 200
        text = response.text
        assert "CC BY 4.0" in text
        assert "CORDIS" in text
        for dataset in DATASETS:
            for format in FORMATS:
                assert f'href="{_url(dataset, format)}"' in text

    def test_downloads_keep_the_filters_of_the_address(self, client, registry):
        text = client.get(PAGE, {"country": "NL", "stage": "idea"}).text
        assert 'href="/en/data/initiatives.csv?country=NL&amp;stage=idea"' in text
        # Organisations have no stage.
        assert 'href="/en/data/organisations.csv?country=NL"' in text
        assert 'href="/en/data/"' in text

    def test_is_in_dutch(self, client, registry):
        response = client.get("/nl/data/")
        assert response.status_code == 200
        assert "Licentie" in response.text

    def test_the_directory_links_its_list_as_downloads(self, client, registry):
        text = client.get("/en/organisations/", {"sector": "business"}).text
        assert 'href="/en/data/organisations.csv?sector=business"' in text
        assert 'href="/en/data/organisations.geojson?sector=business"' in text

    def test_the_footer_links_the_data_and_statistics(self, client, registry):
        text = client.get("/en/organisations/").text
        assert 'href="/en/data/"' in text
        assert 'href="/en/statistics/"' in text
