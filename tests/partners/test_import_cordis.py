import re
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from partners import selectors, services
from partners.factories import OrganisationFactory
from partners.importers import cordis
from partners.importers.csv_files import ImportFileError
from partners.models import DataSource, ModerationStatus, Organisation

pytestmark = pytest.mark.django_db

# The header line of the real organisations.csv.
HEADER = (
    "pic,legal_name,legal_short_name,activity_type,country_code,legal_url,helix,"
    "city,nuts_3_code,nuts_3_name,city_source,post_code"
)
EINDHOVEN = (
    "999978001,TECHNISCHE UNIVERSITEIT EINDHOVEN,TU/e,HES,NL,www.tue.nl,academia,"
    "EINDHOVEN,NL414,Zuidoost-Noord-Brabant,dashboard-export-2021,"
)


@pytest.fixture(autouse=True)
def _empty_registry(db):
    """These tests count organisations from an empty registry, without the
    demo site's."""
    Organisation.objects.all().delete()


ATHENS = "999978002,ATHENS UNIVERSITY,AU,HES,EL,,academia,ATHINA,,,,"
LONDON = "999978003,LONDON COMPANY LTD,LCL,PRC,UK,http://www.lcl.co.uk,business,,,,,"
REAL_DATA = Path("/work/shared/data/cordis")


def cordis_folder(tmp_path, *rows: str, header: str = HEADER) -> Path:
    (tmp_path / "organisations.csv").write_text(
        "\n".join([header, *rows]) + "\n", encoding="utf-8"
    )
    return tmp_path


def import_rows(tmp_path, *rows: str):
    return cordis.organisations_import(directory=cordis_folder(tmp_path, *rows))


def imported(pic: str) -> Organisation:
    return Organisation.objects.get(source=DataSource.CORDIS, external_id=pic)


def row(pic="999978100", name="Some Organisation", activity="PRC", **fields) -> str:
    values = {
        "short": "",
        "country": "BE",
        "url": "",
        "city": "",
        **fields,
    }
    return (
        f"{pic},{name},{values['short']},{activity},{values['country']},"
        f"{values['url']},,{values['city']},,,,"
    )


class TestCreate:
    def test_organisations_are_created_approved_with_their_details(self, tmp_path):
        import_rows(tmp_path, EINDHOVEN)
        organisation = imported("999978001")
        assert organisation.status == ModerationStatus.APPROVED
        assert (organisation.name, organisation.short_name) == (
            "TECHNISCHE UNIVERSITEIT EINDHOVEN",
            "TU/e",
        )
        assert (organisation.sector, organisation.kind) == ("knowledge", "university")
        assert (str(organisation.country), organisation.city) == ("NL", "Eindhoven")
        assert organisation.website == "https://www.tue.nl"
        assert organisation.website_domain == "tue.nl"
        assert organisation.latitude == pytest.approx(51.44, abs=0.05)
        assert organisation.longitude == pytest.approx(5.48, abs=0.05)
        assert organisation.slug == "technische-universiteit-eindhoven"
        assert organisation.reconfirmed_at is not None

    @pytest.mark.parametrize(
        ("activity", "sector", "kind"),
        [
            ("HES", "knowledge", "university"),
            ("REC", "knowledge", "research_institute"),
            ("PRC", "business", "company"),
            ("PUB", "government", "public_body"),
            ("OTH", "civil_society", "ngo"),
            ("", "", ""),
        ],
    )
    def test_activity_types_map_onto_the_helix(self, tmp_path, activity, sector, kind):
        import_rows(tmp_path, row(activity=activity))
        organisation = imported("999978100")
        assert (organisation.sector, organisation.kind) == (sector, kind)

    def test_greece_and_the_united_kingdom_get_their_iso_codes(self, tmp_path):
        import_rows(tmp_path, ATHENS, LONDON)
        assert str(imported("999978002").country) == "GR"
        assert str(imported("999978003").country) == "GB"

    def test_coordinates_are_found_with_the_corrected_country_code(self, tmp_path):
        import_rows(tmp_path, ATHENS)
        assert imported("999978002").latitude == pytest.approx(37.98, abs=0.05)

    @pytest.mark.parametrize(
        ("written", "stored"),
        [
            ("AIX-EN-PROVENCE", "Aix-en-Provence"),
            ("SAN MICHELE ALL'ADIGE", "San Michele all'Adige"),
            ("'S-HERTOGENBOSCH", "'s-Hertogenbosch"),
            ("BARI (BA)", "Bari (BA)"),
            ("Leiden", "Leiden"),
            ("SAARBR√úCKEN", "Saarbrücken"),
        ],
    )
    def test_cities_are_stored_readably(self, tmp_path, written, stored):
        import_rows(tmp_path, row(city=written))
        assert imported("999978100").city == stored

    def test_without_a_city_there_are_no_coordinates(self, tmp_path):
        import_rows(tmp_path, LONDON)
        organisation = imported("999978003")
        assert organisation.city == ""
        assert not organisation.has_coordinates

    @pytest.mark.parametrize(
        ("written", "stored"),
        [
            ("www.example.be/en/", "https://www.example.be/en/"),
            ("http://www.example.be", "http://www.example.be"),
            ("http://www.example.be ; www.other.be", "http://www.example.be"),
        ],
    )
    def test_websites_get_a_scheme_and_one_address(self, tmp_path, written, stored):
        import_rows(tmp_path, row(url=f'"{written}"'))
        assert imported("999978100").website == stored

    def test_names_quoted_twice_are_unquoted(self, tmp_path):
        import_rows(tmp_path, row(name='"""NATIONAL CENTER """"DEMOKRITOS"""""""'))
        assert imported("999978100").name == 'NATIONAL CENTER "DEMOKRITOS"'

    def test_a_short_name_repeating_the_name_is_left_out(self, tmp_path):
        import_rows(tmp_path, row(name="EUROCITIES", short="Eurocities"))
        assert imported("999978100").short_name == ""

    def test_slugs_stay_unique_among_existing_and_imported(self, tmp_path):
        OrganisationFactory(name="Comunidad de Madrid", slug="comunidad-de-madrid")
        import_rows(
            tmp_path,
            row(pic="999978101", name="COMUNIDAD DE MADRID"),
            row(pic="999978102", name="COMUNIDAD DE MADRID"),
        )
        assert [imported("999978101").slug, imported("999978102").slug] == [
            "comunidad-de-madrid-2",
            "comunidad-de-madrid-3",
        ]

    def test_imported_organisations_are_public(self, tmp_path):
        import_rows(tmp_path, EINDHOVEN)
        assert selectors.organisations_public().filter(external_id="999978001")

    def test_queries_do_not_grow_with_the_number_of_rows(
        self, tmp_path, django_assert_max_num_queries
    ):
        rows = [row(pic=str(999970000 + number)) for number in range(60)]
        folder = cordis_folder(tmp_path, *rows)
        # Savepoint, existing organisations, slugs, one insert, release.
        with django_assert_max_num_queries(5):
            report = cordis.organisations_import(directory=folder)
        assert report.created == 60


class TestImportAgain:
    def test_a_second_run_changes_nothing(
        self, tmp_path, django_assert_max_num_queries
    ):
        folder = cordis_folder(tmp_path, EINDHOVEN, ATHENS, LONDON)
        cordis.organisations_import(directory=folder)
        updated_at = dict(Organisation.objects.values_list("external_id", "updated_at"))
        # Savepoint, existing organisations, release: no writes at all.
        with django_assert_max_num_queries(3):
            report = cordis.organisations_import(directory=folder)
        assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
        assert (
            dict(Organisation.objects.values_list("external_id", "updated_at"))
            == updated_at
        )

    def test_a_changed_row_updates_the_imported_fields(self, tmp_path):
        import_rows(tmp_path, EINDHOVEN, ATHENS)
        before = imported("999978001")
        report = import_rows(
            tmp_path, EINDHOVEN.replace("EINDHOVEN,NL414", "HELMOND,NL414"), ATHENS
        )
        assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
        after = imported("999978001")
        assert after.city == "Helmond"
        assert after.longitude == pytest.approx(5.66, abs=0.05)
        assert after.updated_at > before.updated_at

    def test_the_hubs_own_fields_are_kept(self, tmp_path):
        import_rows(tmp_path, EINDHOVEN)
        Organisation.objects.filter(external_id="999978001").update(
            description="Written on the hub.", status=ModerationStatus.SUSPENDED
        )
        import_rows(tmp_path, EINDHOVEN.replace("TU/e", "TUE"))
        organisation = imported("999978001")
        assert organisation.short_name == "TUE"
        assert organisation.description == "Written on the hub."
        assert organisation.status == ModerationStatus.SUSPENDED
        assert organisation.slug == "technische-universiteit-eindhoven"


class TestMalformedRows:
    def test_malformed_rows_are_reported_by_line_and_skipped(self, tmp_path):
        report = import_rows(
            tmp_path,
            EINDHOVEN,
            row(pic=""),
            row(pic="12AB"),
            row(pic="999978004", name=""),
            row(pic="999978005", country="XX"),
            row(pic="999978006", activity="ZZZ"),
            "999978007,TOO FEW FIELDS,,PRC",
            EINDHOVEN,
            ATHENS,
        )
        assert report.rejected == [
            "organisations.csv line 3: the pic is missing.",
            "organisations.csv line 4: the pic '12AB' is not a number.",
            "organisations.csv line 5: the legal name is missing.",
            "organisations.csv line 6: unknown country code 'XX'.",
            "organisations.csv line 7: unknown activity type 'ZZZ'.",
            "organisations.csv line 8: the line has 4 fields where the header has 12.",
            "organisations.csv line 9: the pic 999978001 was already on line 2.",
        ]
        assert (report.created, len(report.rejected)) == (2, 7)
        assert set(Organisation.objects.values_list("external_id", flat=True)) == {
            "999978001",
            "999978002",
        }

    def test_an_invalid_website_is_left_out_with_a_warning(self, tmp_path):
        report = import_rows(tmp_path, row(url="www/example.com"))
        assert imported("999978100").website == ""
        assert report.warnings == [
            "organisations.csv line 2: the website 'www/example.com' is not a valid "
            "address; imported without it."
        ]

    def test_missing_columns_are_named(self, tmp_path):
        folder = cordis_folder(
            tmp_path, header=HEADER.replace("pic,", "").replace("city,", "")
        )
        with pytest.raises(ImportFileError) as error:
            cordis.organisations_import(directory=folder)
        assert str(error.value) == "organisations.csv lacks the columns pic, city."

    def test_a_file_that_is_not_utf8_is_refused(self, tmp_path):
        (tmp_path / "organisations.csv").write_bytes(
            f"{HEADER}\n{row(city='MÜNCHEN')}\n".encode("latin-1")
        )
        with pytest.raises(ImportFileError, match="line 2 is not UTF-8 text"):
            cordis.organisations_import(directory=tmp_path)
        assert not Organisation.objects.exists()


class TestCommand:
    def test_prints_the_summary_the_problems_and_the_attribution(self, tmp_path):
        stdout, stderr = StringIO(), StringIO()
        call_command(
            "import_cordis",
            cordis_folder(tmp_path, EINDHOVEN, ATHENS, row(pic="")),
            stdout=stdout,
            stderr=stderr,
        )
        assert stdout.getvalue().splitlines() == [
            "Organisations: 2 created, 0 updated, 0 unchanged, 1 rejected.",
            "Source: CORDIS, European Commission (© European Union), reused "
            "under CC BY 4.0.",
        ]
        assert stderr.getvalue() == "organisations.csv line 4: the pic is missing.\n"

    def test_missing_columns_stop_the_command(self, tmp_path):
        folder = cordis_folder(tmp_path, EINDHOVEN, header="pic,name")
        with pytest.raises(
            CommandError, match=re.escape("organisations.csv lacks the columns")
        ):
            call_command("import_cordis", folder, stdout=StringIO())

    def test_a_missing_file_stops_the_command(self, tmp_path):
        with pytest.raises(
            CommandError,
            match=re.escape(f"The file organisations.csv is missing from {tmp_path}."),
        ):
            call_command("import_cordis", tmp_path, stdout=StringIO())


class TestFreshness:
    def test_imported_organisations_are_neither_reminded_nor_flagged(self, tmp_path):
        import_rows(tmp_path, EINDHOVEN)
        a_year_ago = timezone.now() - timedelta(days=400)
        Organisation.objects.update(reconfirmed_at=a_year_ago)
        registered = OrganisationFactory(reconfirmed_at=a_year_ago)
        assert services.organisations_remind_reconfirmation() == [registered.pk]
        assert services.organisations_flag_stale() == 1
        assert imported("999978001").stale_since is None


class TestRealData:
    def test_the_whole_folder_imports_in_seconds_and_again_changes_nothing(self):
        started = time.perf_counter()
        first = cordis.organisations_import(directory=REAL_DATA)
        second = cordis.organisations_import(directory=REAL_DATA)
        assert time.perf_counter() - started < 30
        # Every row is accounted for: 68 rows have no name at all.
        assert (first.created, len(first.rejected)) == (5945, 68)
        assert Organisation.objects.filter(source=DataSource.CORDIS).count() == 5945
        assert (second.created, second.updated, second.unchanged) == (0, 0, 5945)
