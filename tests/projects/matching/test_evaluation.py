"""`evaluate_matching` measures how many hidden partners of later CORDIS
projects the engine finds, beside two baselines, and leaves the database as
it found it."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from partners.models import HelixSector, Organisation
from projects.matching import evaluation
from projects.models import Initiative, InitiativePartner, SoughtSector

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "cordis_sample"
COORDINATOR, CITY, COMPANY = "999990001", "999990002", "999990003"


def _run(*args, **options):
    out = StringIO()
    call_command("evaluate_matching", *args, stdout=out, **options)
    return out.getvalue()


def _database():
    """What a run must leave as it was."""
    return (
        sorted(Organisation.objects.values_list("pk", "status", "external_id")),
        sorted(Initiative.objects.values_list("pk", "status", "external_id")),
        sorted(InitiativePartner.objects.values_list("pk", "state")),
        SoughtSector.objects.count(),
        Initiative.themes.through.objects.count(),
    )


@pytest.fixture
def split(tmp_path):
    return evaluation.split_by_start_date(SAMPLE, tmp_path / "split")


class TestCommand:
    def test_prints_recall_and_mrr_for_the_engine_and_both_baselines(self, tmp_path):
        output = _run("--data", str(SAMPLE), "--output", str(tmp_path / "q.json"))
        assert "before 2015-01-01" in output
        assert "Queries: 1 of 3 later projects (2 hidden members)" in output
        assert "recall@10" in output and "recall@20" in output and "MRR" in output
        for method in ("engine", "popularity", "text"):
            assert any(line.startswith(method) for line in output.splitlines())
        assert "Target: engine recall@20" in output

    def test_writes_the_table_as_json(self, tmp_path):
        path = tmp_path / "quality.json"
        _run("--data", str(SAMPLE), "--output", str(path), "--k", "2")
        written = json.loads(path.read_text())
        assert written["cut_off"] == "2015-01-01"
        assert written["queries_evaluated"] == 1
        assert written["k"] == 2
        assert set(written["methods"]) == {"engine", "popularity", "text"}
        # The city and the company worked with the coordinator before, in
        # its sectors and on its topic: the engine's first two.
        assert written["methods"]["engine"] == {
            "recall_at_10": 1.0,
            "recall_at_20": 1.0,
            "mrr": 1.0,
        }

    def test_takes_a_registry_and_a_queries_folder(self, split, tmp_path):
        output = _run(
            "--registry",
            str(split.registry),
            "--queries",
            str(split.queries),
            "--output",
            str(tmp_path / "q.json"),
        )
        assert "Split by start date" not in output
        assert "Registry: 6 organisations, 8 initiatives." in output

    def test_leaves_the_database_as_it_found_it(self, tmp_path):
        before = _database()
        _run("--data", str(SAMPLE), "--output", str(tmp_path / "q.json"))
        assert _database() == before
        assert not Initiative.objects.filter(slug__startswith="matching-evaluation")

    def test_refuses_one_folder_without_the_other(self, split):
        with pytest.raises(CommandError, match="both --registry and --queries"):
            _run("--registry", str(split.registry))


class TestSplit:
    def test_the_later_fifth_by_start_date_are_the_queries(self, split):
        assert split.cut_off.isoformat() == "2015-01-01"
        registry = (split.registry / "projects.csv").read_text()
        queries = (split.queries / "projects.csv").read_text()
        assert "600008" in registry and "700001" not in registry
        assert "700001" in queries and "600008" not in queries

    def test_the_registry_holds_only_organisations_of_its_projects(self, split):
        registry = (split.registry / "organisations.csv").read_text()
        assert COORDINATOR in registry
        assert "999990007" not in registry  # only in a later project

    def test_cut_off_date(self):
        days = [f"2014-0{month}-01" for month in range(1, 10)] + ["2014-10-01"]
        assert evaluation.cut_off_date(days, 0.2).isoformat() == "2014-09-01"
        assert evaluation.cut_off_date(days, 0.5).isoformat() == "2014-06-01"


class TestQueries:
    @pytest.fixture
    def registry(self, split):
        evaluation.registry_import(split.registry)
        return evaluation.registry_members()

    def test_only_projects_with_their_coordinator_and_another_member_known(
        self, split, registry
    ):
        # 700002's coordinator is new to the registry; 700003 has two members.
        queries = evaluation.query_projects(split.queries, registry)
        assert [query.project_id for query in queries] == ["700001"]

    def test_hidden_members_are_the_other_members_in_the_registry(
        self, split, registry
    ):
        (query,) = evaluation.query_projects(split.queries, registry)
        assert query.owner == registry[COORDINATOR]
        assert query.hidden == {registry[CITY].pk, registry[COMPANY].pk}
        # The newcomer's sector is sought too; the third party is no member.
        assert query.sought == (HelixSector.BUSINESS, HelixSector.GOVERNMENT)

    def test_a_hidden_member_is_never_a_member_of_the_initiative(self, split, registry):
        hidden = evaluation.queries_register(
            evaluation.query_projects(split.queries, registry)
        )
        ((pk, members),) = hidden.items()
        initiative = Initiative.objects.get(pk=pk)
        assert initiative.is_public
        assert initiative.owner_id == registry[COORDINATOR].pk
        assert initiative.city == "Eindhoven"
        assert initiative.owner_id not in members
        assert not InitiativePartner.objects.filter(initiative=initiative).exists()
        assert set(
            SoughtSector.objects.filter(initiative=initiative).values_list(
                "sector", flat=True
            )
        ) == {HelixSector.BUSINESS, HelixSector.GOVERNMENT}
        assert initiative.themes.filter(slug="climate-mitigation-energy").exists()


class TestMetrics:
    def test_recall_at_k_counts_the_hidden_among_the_first_k(self):
        ranked = [5, 1, 7, 2, 9]
        assert evaluation.recall_at(ranked, {1, 2, 3, 4}, 2) == 0.25
        assert evaluation.recall_at(ranked, {1, 2, 3, 4}, 5) == 0.5
        assert evaluation.recall_at(ranked, {8}, 5) == 0.0
        assert evaluation.recall_at([], {1}, 20) == 0.0

    def test_reciprocal_rank_of_the_first_hidden_member(self):
        assert evaluation.reciprocal_rank([5, 1, 7, 2], {2, 7}) == pytest.approx(1 / 3)
        assert evaluation.reciprocal_rank([2, 1], {2}) == 1.0
        assert evaluation.reciprocal_rank([5, 6], {2}) == 0.0

    def test_scores_are_averaged_over_the_queries(self):
        rankings = {1: [10, 11], 2: [20, *range(100, 119), 21]}
        hidden = {1: frozenset({11}), 2: frozenset({21, 22})}
        scores = evaluation.scores(rankings, hidden)
        # Query 1 finds its one member second; query 2 none in its first 20.
        assert scores.recall_at_10 == 0.5
        assert scores.recall_at_20 == 0.5
        assert scores.mrr == pytest.approx((1 / 2 + 1 / 21) / 2, abs=1e-4)


class TestRatio:
    @staticmethod
    def _rankings(engine, baseline):
        return {"engine": engine, "popularity": baseline}

    def test_the_engine_over_the_baseline_with_the_interval_of_the_resamples(self):
        hidden = {pk: frozenset({1, 2, 3, 4}) for pk in range(1, 31)}
        # The engine finds two of four where the baseline finds one, on
        # every query, so every resample gives 2 as well.
        rankings = self._rankings(
            {pk: [1, 2] for pk in hidden}, {pk: [1, 9] for pk in hidden}
        )
        ratio = evaluation.recall_ratio(rankings, hidden, baseline="popularity")
        assert (ratio.value, ratio.low, ratio.high) == (2.0, 2.0, 2.0)

    def test_queries_that_differ_widen_the_interval_around_the_ratio(self):
        hidden = {pk: frozenset({1, 2}) for pk in range(1, 41)}
        engine = {pk: [1, 2] if pk % 4 == 0 else [1] for pk in hidden}
        baseline = {pk: [1] if pk % 2 == 0 else [] for pk in hidden}
        rankings = self._rankings(engine, baseline)
        ratio = evaluation.recall_ratio(rankings, hidden, baseline="popularity")
        # Engine: 10 queries find both, 30 one: 0.625; baseline: 0.25.
        assert ratio.value == 2.5
        assert ratio.low < ratio.value < ratio.high
        again = evaluation.recall_ratio(rankings, hidden, baseline="popularity")
        assert again == ratio

    def test_the_command_prints_the_ratio_and_writes_it(self, tmp_path):
        output = tmp_path / "quality.json"
        printed = _run("--data", str(SAMPLE), "--output", str(output))
        written = json.loads(output.read_text())["ratio_to_best_baseline"]
        assert written["interval"] == 0.95
        assert written["low"] <= written["value"] <= written["high"]
        assert f"{written['value']:.2f}× the" in printed
