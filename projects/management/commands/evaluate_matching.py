import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from partners.importers.csv_files import ImportFileError
from partners.models import DataSource
from partners.models.organisations import SOURCE_ATTRIBUTION
from projects.matching import evaluation
from projects.matching.weights import ALGORITHM_VERSION

DEFAULT_OUTPUT = Path("benchmarks") / "matching_quality.json"


class Command(BaseCommand):
    help = (
        "Measure how many of the real partners of later CORDIS projects the "
        "matching engine suggests, beside a popularity and a text-only baseline. "
        "Imports the registry inside a transaction that is rolled back: the "
        "database keeps its rows. With no folders given, splits the shared CORDIS "
        "data by project start date."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--registry", type=Path, help="A CORDIS folder to import as the registry."
        )
        parser.add_argument(
            "--queries", type=Path, help="A CORDIS folder of the projects to ask about."
        )
        parser.add_argument(
            "--data",
            type=Path,
            help="The CORDIS folder to split when no folders are given "
            "(default: the shared data).",
        )
        parser.add_argument(
            "--k", type=int, default=20, help="Suggestions per initiative (20)."
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help=f"Where to write the results as JSON ({DEFAULT_OUTPUT}).",
        )

    def handle(self, *args, registry, queries, data, k, output, **options):
        if (registry is None) != (queries is None):
            raise CommandError(_("Give both --registry and --queries, or neither."))
        if k < 1:
            raise CommandError(_("--k must be at least 1."))
        started = time.perf_counter()
        result, source = self._evaluate(registry, queries, data, k)
        seconds = round(time.perf_counter() - started, 1)
        self._print(result, source, seconds)
        path = output or Path(settings.BASE_DIR) / DEFAULT_OUTPUT
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(self._json(result, source, seconds), indent=2) + "\n"
        )
        self.stdout.write(_("Written to %(path)s.") % {"path": path})

    def _evaluate(self, registry, queries, data, k):
        try:
            if registry is not None:
                return evaluation.evaluate(registry=registry, queries=queries, k=k), {
                    "registry": str(registry),
                    "queries": str(queries),
                }
            source = data or evaluation.shared_data_directory()
            if not source.is_dir():
                raise CommandError(
                    _("The CORDIS folder %(folder)s does not exist.")
                    % {"folder": source}
                )
            return evaluation.evaluate_shared_data(source=source, k=k), {
                "data": str(source)
            }
        except ImportFileError as error:
            raise CommandError(str(error)) from error

    def _print(self, result, source, seconds) -> None:
        write = self.stdout.write
        if result.cut_off:
            write(
                _(
                    "Split by start date: projects starting before %(day)s are the "
                    "registry, those from %(day)s on the queries."
                )
                % {"day": result.cut_off.isoformat()}
            )
        write(
            _(
                "Registry: %(organisations)d organisations, %(initiatives)d "
                "initiatives. Queries: %(queries)d of %(projects)d later projects "
                "(%(hidden)d hidden members), top %(k)d."
            )
            % {
                "organisations": result.registry_organisations,
                "initiatives": result.registry_initiatives,
                "queries": result.queries,
                "projects": result.query_projects,
                "hidden": result.hidden_members,
                "k": result.k,
            }
        )
        write("")
        write(f"{_('method'):<12} {'recall@10':>10} {'recall@20':>10} {'MRR':>8}")
        for name in evaluation.METHODS:
            scores = result.methods[name]
            write(
                f"{name:<12} {scores.recall_at_10:>10.3f} "
                f"{scores.recall_at_20:>10.3f} {scores.mrr:>8.3f}"
            )
        write("")
        engine = result.methods["engine"].recall_at_20
        baseline = result.best_baseline_recall_at_20
        message = _(
            "Target: engine recall@20 at least twice the better baseline's "
            "(%(baseline).3f × 2 = %(target).3f): %(engine).3f, %(verdict)s."
        ) % {
            "baseline": baseline,
            "target": 2 * baseline,
            "engine": engine,
            "verdict": _("met") if result.target_met else _("not met"),
        }
        style = self.style.SUCCESS if result.target_met else self.style.WARNING
        write(style(message))
        ratio = result.ratio
        write(
            _(
                "The engine's recall@20 is %(ratio).2f× the %(baseline)s baseline's; "
                "resampling the queries, %(share)d %% of the time between "
                "%(low).2f× and %(high).2f×."
            )
            % {
                "ratio": ratio.value,
                "baseline": result.best_baseline,
                "share": round(evaluation.INTERVAL * 100),
                "low": ratio.low,
                "high": ratio.high,
            }
        )
        write(_("Took %(seconds).1f s.") % {"seconds": seconds})
        write(str(SOURCE_ATTRIBUTION[DataSource.CORDIS]))

    def _json(self, result, source, seconds) -> dict:
        return {
            "command": "python manage.py evaluate_matching",
            **source,
            "algorithm_version": ALGORITHM_VERSION,
            "cut_off": result.cut_off.isoformat() if result.cut_off else None,
            "registry_organisations": result.registry_organisations,
            "registry_initiatives": result.registry_initiatives,
            "query_projects": result.query_projects,
            "queries_evaluated": result.queries,
            "hidden_members": result.hidden_members,
            "k": result.k,
            "methods": {
                name: {
                    "recall_at_10": scores.recall_at_10,
                    "recall_at_20": scores.recall_at_20,
                    "mrr": scores.mrr,
                }
                for name, scores in result.methods.items()
            },
            "best_baseline": result.best_baseline,
            "best_baseline_recall_at_20": result.best_baseline_recall_at_20,
            "ratio_to_best_baseline": {
                "value": result.ratio.value,
                "interval": evaluation.INTERVAL,
                "low": result.ratio.low,
                "high": result.ratio.high,
            },
            "target_met": result.target_met,
            "seconds": seconds,
        }
