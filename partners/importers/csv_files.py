"""Reading the CSV files of an open-data folder, and the report of an import.

Shared by every importer, so that a file that cannot be read is refused the
same way and every rejected row names its file and line."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _


class ImportFileError(Exception):
    """A file that cannot be imported at all: missing, unreadable or without
    the columns the importer needs. Nothing of it is imported."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    _rejected: list[tuple[str, int, str]] = field(default_factory=list)
    _warnings: list[tuple[str, int, str]] = field(default_factory=list)

    def reject(self, file_name: str, line: int, problem: str) -> None:
        self._rejected.append((file_name, line, problem))

    def warn(self, file_name: str, line: int, problem: str) -> None:
        self._warnings.append((file_name, line, problem))

    @property
    def rejected(self) -> list[str]:
        """One message per row left out, naming its file and line, in the
        order of the file (rows are checked in more than one pass)."""
        return [_at_line(*problem) for problem in sorted(self._rejected)]

    @property
    def warnings(self) -> list[str]:
        """Rows imported without a value that could not be used."""
        return [_at_line(*problem) for problem in sorted(self._warnings)]


def _at_line(file_name: str, line: int, problem: str) -> str:
    return _("%(file)s line %(line)d: %(problem)s") % {
        "file": file_name,
        "line": line,
        "problem": problem,
    }


Row = tuple[int, dict[str, str]]


def read_rows(path: Path, *, columns: tuple[str, ...], report: ImportReport):
    """The rows of the CSV file at ``path``, each with its line number.

    Raises ImportFileError if the file is missing, is not UTF-8 or lacks any
    of ``columns``; rows with too many or too few fields are reported and
    left out. The files are small enough to hold in memory, which also gives
    the progress bar its total."""
    if not path.is_file():
        raise ImportFileError(
            _("The file %(file)s is missing from %(folder)s.")
            % {"file": path.name, "folder": path.parent}
        )
    reader = csv.reader(io.StringIO(_text(path), newline=""))
    try:
        header = _header(reader, path.name, columns)
        return list(_records(reader, header, path.name, report))
    except csv.Error as error:
        raise ImportFileError(
            _("%(file)s line %(line)d cannot be read: %(error)s.")
            % {"file": path.name, "line": reader.line_num, "error": error}
        ) from error


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        # utf-8-sig: a spreadsheet's byte order mark must not hide the first
        # column's name.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("%(file)s line %(line)d is not UTF-8 text.")
            % {"file": path.name, "line": data.count(b"\n", 0, error.start) + 1}
        ) from error


def _header(reader, file_name: str, columns: tuple[str, ...]) -> list[str]:
    header = [name.strip() for name in next(reader, [])]
    if not header:
        raise ImportFileError(_("The file %(file)s is empty.") % {"file": file_name})
    missing = [column for column in columns if column not in header]
    if missing:
        raise ImportFileError(
            _("%(file)s lacks the columns %(columns)s.")
            % {"file": file_name, "columns": ", ".join(missing)}
        )
    return header


def _records(reader, header: list[str], file_name: str, report: ImportReport):
    for record in reader:
        if not record:
            continue
        if len(record) != len(header):
            report.reject(
                file_name,
                reader.line_num,
                _("the line has %(found)d fields where the header has %(expected)d.")
                % {"found": len(record), "expected": len(header)},
            )
            continue
        yield reader.line_num, dict(zip(header, record, strict=True))
