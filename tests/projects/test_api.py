import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.projects.open_data_registry import (
    CONTACT_EMAIL,
    HIDDEN,
    OWNER_EMAIL,
    hidden_slugs,
    many_public,
    registry_build,
    registry_clear,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/"
OPENAPI = "/api/v1/openapi.json"
LISTS = {
    "initiatives": "InitiativeList",
    "organisations": "OrganisationList",
    "themes": "ThemeList",
    "sdgs": "SustainableDevelopmentGoalList",
}


@pytest.fixture
def registry(demo_site):
    return registry_build()


@pytest.fixture
def openapi_document(client, demo_site):
    response = client.get(OPENAPI)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def conforms(openapi_document):
    """Asserts that a JSON value is valid against a schema of the document."""
    registry = Registry().with_resource(
        "urn:openapi",
        Resource.from_contents(openapi_document, default_specification=DRAFT202012),
    )

    def check(value, schema_name: str):
        validator = Draft202012Validator(
            {"$ref": f"urn:openapi#/components/schemas/{schema_name}"},
            registry=registry,
            format_checker=FormatChecker(),
        )
        errors = [error.message for error in validator.iter_errors(value)]
        assert errors == []

    return check


class TestOpenAPIDocument:
    def test_is_a_valid_openapi_document(self, openapi_document):
        validate(openapi_document)
        assert openapi_document["openapi"].startswith("3.1")

    def test_describes_every_path_of_the_api(self, openapi_document):
        assert set(openapi_document["paths"]) == {
            "/initiatives/",
            "/initiatives/{slug}/",
            "/organisations/",
            "/organisations/{slug}/",
            "/themes/",
            "/sdgs/",
        }

    def test_names_every_facet_of_the_lists(self, openapi_document):
        parameters = {
            path: {p["name"] for p in item["get"]["parameters"]}
            for path, item in openapi_document["paths"].items()
        }
        assert parameters["/initiatives/"] == {
            "q", "theme", "sdg", "stage", "sector", "country", "city",
            "page", "page_size",
        }  # fmt: skip
        assert parameters["/organisations/"] == {
            "q", "theme", "sdg", "kind", "sector", "country", "city",
            "page", "page_size",
        }  # fmt: skip

    def test_the_api_root_lists_its_addresses(self, client, demo_site):
        response = client.get(API)
        assert response.status_code == 200
        assert response.json()["openapi"].endswith(OPENAPI)


class TestAnswersConform:
    @pytest.mark.parametrize("name", LISTS)
    def test_each_list_conforms_to_its_schema(self, client, registry, conforms, name):
        response = client.get(f"{API}{name}/")
        assert response.status_code == 200
        assert response.json()["results"]
        conforms(response.json(), LISTS[name])

    def test_an_initiative_conforms(self, client, registry, conforms):
        response = client.get(f"{API}initiatives/smart-lighting-utrecht/")
        assert response.status_code == 200
        conforms(response.json(), "Initiative")
        assert response.json()["partners"] == ["lumen-lab"]

    def test_an_organisation_conforms(self, client, registry, conforms):
        response = client.get(f"{API}organisations/lumen-lab/")
        conforms(response.json(), "Organisation")
        assert "CORDIS" in response.json()["attribution"]

    def test_errors_conform(self, client, registry, conforms):
        for response in (
            client.get(f"{API}initiatives/", {"stage": "dreaming"}),
            client.get(f"{API}initiatives/no-such-thing/"),
            client.post(f"{API}initiatives/"),
        ):
            conforms(response.json(), "Error")

    def test_the_sdgs_come_with_their_colours(self, client, registry):
        goals = client.get(f"{API}sdgs/").json()
        assert goals["count"] == 17
        assert goals["results"][12] == {
            "number": 13,
            "name": {"en": "Climate action", "nl": "Klimaatactie"},
            "colour": "#3F7E44",
        }


class TestOnlyWhatIsPublic:
    @pytest.mark.parametrize("name", ["initiatives", "organisations"])
    def test_a_list_holds_approved_records_only(self, client, registry, name):
        text = client.get(f"{API}{name}/", {"page_size": 100}).text
        assert HIDDEN not in text
        assert "hidden-" not in text

    @pytest.mark.parametrize("name", ["initiatives", "organisations"])
    def test_a_hidden_record_is_not_found(self, client, registry, name):
        for slug in hidden_slugs()[name]:
            response = client.get(f"{API}{name}/{slug}/")
            assert response.status_code == 404, slug
            assert response.json() == {
                "detail": f"There is no public {name[:-1]} with this slug."
            }

    @pytest.mark.parametrize(
        "path",
        [
            "initiatives/",
            "organisations/",
            "initiatives/smart-lighting-utrecht/",
            "organisations/city-of-utrecht/",
        ],
    )
    def test_no_e_mail_address_is_given(self, client, registry, path):
        text = client.get(f"{API}{path}").text
        for secret in (OWNER_EMAIL, CONTACT_EMAIL, "member@example.org", "@"):
            assert secret not in text
        assert "Checked by phone" not in text
        for key in ("contact_email", "status", "status_reason", "email"):
            assert f'"{key}"' not in text


class TestPages:
    def test_a_list_is_cut_into_pages_with_links(self, client, demo_site):
        registry_clear()
        many_public(12)
        first = client.get(f"{API}initiatives/", {"page_size": 5}).json()
        assert first["count"] == 12
        assert len(first["results"]) == 5
        assert first["previous"] is None
        assert (
            first["next"] == "http://testserver/api/v1/initiatives/?page_size=5&page=2"
        )
        last = client.get(f"{API}initiatives/", {"page_size": 5, "page": 3}).json()
        assert len(last["results"]) == 2
        assert last["next"] is None
        assert last["previous"].endswith("page=2")
        slugs = {r["slug"] for r in first["results"]} | {
            r["slug"] for r in last["results"]
        }
        assert len(slugs) == 7

    def test_the_page_links_keep_the_filters(self, client, registry):
        many_public(3)
        body = client.get(
            f"{API}initiatives/", {"stage": "idea", "page_size": 1}
        ).json()
        assert "stage=idea" in body["next"]

    def test_a_page_past_the_last_is_not_found(self, client, registry):
        response = client.get(f"{API}organisations/", {"page": 9})
        assert response.status_code == 404
        assert response.json()["detail"] == "There is no page 9."

    @pytest.mark.parametrize(
        "query",
        [{"page": "first"}, {"page": "0"}, {"page_size": "101"}, {"page_size": "0"}],
    )
    def test_a_page_that_is_not_a_number_is_a_bad_request(
        self, client, registry, query
    ):
        response = client.get(f"{API}themes/", query)
        assert response.status_code == 400
        assert set(response.json()["errors"]) == set(query)


class TestFilters:
    def test_initiatives_filter_by_the_lists_facets(self, client, registry):
        def slugs(**filters):
            body = client.get(f"{API}initiatives/", filters).json()
            return [r["slug"] for r in body["results"]]

        assert slugs(theme="mobility", sdg="11") == ["smart-lighting-utrecht"]
        assert slugs(stage="idea") == []
        assert slugs(sector="business", country="NL") == ["smart-lighting-utrecht"]
        assert slugs(country="BE") == []

    def test_organisations_filter_by_the_directorys_facets(self, client, registry):
        body = client.get(f"{API}organisations/", {"sector": "business"}).json()
        assert [r["slug"] for r in body["results"]] == ["lumen-lab"]
        assert body["count"] == 1

    @pytest.mark.parametrize(
        ("name", "query"),
        [
            ("initiatives", {"stage": "dreaming"}),
            ("initiatives", {"sdg": "42"}),
            ("initiatives", {"theme": "spaceflight"}),
            ("initiatives", {"country": "Atlantis"}),
            ("organisations", {"sector": "church"}),
            ("organisations", {"kind": "guild"}),
        ],
    )
    def test_a_value_that_is_not_known_is_answered_400(
        self, client, registry, name, query
    ):
        response = client.get(f"{API}{name}/", query)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        (field,) = query
        assert query[field] in response.json()["errors"][field][0]

    def test_the_errors_are_in_the_language_asked_for(self, client, registry):
        response = client.get(
            f"{API}initiatives/", {"stage": "x"}, headers={"accept-language": "nl"}
        )
        assert response.status_code == 400
        assert response.json()["errors"]["stage"] == [
            "Er is geen fase “x”. Kies er een uit de lijst."
        ]


class TestMethods:
    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_only_reads(self, client, registry, method):
        response = getattr(client, method)(f"{API}initiatives/")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert response.json()["detail"]

    def test_head_is_answered(self, client, registry):
        assert client.head(f"{API}organisations/").status_code == 200

    def test_an_unknown_address_is_a_json_404_without_a_redirect(self, client):
        for path in (f"{API}initiatives/nothing-here/", f"{API}nothing/"):
            response = client.get(path)
            assert response.status_code == 404
            assert response["Content-Type"] == "application/json"


class TestQueryCounts:
    @pytest.mark.parametrize("name", ["initiatives", "organisations"])
    def test_a_list_takes_as_many_queries_for_25_records_as_for_5(
        self, client, demo_site, name
    ):
        registry_clear()
        counts = []
        for added in (5, 20):
            many_public(added)
            with CaptureQueriesContext(connection) as queries:
                body = client.get(f"{API}{name}/", {"page_size": 100}).json()
            counts.append((len(queries), len(body["results"])))
        (few, few_results), (many, many_results) = counts
        assert many_results > few_results >= 5
        assert few == many
        assert many <= 14

    def test_a_record_takes_a_fixed_number_of_queries(
        self, client, registry, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(10):
            client.get(f"{API}initiatives/smart-lighting-utrecht/")
