"""E-mail that the registry's tasks send: once per record, in each
recipient's language. Initiatives mail their owners through here too."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from partners.models import MemberRole, Membership


def organisation_owners(organisation_id: int) -> list:
    return [
        membership.user
        for membership in Membership.objects.filter(
            organisation_id=organisation_id, role=MemberRole.OWNER
        ).select_related("user")
    ]


def send_once(record, sent_field: str, *, recipients, template, context) -> bool:
    """Mail about ``record`` unless ``sent_field`` says it went already, then
    note when it went: a retried task sends nothing twice. ``record`` is
    locked by the caller; None (deleted meanwhile) sends nothing."""
    if record is None or getattr(record, sent_field):
        return False
    for user in recipients():
        send_to_user(user, template, context())
    setattr(record, sent_field, timezone.now())
    record.save(update_fields=[sent_field])
    return True


def send_to_user(user, template: str, context: dict) -> None:
    """One e-mail to ``user`` in the language they signed up in."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {**context, "user": user, "site_url": settings.WAGTAILADMIN_BASE_URL}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    EmailMessage(subject=subject, body=body, to=[user.email]).send()
