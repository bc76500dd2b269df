"""Writes for the publications: sending what visitors submit."""

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from publications.models import EnquiryDelivery


@transaction.atomic
def expert_enquiry_send(*, submission_id: int) -> bool:
    """E-mail a contact-form enquiry to its expert, once. Returns whether it
    was sent now (False if it had been sent before)."""
    submission = FormSubmission.objects.select_related("page").get(pk=submission_id)
    delivery, _ = EnquiryDelivery.objects.select_for_update().get_or_create(
        submission=submission
    )
    if delivery.sent_at:
        return False
    expert = submission.page.specific
    _enquiry_message(expert, submission).send()
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["sent_at"])
    return True


def _enquiry_message(expert, submission) -> EmailMessage:
    fields = {field.clean_name: field for field in expert.get_form_fields()}
    data = submission.form_data
    lines = [
        f"{fields[name].label if name in fields else name}: {value}"
        for name, value in data.items()
    ]
    # Answering the e-mail answers the visitor, whose address the form asked.
    reply_to = [
        data[name]
        for name, field in fields.items()
        if field.field_type == "email" and data.get(name)
    ][:1]
    return EmailMessage(
        subject=expert.subject or expert.title,
        body="\n".join(lines),
        from_email=expert.from_address or None,
        to=[address.strip() for address in expert.to_address.split(",")],
        reply_to=reply_to,
    )
