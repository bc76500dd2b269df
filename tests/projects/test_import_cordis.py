"""`import_cordis` turns the CORDIS projects into completed initiatives with
their partners, after the organisations they belong to."""

import re
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from partners.importers import cordis as organisations_cordis
from partners.models import DataSource, ModerationStatus, Organisation
from projects.importers import cordis
from projects.models import (
    Initiative,
    InitiativePartner,
    InitiativeSource,
    InitiativeStage,
    PartnerState,
)

pytestmark = pytest.mark.django_db
REAL_DATA = Path("/work/shared/data/cordis")

ORGANISATIONS_HEADER = (
    "pic,legal_name,legal_short_name,activity_type,country_code,legal_url,helix,"
    "city,nuts_3_code,nuts_3_name,city_source,post_code"
)
ORGANISATIONS = [
    "999978001,TECHNISCHE UNIVERSITEIT EINDHOVEN,TU/e,HES,NL,www.tue.nl,,EINDHOVEN,,,,",
    "999978002,GEMEENTE ROTTERDAM,,PUB,NL,,,ROTTERDAM,,,,",
    "999978003,LONDON COMPANY LTD,LCL,PRC,UK,,,,,,,",
    "999978004,SUBCONTRACTOR BV,,PRC,NL,,,,,,,",
]
# The header line of the real projects.csv.
PROJECTS_HEADER = (
    "project_id,framework_programme,project_acronym,thematic_priority,topic_code,"
    "topic_description,pillar_abbr,pillar_descr,funding_scheme,legal_basis,"
    "start_date,end_date,start_year,source_file,title,type_of_action,"
    "n_participations,n_coordinator_or_participant,"
    "smart_city_energy_climate_mobility_kw"
)
PARTICIPATIONS_HEADER = (
    "project_id,pic,role,ec_contribution,net_ec_contribution,eu_contribution,"
    "source_file"
)


def project(
    project_id="600001",
    acronym="HEATWISE",
    title="Smart district heating for cities",
    topic="Energy efficiency in buildings",
    start="2014-01-01",
    end="2017-12-31",
) -> str:
    return (
        f'{project_id},H2020,{acronym},,TOPIC,"{topic}",,,RIA,,{start},{end},'
        f'2014,,"{title}",RIA,3,3,False'
    )


def member(project_id="600001", pic="999978001", role="coordinator") -> str:
    return f"{project_id},{pic},{role},1000.0,,,"


HEATWISE_MEMBERS = [
    member(),
    member(pic="999978002", role="participant"),
    member(pic="999978003", role="partner"),
    member(pic="999978004", role="thirdparty"),
]


@pytest.fixture(autouse=True)
def _empty_registry(db):
    """These tests count organisations and initiatives from an empty
    registry, without the demo site's (deleting an organisation deletes its
    initiatives)."""
    Organisation.objects.all().delete()


def write(folder: Path, name: str, header: str, rows) -> None:
    (folder / name).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def cordis_folder(tmp_path, projects=(), members=HEATWISE_MEMBERS) -> Path:
    write(tmp_path, "organisations.csv", ORGANISATIONS_HEADER, ORGANISATIONS)
    write(tmp_path, "projects.csv", PROJECTS_HEADER, projects or [project()])
    write(tmp_path, "participations.csv", PARTICIPATIONS_HEADER, members)
    return tmp_path


def import_folder(folder: Path):
    organisations_cordis.organisations_import(directory=folder)
    return cordis.initiatives_import(directory=folder)


def imported(project_id="600001") -> Initiative:
    return Initiative.objects.get(
        source=InitiativeSource.CORDIS, external_id=project_id
    )


def organisation(pic: str) -> Organisation:
    return Organisation.objects.get(source=DataSource.CORDIS, external_id=pic)


class TestCreate:
    def test_a_project_becomes_an_approved_completed_initiative(self, tmp_path):
        report = import_folder(cordis_folder(tmp_path))
        initiative = imported()
        assert report.created == 1
        assert initiative.status == ModerationStatus.APPROVED
        assert initiative.stage == InitiativeStage.COMPLETED
        assert initiative.title == "Smart district heating for cities"
        assert initiative.summary == "HEATWISE: Smart district heating for cities"
        assert initiative.description == "Energy efficiency in buildings"
        assert (str(initiative.start_date), str(initiative.end_date)) == (
            "2014-01-01",
            "2017-12-31",
        )
        assert initiative.is_public

    def test_the_coordinator_owns_it_and_gives_its_place(self, tmp_path):
        import_folder(cordis_folder(tmp_path))
        initiative = imported()
        assert initiative.owner == organisation("999978001")
        assert (initiative.city, str(initiative.country)) == ("Eindhoven", "NL")
        assert initiative.latitude == pytest.approx(51.44, abs=0.05)

    def test_the_other_members_are_confirmed_partners_third_parties_are_not(
        self, tmp_path
    ):
        import_folder(cordis_folder(tmp_path))
        partnerships = InitiativePartner.objects.filter(initiative=imported())
        assert {p.organisation.external_id for p in partnerships} == {
            "999978002",
            "999978003",
        }
        assert {p.state for p in partnerships} == {PartnerState.CONFIRMED}

    def test_a_project_still_running_is_running(self, tmp_path):
        import_folder(cordis_folder(tmp_path, [project(end="2099-12-31")]))
        assert imported().stage == InitiativeStage.RUNNING

    def test_without_a_title_the_acronym_is_the_title(self, tmp_path):
        import_folder(cordis_folder(tmp_path, [project(title="")]))
        assert (imported().title, imported().summary) == ("HEATWISE", "HEATWISE")

    def test_a_title_too_long_is_shortened_at_a_word(self, tmp_path):
        long_title = "Cities " + "and more cities " * 20
        import_folder(cordis_folder(tmp_path, [project(title=long_title.strip())]))
        initiative = imported()
        assert len(initiative.title) <= 200
        assert initiative.title.endswith("cities…")
        assert len(initiative.summary) <= 300

    def test_slugs_are_unique(self, tmp_path):
        members = [member(), member(project_id="600002")]
        import_folder(
            cordis_folder(tmp_path, [project(), project(project_id="600002")], members)
        )
        assert {imported().slug, imported("600002").slug} == {
            "smart-district-heating-for-cities",
            "smart-district-heating-for-cities-2",
        }


class TestThemes:
    def test_a_clear_keyword_gives_the_theme_and_its_goal(self, tmp_path):
        import_folder(cordis_folder(tmp_path))
        initiative = imported()
        assert [theme.slug for theme in initiative.themes.all()] == [
            "climate-mitigation-energy"
        ]
        assert initiative.themes.get().locale.language_code == "en"
        assert [
            goal.number for goal in initiative.sustainable_development_goals.all()
        ] == [7]

    def test_without_a_keyword_the_themes_stay_empty(self, tmp_path):
        import_folder(
            cordis_folder(
                tmp_path,
                [project(title="Researchers' night", topic="Marie Curie Action")],
            )
        )
        assert not imported().themes.exists()
        assert not imported().sustainable_development_goals.exists()

    @pytest.mark.parametrize(
        ("text", "themes"),
        [
            ("Electric vehicles in urban transport", [("mobility", 11)]),
            ("Flood risk and adaptation", [("climate-adaptation", 13)]),
            ("ICT for open data", [("digital-transformation", 9)]),
            ("Recycling of construction waste", [("circular-economy", 12)]),
            ("Health of older people", [("healthy-urban-living", 3)]),
            (
                "Renewable heating and digital twins",
                [("climate-mitigation-energy", 7), ("digital-transformation", 9)],
            ),
            ("Dictionaries of verbs", []),
        ],
    )
    def test_the_keyword_table(self, text, themes):
        assert cordis.themes_inferred(text) == themes

    def test_a_new_import_keeps_the_themes_the_hub_gave(self, tmp_path):
        folder = cordis_folder(tmp_path)
        import_folder(folder)
        imported().themes.clear()
        import_folder(folder)
        assert not imported().themes.exists()


class TestProblems:
    def test_a_project_whose_coordinator_is_unknown_is_reported_and_skipped(
        self, tmp_path
    ):
        members = [member(pic="999970000"), member(pic="999978002", role="participant")]
        report = import_folder(cordis_folder(tmp_path, members=members))
        assert report.rejected == [
            "projects.csv line 2: its coordinator (pic 999970000) is not among "
            "the imported organisations."
        ]
        assert not Initiative.objects.exists()

    def test_a_project_without_a_coordinator_is_reported_and_skipped(self, tmp_path):
        members = [member(role="participant")]
        report = import_folder(cordis_folder(tmp_path, members=members))
        assert report.rejected == [
            "projects.csv line 2: the project has no coordinator in participations.csv."
        ]

    def test_of_two_coordinators_the_first_known_leads(self, tmp_path):
        members = [member(pic="999970000"), member(pic="999978002")]
        report = import_folder(cordis_folder(tmp_path, members=members))
        assert imported().owner == organisation("999978002")
        assert report.warnings == [
            "projects.csv line 2: the member with pic 999970000 is not among the "
            "imported organisations; imported without it."
        ]

    def test_malformed_rows_are_reported_by_file_and_line(self, tmp_path):
        projects = [
            project(),
            project(project_id="600001"),
            project(project_id="6000x"),
            project(project_id="600003", start="2014-13-01"),
            project(project_id="600004", start="2016-01-01", end="2015-01-01"),
            project(project_id="600005", acronym="", title=""),
        ]
        members = [
            *HEATWISE_MEMBERS,
            member(project_id="700000"),
            member(pic="abc", role="participant"),
            member(pic="999978002", role="observer"),
            member(project_id="600003"),
        ]
        report = import_folder(cordis_folder(tmp_path, projects, members))
        assert report.rejected == [
            "participations.csv line 6: the project 700000 is not in projects.csv.",
            "participations.csv line 7: the pic 'abc' is not a number.",
            "participations.csv line 8: unknown role 'observer'.",
            "projects.csv line 3: the project id 600001 was already on line 2.",
            "projects.csv line 4: the project id '6000x' is not a number.",
            "projects.csv line 5: the date '2014-13-01' is not a date written as "
            "YYYY-MM-DD.",
            "projects.csv line 6: the project ends before it starts.",
            "projects.csv line 7: the project has neither a title nor an acronym.",
        ]
        assert report.created == 1

    def test_a_folder_without_projects_imports_none(self, tmp_path):
        assert cordis.initiatives_import(directory=tmp_path) is None


class TestAgain:
    def test_a_second_run_changes_nothing(self, tmp_path):
        folder = cordis_folder(tmp_path)
        import_folder(folder)
        before = imported().updated_at
        report = import_folder(folder)
        assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
        assert imported().updated_at == before

    def test_what_changed_at_the_source_is_updated(self, tmp_path):
        folder = cordis_folder(tmp_path)
        import_folder(folder)
        write(
            folder,
            "projects.csv",
            PROJECTS_HEADER,
            [project(title="Smart heat for cities")],
        )
        write(folder, "participations.csv", PARTICIPATIONS_HEADER, [member()])
        report = import_folder(folder)
        assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
        assert imported().title == "Smart heat for cities"
        assert not imported().partnerships.exists()

    def test_a_new_partner_alone_updates_the_initiative(self, tmp_path):
        folder = cordis_folder(tmp_path, members=[member()])
        import_folder(folder)
        write(folder, "participations.csv", PARTICIPATIONS_HEADER, HEATWISE_MEMBERS)
        report = import_folder(folder)
        assert report.updated == 1
        assert imported().partnerships.count() == 2


class TestCommand:
    def test_imports_organisations_then_initiatives(self, tmp_path):
        stdout, stderr = StringIO(), StringIO()
        members = [*HEATWISE_MEMBERS, member(project_id="700000")]
        call_command(
            "import_cordis",
            cordis_folder(tmp_path, members=members),
            stdout=stdout,
            stderr=stderr,
        )
        assert stdout.getvalue().splitlines() == [
            "Organisations: 4 created, 0 updated, 0 unchanged, 0 rejected.",
            "Initiatives: 1 created, 0 updated, 0 unchanged, 1 rejected.",
            "Source: CORDIS, European Commission (© European Union), reused "
            "under CC BY 4.0.",
        ]
        assert stderr.getvalue() == (
            "participations.csv line 6: the project 700000 is not in projects.csv.\n"
        )

    def test_a_second_run_finds_the_initiative_unchanged(self, tmp_path):
        folder = cordis_folder(tmp_path)
        call_command("import_cordis", folder, stdout=StringIO())
        stdout = StringIO()
        call_command("import_cordis", folder, stdout=stdout)
        assert (
            "Initiatives: 0 created, 0 updated, 1 unchanged, 0 rejected."
            in stdout.getvalue().splitlines()
        )

    def test_a_folder_of_organisations_only_says_so_when_asked(self, tmp_path):
        write(tmp_path, "organisations.csv", ORGANISATIONS_HEADER, ORGANISATIONS)
        stdout = StringIO()
        call_command("import_cordis", tmp_path, stdout=stdout, verbosity=2)
        assert stdout.getvalue().splitlines()[:2] == [
            "Organisations: 4 created, 0 updated, 0 unchanged, 0 rejected.",
            "Initiatives: none in this folder.",
        ]

    def test_a_projects_file_that_cannot_be_read_stops_the_command(self, tmp_path):
        folder = cordis_folder(tmp_path)
        (folder / "participations.csv").write_text("project_id,pic\n")
        with pytest.raises(
            CommandError,
            match=re.escape("participations.csv lacks the columns role"),
        ):
            call_command("import_cordis", folder, stdout=StringIO())


class TestRealData:
    def test_the_projects_become_initiatives_and_again_change_nothing(self):
        organisations_cordis.organisations_import(directory=REAL_DATA)
        started = time.perf_counter()
        first = cordis.initiatives_import(directory=REAL_DATA)
        second = cordis.initiatives_import(directory=REAL_DATA)
        assert time.perf_counter() - started < 30
        # 3,490 projects: one has no coordinator in participations.csv.
        assert (first.created, first.rejected) == (
            3489,
            [
                "projects.csv line 726: the project has no coordinator in "
                "participations.csv."
            ],
        )
        # 72 memberships of organisations without a name, which were not
        # imported; two of them coordinate with a second coordinator, who leads.
        assert len(first.warnings) == 72
        assert (second.created, second.updated, second.unchanged) == (0, 0, 3489)
        assert (
            Initiative.objects.filter(stage=InitiativeStage.COMPLETED).count() == 3489
        )
        assert InitiativePartner.objects.count() == 9573
        # One in seven projects names a theme's keyword clearly.
        assert Initiative.objects.filter(themes__isnull=False).distinct().count() == 515
