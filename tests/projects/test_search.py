"""Searching initiatives reads the stored search document on PostgreSQL: every
write of their texts keeps it current, and the planner answers from its
index rather than reading every initiative's texts."""

from pathlib import Path

import pytest
from django.db import connection

from partners.importers import cordis as organisations_cordis
from projects import selectors, services
from projects.factories import InitiativeFactory
from projects.importers import cordis
from projects.models import Initiative, InitiativeSource

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_initiatives")]

LIST = "/en/initiatives/"
REAL_DATA = Path("/work/shared/data/cordis")
FIELDS = {
    "title": "Smart lighting on the Stratumseind",
    "summary": "Street lights that dim when the street is empty.",
    "description": "Sensors count passers-by; the lamps follow.",
    "stage": "planning",
    "city": "Eindhoven",
    "country": "NL",
}


def _found(query: str) -> list[str]:
    return sorted(
        selectors.initiatives_search(Initiative.objects.all(), query).values_list(
            "title", flat=True
        )
    )


def _listed(client, query: str) -> list[str]:
    response = client.get(LIST, {"q": query})
    return [initiative.title for initiative in response.context["initiatives"]]


@pytest.fixture
def registered(member, member_organisation, initiative_moderator):
    """An initiative registered through the site and approved."""
    initiative = services.initiative_register(
        user=member, owner=member_organisation, fields=FIELDS
    )
    services.initiative_decide(
        initiative=initiative, moderator=initiative_moderator, action="approve"
    )
    return initiative


class TestTheDocumentStaysCurrent:
    @pytest.mark.smoke
    def test_a_registered_initiative_is_found_by_the_words_of_its_texts(
        self, client, registered
    ):
        """Also on SQLite (``make run``), where search reads the texts."""
        for words in ("Stratumseind", "dim", "passers", "Eindhoven"):
            assert _found(words) == ["Smart lighting on the Stratumseind"], words
        assert _listed(client, "lamps") == ["Smart lighting on the Stratumseind"]

    def test_a_draft_is_found_by_its_owners_words_too(
        self, member, member_organisation
    ):
        services.initiative_draft_create(
            user=member, owner=member_organisation, fields={"title": "Heat atlas"}
        )
        assert _found("atlas") == ["Heat atlas"]

    @pytest.mark.smoke
    def test_after_an_edit_of_its_title_the_new_words_find_it_the_old_do_not(
        self, client, member, registered
    ):
        services.initiative_update(
            initiative=registered,
            user=member,
            fields={"title": "Adaptive street lamps in Strijp"},
        )
        assert _listed(client, "Strijp") == ["Adaptive street lamps in Strijp"]
        assert _listed(client, "Stratumseind") == []

    def test_after_an_edit_of_its_description_and_partners_sought(
        self, member, registered
    ):
        services.initiative_update(
            initiative=registered,
            user=member,
            fields={
                "description": "Cameras count nothing: radar does.",
                "partners_sought": "An installer of luminaires.",
            },
        )
        assert _found("radar") == _found("luminaires") == [registered.title]
        assert _found("passers") == []

    def test_after_a_moderators_correction(self, registered, initiative_moderator):
        services.initiative_correct(
            initiative=registered,
            moderator=initiative_moderator,
            fields={"city": "Helmond"},
        )
        assert _found("Helmond") == [registered.title]
        assert _found("Eindhoven") == []

    def test_saving_an_instance_never_writes_back_the_document_it_holds(
        self, registered
    ):
        """The instance the services returned never read the stored document
        (nor does one read before the last edit hold the current one)."""
        registered.stage = "running"
        registered.save()
        assert _found("passers") == [registered.title]

    def test_the_demo_sites_initiatives_are_found(self, demo_site):
        demo = Initiative.objects.filter(source=InitiativeSource.REGISTERED)
        assert demo.exists()
        assert not demo.filter(search_vector__isnull=True).exists()


# The CORDIS importer writes in bulk, bypassing the services: it stores the
# documents of all it wrote in one statement.
ORGANISATIONS = (
    "pic,legal_name,legal_short_name,activity_type,country_code,legal_url,helix,"
    "city,nuts_3_code,nuts_3_name,city_source,post_code\n"
    "999978001,TECHNISCHE UNIVERSITEIT EINDHOVEN,TU/e,HES,NL,,,EINDHOVEN,,,,\n"
)
PROJECTS_HEADER = (
    "project_id,framework_programme,project_acronym,thematic_priority,topic_code,"
    "topic_description,pillar_abbr,pillar_descr,funding_scheme,legal_basis,"
    "start_date,end_date,start_year,source_file,title,type_of_action,"
    "n_participations,n_coordinator_or_participant,"
    "smart_city_energy_climate_mobility_kw\n"
)
PARTICIPATIONS = (
    "project_id,pic,role,ec_contribution,net_ec_contribution,eu_contribution,"
    "source_file\n"
    "600001,999978001,coordinator,1000.0,,,\n"
    "600002,999978001,coordinator,1000.0,,,\n"
)


def _cordis_import(folder: Path, titles: tuple[str, str]) -> None:
    (folder / "organisations.csv").write_text(ORGANISATIONS, encoding="utf-8")
    (folder / "participations.csv").write_text(PARTICIPATIONS, encoding="utf-8")
    rows = "".join(
        f'{project_id},H2020,,,TOPIC,"Geothermal wells under cities",,,RIA,,'
        f'2014-01-01,2017-12-31,2014,,"{title}",RIA,1,1,False\n'
        for project_id, title in zip(("600001", "600002"), titles, strict=True)
    )
    (folder / "projects.csv").write_text(PROJECTS_HEADER + rows, encoding="utf-8")
    organisations_cordis.organisations_import(directory=folder)
    cordis.initiatives_import(directory=folder)


class TestImportedInitiatives:
    def test_are_found_by_title_and_call_topic(self, tmp_path):
        _cordis_import(tmp_path, ("Heat from mines", "Cold from canals"))
        assert _found("geothermal") == ["Cold from canals", "Heat from mines"]
        assert _found("mines") == ["Heat from mines"]

    def test_a_new_import_stores_the_new_words_in_one_statement(self, tmp_path):
        _cordis_import(tmp_path, ("Heat from mines", "Cold from canals"))
        (tmp_path / "projects.csv").write_text(
            (tmp_path / "projects.csv")
            .read_text(encoding="utf-8")
            .replace("Heat from mines", "Heat from quarries")
            .replace("Cold from canals", "Cold from lakes"),
            encoding="utf-8",
        )
        statements = _Statements()
        with connection.execute_wrapper(statements):
            cordis.initiatives_import(directory=tmp_path)
        assert _found("quarries") == ["Heat from quarries"]
        assert _found("lakes") == ["Cold from lakes"]
        assert _found("mines") == _found("canals") == []
        assert statements.storing_documents == 1


class _Statements:
    def __init__(self):
        self.storing_documents = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.startswith("UPDATE projects_initiative SET search_vector"):
            self.storing_documents += 1
        return execute(sql, params, many, context)


# The planner ------------------------------------------------------------------


def _plan(queryset) -> str:
    with connection.cursor() as cursor:
        # Off so that the planner takes an index wherever one can serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


class TestThePlanner:
    def test_full_text_search_uses_the_index_of_the_stored_document(self):
        InitiativeFactory(title="Heat atlas")
        queryset = selectors.initiatives_search(Initiative.objects.all(), "heat atlas")
        plan = _plan(queryset)
        assert "projects_initiative_search_vector" in plan
        assert "projects_initiative_title_trgm" in plan
        # Nothing parsed again: the stored document is read.
        assert "to_tsvector" not in plan

    def test_ranking_reads_the_stored_document(self):
        queryset = selectors.initiatives_sorted(
            selectors.initiatives_search(Initiative.objects.all(), "heat"),
            sort=selectors.SORT_RELEVANCE,
            q="heat",
        )
        sql, _params = queryset.query.sql_with_params()
        assert "to_tsvector" not in sql
        assert 'ts_rank("projects_initiative"."search_vector"' in sql

    def test_after_a_bulk_import_search_uses_both_indexes_at_default_settings(
        self,
    ):
        """All 3,490 CORDIS projects imported: at PostgreSQL's default
        random_page_cost the planner still reads the indexes rather than
        every initiative's document and title (what GIN's pending list, left
        full after a bulk write, made it do)."""
        organisations_cordis.organisations_import(directory=REAL_DATA)
        cordis.initiatives_import(directory=REAL_DATA)
        queryset = selectors.initiatives_filtered(
            selectors.initiatives_public(), q="energy"
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE projects_initiative, partners_organisation")
            cursor.execute("SET LOCAL random_page_cost = 4")
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "Bitmap Index Scan on projects_initiative_search_vector" in plan, plan
        assert "Bitmap Index Scan on projects_initiative_title_trgm" in plan
        assert "Seq Scan on projects_initiative" not in plan
