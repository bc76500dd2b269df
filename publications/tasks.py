from celery import shared_task

from publications import services


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    max_retries=5,
    retry_backoff=True,
    ignore_result=True,
)
def send_expert_enquiry(submission_id: int) -> None:
    """Mail a contact-form enquiry to its expert; safe to run twice."""
    services.expert_enquiry_send(submission_id=submission_id)
