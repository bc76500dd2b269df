import sys
from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from partners.importers import cordis, follow_ups
from partners.importers.csv_files import ImportFileError
from partners.models import DataSource
from partners.models.organisations import SOURCE_ATTRIBUTION


class Command(BaseCommand):
    help = (
        "Import the organisations of a CORDIS open-data folder (organisations.csv) "
        "into the registry, approved, then what other apps import after them: "
        "the projects as initiatives (projects.csv, participations.csv). "
        "Running it again updates what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="The folder with the CSVs.")
        parser.add_argument(
            "--no-progress", action="store_true", help="Show no progress bar."
        )

    def handle(self, *args, directory, no_progress, verbosity, **options):
        progress = self._progress(hidden=no_progress or verbosity == 0)
        reports = [
            (
                _("Organisations"),
                self._run(cordis.organisations_import, directory, progress),
            )
        ]
        for importer in follow_ups(DataSource.CORDIS):
            reports.append(
                (importer.label, self._run(importer.run, directory, progress))
            )
        if verbosity:
            for label, report in reports:
                # None: the folder has none of its files (organisations only).
                if report is not None:
                    self._summarise(label, report)
                elif verbosity > 1:
                    self.stdout.write(
                        _("%(what)s: none in this folder.") % {"what": label}
                    )
            # The licence (CC BY 4.0) asks for this wherever the data is used.
            self.stdout.write(str(SOURCE_ATTRIBUTION[DataSource.CORDIS]))

    def _run(self, importer, directory, progress):
        try:
            report = importer(directory=directory, progress=progress)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        if report is not None:
            for message in report.rejected + report.warnings:
                self.stderr.write(message, self.style.WARNING)
        return report

    def _progress(self, *, hidden: bool):
        # None lets tqdm hide itself when stderr is not a terminal (cron, CI).
        return partial(
            tqdm, file=sys.stderr, disable=True if hidden else None, unit=" rows"
        )

    def _summarise(self, label, report) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(what)s: %(created)d created, %(updated)d updated, "
                    "%(unchanged)d unchanged, %(rejected)d rejected."
                )
                % {
                    "what": label,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "rejected": len(report.rejected),
                }
            )
        )
