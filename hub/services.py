from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hub import personal_data
from hub.models import WorkerHeartbeat


def worker_heartbeat_record(*, worker: str) -> WorkerHeartbeat:
    """Note that ``worker`` is alive now; one row per worker, updated in place."""
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(
        worker=worker or "unknown", defaults={"seen_at": timezone.now()}
    )
    return heartbeat


@transaction.atomic
def user_delete(*, user) -> None:
    """Erase ``user`` and what is theirs alone (GDPR article 17): their e-mail
    addresses, memberships, requests to join, comments and reports of
    comments go with them. What others rely on stays: an organisation keeps
    its other members, and a decision they took keeps its place in the
    history, without their name.

    Raises ``ValidationError`` with every app's reasons when something must
    happen first, such as handing over an organisation they alone own."""
    blockers = personal_data.deletion_blockers(user)
    if blockers:
        raise ValidationError(blockers, code="blocked")
    user.delete()
