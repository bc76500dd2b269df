"""Importers of open data into the registry: one module per source, run by the
management command of the same name. Tests call them directly.

An open-data folder may hold more than organisations: CORDIS also lists the
projects they took part in. Other apps import those after the organisations
through a follow-up importer registered here (the projects app does so in its
``AppConfig.ready``), so that one command imports the whole folder while this
app imports nothing of theirs."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class FollowUpImporter:
    """``run(directory=…, progress=…)`` imports what follows the organisations
    and returns its ImportReport, or None when the folder has none of its
    files. ``label`` names what it imports in the command's summary."""

    label: str | Promise
    run: Callable


_follow_ups: dict[str, list[FollowUpImporter]] = {}


def follow_up_register(source: str, importer: FollowUpImporter) -> None:
    """Run ``importer`` after the organisations of ``source`` (once, however
    often an app's ``ready`` is called)."""
    importers = _follow_ups.setdefault(source, [])
    if importer not in importers:
        importers.append(importer)


def follow_ups(source: str) -> list[FollowUpImporter]:
    return list(_follow_ups.get(source, ()))
