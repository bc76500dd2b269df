"""Reads about the matching jobs, for the operators' panel in the admin."""

import logging
from dataclasses import dataclass
from datetime import timedelta

import redis
from django.conf import settings
from django.db.models import Count, F, Q
from django.utils import timezone

from projects.models import (
    InitiativeMatchingState,
    MatchingRun,
    MatchingRunKind,
    MatchingRunStatus,
    MatchSuggestion,
    OrganisationMatchingState,
    SuggestionDirection,
)

logger = logging.getLogger(__name__)
RUN_PERMISSION = "projects.run_matching"
WATCH_PERMISSIONS = (RUN_PERMISSION, "projects.moderate_initiative")
RECENT_FAILURES = 10
# Failures older than this are history, not news.
RECENT = timedelta(days=7)


def can_run(user) -> bool:
    """Who may start a full recompute: superusers and holders of
    ``projects.run_matching``."""
    return user.is_active and user.has_perm(RUN_PERMISSION)


def can_watch(user) -> bool:
    """Who may see the jobs' health: those who may start them, and
    moderators of initiatives."""
    return user.is_active and any(user.has_perm(name) for name in WATCH_PERMISSIONS)


def _computing(model) -> int:
    return model.objects.filter(
        Q(computed_at__isnull=True) | Q(computed_at__lt=F("requested_at")),
        requested_at__isnull=False,
    ).count()


def queue_length() -> int | None:
    """Tasks waiting in the Celery queue, when the broker is Redis and
    answers; None otherwise."""
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return None
    try:
        client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        return client.llen(settings.CELERY_TASK_DEFAULT_QUEUE)
    except redis.RedisError:
        logger.warning("Could not read the length of the job queue.", exc_info=True)
        return None


@dataclass(frozen=True)
class MatchingOverview:
    last_full_run: MatchingRun | None
    last_repair: MatchingRun | None
    running: list[MatchingRun]
    failures: list[MatchingRun]
    initiatives_computing: int
    organisations_computing: int
    queue_length: int | None
    suggestions_for_initiatives: int
    suggestions_for_organisations: int


def matching_overview() -> MatchingOverview:
    """The last full run and repair, what is being computed, recent failures
    and how many suggestions there are."""
    runs = MatchingRun.objects.select_related("started_by")
    counts = MatchSuggestion.objects.aggregate(
        initiatives=Count("pk", filter=Q(direction=SuggestionDirection.FOR_INITIATIVE)),
        organisations=Count(
            "pk", filter=Q(direction=SuggestionDirection.FOR_ORGANISATION)
        ),
    )
    return MatchingOverview(
        last_full_run=runs.filter(kind=MatchingRunKind.FULL).first(),
        last_repair=runs.filter(kind=MatchingRunKind.REPAIR).first(),
        running=list(runs.filter(status=MatchingRunStatus.RUNNING)[:RECENT_FAILURES]),
        failures=list(
            runs.filter(
                status=MatchingRunStatus.FAILED,
                started_at__gte=timezone.now() - RECENT,
            )[:RECENT_FAILURES]
        ),
        initiatives_computing=_computing(InitiativeMatchingState),
        organisations_computing=_computing(OrganisationMatchingState),
        queue_length=queue_length(),
        suggestions_for_initiatives=counts["initiatives"],
        suggestions_for_organisations=counts["organisations"],
    )
