"""What each part of the site keeps about a person, for the GDPR's rights of
access and erasure. The site core knows only accounts; each domain app adds
its own part in a ``personal_data`` module of its own, which registers here:

- ``register_exporter(name, func)``: ``func(user)`` returns that app's data
  about ``user``, serialisable by ``DjangoJSONEncoder`` (dates and times are
  fine). It appears in the download under ``name``.
- ``register_deletion_blocker(func)``: ``func(user)`` returns translated
  sentences saying what must happen before ``user`` can be deleted (empty when
  nothing stands in the way). They may hold links, as safe HTML.

The modules are found as ``hub.demo`` finds demo loaders, so that the site core
never imports a domain app.
"""

from collections.abc import Callable
from typing import Any

from django.utils.module_loading import autodiscover_modules

Exporter = Callable[[Any], Any]
DeletionBlocker = Callable[[Any], list[str]]

_exporters: dict[str, Exporter] = {}
_deletion_blockers: list[DeletionBlocker] = []


def register_exporter(name: str, func: Exporter) -> None:
    """Add ``func(user)``'s data to the download, under ``name``."""
    _exporters[name] = func


def register_deletion_blocker(func: DeletionBlocker) -> None:
    """Let ``func(user)`` name what stands in the way of deleting ``user``."""
    if func not in _deletion_blockers:
        _deletion_blockers.append(func)


def _discover() -> None:
    # Importing a module twice runs it once, so this is cheap after the first.
    autodiscover_modules("personal_data")


def exported_parts(user) -> dict[str, Any]:
    """Each registered app's data about ``user``, by the name it registered."""
    _discover()
    return {name: export(user) for name, export in sorted(_exporters.items())}


def deletion_blockers(user) -> list[str]:
    """Every reason, from every app, why ``user`` cannot be deleted yet."""
    _discover()
    return [reason for blocker in _deletion_blockers for reason in blocker(user)]
