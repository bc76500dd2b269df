from celery import shared_task

from partners.tasks import MAIL_TASK
from projects import following, services


@shared_task(**MAIL_TASK)
def notify_owners_of_initiative_decision(decision_id: int) -> None:
    services.initiative_decision_notify_owners(decision_id=decision_id)


@shared_task(**MAIL_TASK)
def notify_partner_invitation(partnership_id: int) -> None:
    services.partner_invitation_notify(partnership_id=partnership_id)


@shared_task(acks_late=True, ignore_result=True)
def repair_missed_initiative_notifications() -> None:
    """Hourly: send any decision or invitation e-mail whose task was lost."""
    for decision_id in services.decisions_unnotified():
        notify_owners_of_initiative_decision.delay(decision_id)
    for partnership_id in services.invitations_unnotified():
        notify_partner_invitation.delay(partnership_id)


@shared_task(acks_late=True, ignore_result=True)
def send_digests() -> None:
    """Hourly: send each person whose digest is due their notifications."""
    for user_id in following.digest_due_users():
        send_digest.delay(user_id)


@shared_task(**MAIL_TASK)
def send_digest(user_id: int) -> None:
    following.digest_send(user_id=user_id)
