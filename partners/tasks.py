from celery import shared_task

from partners import services

# Mail may fail for a while (SMTP down); each task sends once even if retried.
MAIL_TASK = {
    "acks_late": True,
    "autoretry_for": (OSError,),
    "max_retries": 5,
    "retry_backoff": True,
    "ignore_result": True,
}


@shared_task(**MAIL_TASK)
def notify_owners_of_decision(decision_id: int) -> None:
    services.decision_notify_owners(decision_id=decision_id)


@shared_task(**MAIL_TASK)
def notify_join_request(join_request_id: int) -> None:
    services.join_request_notify_owners(join_request_id=join_request_id)


@shared_task(**MAIL_TASK)
def notify_join_answer(join_request_id: int) -> None:
    services.join_answer_notify_requester(join_request_id=join_request_id)


@shared_task(**MAIL_TASK)
def remind_reconfirmation(organisation_id: int) -> None:
    services.reconfirmation_remind(organisation_id=organisation_id)


@shared_task(acks_late=True, ignore_result=True)
def check_profile_freshness() -> None:
    """Daily: remind owners a month before their profile's yearly
    reconfirmation is due, and flag for moderators those past it."""
    for organisation_id in services.organisations_remind_reconfirmation():
        remind_reconfirmation.delay(organisation_id)
    services.organisations_flag_stale()


@shared_task(acks_late=True, ignore_result=True)
def repair_missed_notifications() -> None:
    """Hourly: send any decision or join-request e-mail whose task was lost
    (a broker restart between commit and enqueue)."""
    for decision_id in services.decisions_unnotified():
        notify_owners_of_decision.delay(decision_id)
    for join_request_id in services.join_requests_unnotified():
        notify_join_request.delay(join_request_id)
    for join_request_id in services.join_answers_unnotified():
        notify_join_answer.delay(join_request_id)
