import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from wagtail.models import ReferenceIndex
from wagtail.tasks import update_reference_index_task

from hub.celery import app as celery_app
from hub.demo import demo_content_load
from hub.factories import StandardPageFactory
from hub.models import HomePage, WorkerHeartbeat
from hub.task_backend import CeleryTaskBackend
from hub.tasks import record_worker_heartbeat
from publications.models import EnquiryDelivery

ROOT = Path(__file__).resolve().parents[2]
# Transactional, so that the worker sees what the test writes. The flush after
# each test also empties what migrations made: tests build what they need.
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker process on the Redis broker and the test database.

    One per test: the flush between transactional tests recreates content types
    under new ids, which a longer-lived worker would still hold in its cache."""
    name = f"test-{uuid.uuid4().hex[:8]}@localhost"
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    celery_app.control.purge()  # nothing left over from an earlier run
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "hub",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "-n",
            name,
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
    )
    _wait_for_worker(name, worker)
    yield name
    worker.terminate()
    worker.wait(timeout=30)


def _wait_for_worker(name: str, worker: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail(f"The Celery worker exited with code {worker.returncode}.")
        if celery_app.control.ping(destination=[name], timeout=1):
            return
    worker.terminate()
    pytest.fail("The Celery worker did not answer a ping within 60 seconds.")


def _eventually(condition, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.2)
    return condition()


def test_worker_runs_the_heartbeat_task_and_writes_to_the_database(celery_worker):
    record_worker_heartbeat.delay()
    heartbeat = _eventually(
        lambda: WorkerHeartbeat.objects.filter(worker=celery_worker).first()
    )
    assert heartbeat is not None


def _page_linking_home() -> StandardPageFactory:
    """A page whose body links to the home page: one row in the reference index."""
    demo_content_load()
    home = HomePage.objects.get(locale__language_code="en")
    link = {"heading": "Join", "link_page": home, "link_text": "Home"}
    page = StandardPageFactory(parent=home, body=[("call_to_action", link)])
    ReferenceIndex.objects.all().delete()
    return page


def _index_references_through_celery(page) -> None:
    CeleryTaskBackend("celery", {}).enqueue(
        update_reference_index_task, ["hub", "standardpage", page.pk], {}
    )


def _references_of(page):
    return ReferenceIndex.objects.filter(object_id=str(page.pk))


def test_wagtail_background_tasks_run_on_the_celery_worker(celery_worker):
    page = _page_linking_home()
    _index_references_through_celery(page)
    assert _eventually(_references_of(page).exists)


def test_wagtail_tasks_wait_for_the_transaction_to_commit(celery_worker):
    page = _page_linking_home()
    with transaction.atomic():
        _index_references_through_celery(page)
        time.sleep(2)  # a worker that had the task now would index at once
        assert not _references_of(page).exists()
    assert _eventually(_references_of(page).exists)


def test_expert_enquiry_is_mailed_by_the_worker(celery_worker, client):
    demo_content_load()
    client.post(
        "/en/experts/climate-adaptation-adviser/",
        {
            "your_name": "Alderman of Zwolle",
            "your_e_mail_address": "alderman@zwolle.example",
            "your_question": "How do we start with water squares?",
        },
    )
    assert _eventually(
        lambda: EnquiryDelivery.objects.filter(sent_at__isnull=False).exists()
    )
