from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class CeleryTaskBackend(BaseTaskBackend):
    """Sends Wagtail's django-tasks (reference index, focal points, cache purges)
    to our Celery workers, so that one kind of worker runs all background work."""

    supports_defer = False
    supports_async_task = False
    supports_get_result = False

    def enqueue(self, task, args, kwargs):
        from hub.tasks import run_django_task

        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        # Wagtail enqueues from post_save: a worker must not look for the row
        # before the transaction that wrote it has committed.
        transaction.on_commit(
            partial(
                run_django_task.apply_async,
                args=(task.module_path, list(args), dict(kwargs)),
                task_id=result.id,
            )
        )
        return result
