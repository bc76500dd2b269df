from celery import shared_task
from django.core.management import call_command
from django.utils.module_loading import import_string

from hub import services


@shared_task(
    acks_late=True, autoretry_for=(Exception,), max_retries=3, retry_backoff=True
)
def run_django_task(module_path: str, args: list, kwargs: dict) -> None:
    """Run one of Wagtail's django-tasks, handed over by ``CeleryTaskBackend``."""
    import_string(module_path).call(*args, **kwargs)


@shared_task(acks_late=True, ignore_result=True)
def record_worker_heartbeat() -> None:
    """Periodic: shows on /health/ that a worker is alive and beat is ticking."""
    services.worker_heartbeat_record(worker=record_worker_heartbeat.request.hostname)


@shared_task(acks_late=True, ignore_result=True)
def publish_scheduled_pages() -> None:
    """Periodic: publish pages whose go-live time has come and unpublish
    expired ones; without it Wagtail's scheduled publishing never happens."""
    call_command("publish_scheduled")
