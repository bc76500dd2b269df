"""What happens to an organisation, told to the apps that care.

The registry may not import the apps built on it (initiatives import the
registry, not the other way round), yet they want to hear, for instance, that
an organisation was approved. They register a listener here, in their
``AppConfig.ready``; the registry's services call ``organisation_changed``.

An organisation is ``APPROVED`` (it is on the hub), ``UPDATED`` (on the hub,
its profile edited) or ``WITHDRAWN``: it was on the hub and is no longer, a
moderator having suspended, rejected or sent it back for changes, or its
owner withdrawing it. A withdrawn organisation is told of before it is
deleted, so that listeners can still find what it was part of.

Plain function calls rather than Django signals: the services say in so many
words where they tell others, and a listener runs inside the service's
transaction, so what it records is committed, or rolled back, with the change.
"""

from collections.abc import Callable

from django.db import models

# A listener takes keyword arguments: organisation, change, actor.
Listener = Callable[..., None]
_listeners: list[Listener] = []


class OrganisationChange(models.TextChoices):
    APPROVED = "approved"
    UPDATED = "updated"
    WITHDRAWN = "withdrawn"


def on_organisation_changed(listener: Listener) -> Listener:
    """Register ``listener`` (once); usable as a decorator."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def organisation_changed(*, organisation, change: OrganisationChange, actor=None):
    """Tell every listener that ``organisation`` was approved, updated or
    withdrawn (see the module's docstring)."""
    for listener in _listeners:
        listener(
            organisation=organisation, change=OrganisationChange(change), actor=actor
        )
