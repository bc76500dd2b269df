from django.utils import timezone

from hub.models import WorkerHeartbeat


def worker_heartbeat_record(*, worker: str) -> WorkerHeartbeat:
    """Note that ``worker`` is alive now; one row per worker, updated in place."""
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(
        worker=worker or "unknown", defaults={"seen_at": timezone.now()}
    )
    return heartbeat
