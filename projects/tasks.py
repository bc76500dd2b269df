from celery import shared_task

from partners.tasks import MAIL_TASK
from projects import following, introductions, services


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
