from celery import shared_task
from django.db import IntegrityError
from django.db import OperationalError as DatabaseOperationalError
from kombu.exceptions import OperationalError as BrokerUnreachable

from partners.tasks import MAIL_TASK
from projects import following, introductions, services
from projects.matching import jobs


@shared_task(**MAIL_TASK)
def notify_owners_of_initiative_decision(decision_id: int) -> None:
    services.initiative_decision_notify_owners(decision_id=decision_id)


@shared_task(**MAIL_TASK)
def notify_partner_invitation(partnership_id: int) -> None:
    services.partner_invitation_notify(partnership_id=partnership_id)


@shared_task(acks_late=True, ignore_result=True)
def repair_missed_initiative_notifications() -> None:
    """Hourly: send any decision, invitation or introduction e-mail whose
    task was lost."""
    for decision_id in services.decisions_unnotified():
        notify_owners_of_initiative_decision.delay(decision_id)
    for partnership_id in services.invitations_unnotified():
        notify_partner_invitation.delay(partnership_id)
    for introduction_id in introductions.requests_unnotified():
        notify_introduction_request.delay(introduction_id)
    for introduction_id in introductions.outcomes_unnotified():
        notify_introduction_outcome.delay(introduction_id)


@shared_task(acks_late=True, ignore_result=True)
def send_digests() -> None:
    """Hourly: send each person whose digest is due their notifications."""
    for user_id in following.digest_due_users():
        send_digest.delay(user_id)


@shared_task(**MAIL_TASK)
def send_digest(user_id: int) -> None:
    following.digest_send(user_id=user_id)


# Matching --------------------------------------------------------------------
# Each job may run twice or be cut off half-way and run again (see
# projects.matching.jobs); a lost database or broker connection is retried.
MATCHING_TASK = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (DatabaseOperationalError, IntegrityError, BrokerUnreachable),
    "max_retries": 5,
    "retry_backoff": True,
    "ignore_result": True,
}


def _will_retry(task, error) -> bool:
    return isinstance(error, MATCHING_TASK["autoretry_for"]) and (
        task.request.retries < task.max_retries
    )


def _send_chunks(direction: str, ids: list[int], run_id: int | None = None) -> None:
    for chunk in jobs.chunked(ids, direction):
        compute_suggestions_chunk.delay(direction, chunk, run_id)


@shared_task(**MATCHING_TASK)
def compute_initiative_suggestions(initiative_id: int) -> None:
    jobs.initiative_suggestions_compute(initiative_id=initiative_id)


@shared_task(**MATCHING_TASK)
def compute_organisation_suggestions(organisation_id: int) -> None:
    touched = jobs.organisation_suggestions_compute(organisation_id=organisation_id)
    _send_chunks(jobs.FOR_INITIATIVE, touched)


@shared_task(bind=True, **MATCHING_TASK)
def compute_suggestions_chunk(
    self, direction: str, ids: list[int], run_id: int | None = None
) -> None:
    """The lists of ``ids`` in ``direction``; part of full run ``run_id``
    (which then fails with this chunk's error) or on their own."""
    try:
        if run_id is None:
            jobs.lists_recompute(direction=direction, ids=ids)
        else:
            jobs.full_run_chunk_compute(run_id=run_id, direction=direction, ids=ids)
    except Exception as error:
        if run_id is not None and not _will_retry(self, error):
            jobs.run_fail(run_id=run_id, error=error)
        raise


@shared_task(bind=True, **MATCHING_TASK)
def recompute_all_suggestions(self, run_id: int) -> None:
    """A full run: every list, in chunks that each run as their own task."""
    try:
        for direction, ids in jobs.full_run_chunks(run_id=run_id):
            _send_chunks(direction, ids, run_id)
    except Exception as error:
        if not _will_retry(self, error):
            jobs.run_fail(run_id=run_id, error=error)
        raise


@shared_task(acks_late=True, ignore_result=True)
def recompute_all_suggestions_nightly() -> None:
    """Nightly: recompute every suggestion."""
    jobs.matching_full_run_request()


@shared_task(**MATCHING_TASK)
def repair_suggestions() -> None:
    """Every 15 minutes: redo lost jobs, recompute missing and stale lists,
    remove the suggestions of what is no longer public."""
    repair = jobs.matching_repair()
    for initiative_id in repair.missed_initiatives:
        compute_initiative_suggestions.delay(initiative_id)
    for organisation_id in repair.missed_organisations:
        compute_organisation_suggestions.delay(organisation_id)
    _send_chunks(jobs.FOR_INITIATIVE, repair.stale_initiatives)
    _send_chunks(jobs.FOR_ORGANISATION, repair.stale_organisations)


# Introductions ---------------------------------------------------------------
@shared_task(**MAIL_TASK)
def notify_introduction_request(introduction_id: int) -> None:
    introductions.introduction_request_notify(introduction_id=introduction_id)


@shared_task(**MAIL_TASK)
def notify_introduction_outcome(introduction_id: int) -> None:
    introductions.introduction_outcome_notify(introduction_id=introduction_id)


@shared_task(acks_late=True, ignore_result=True)
def expire_introductions() -> None:
    """Hourly: requests unanswered past their expiry lapse; the asking
    member is told."""
    for introduction_id in introductions.introductions_expire():
        notify_introduction_outcome.delay(introduction_id)
