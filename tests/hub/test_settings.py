import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENVIRONMENT = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "hub.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/13",
    "EMAIL_URL": "smtp://mail.example.org:587/?tls=True",
}


def _manage(*args: str, settings: str, **environment: str):
    # A clean environment, so that only what the test names is configured.
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": settings}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_and_names_what_is_missing():
    result = _manage("check", settings="hub.settings.production", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert (
        "need these environment variables: ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, "
        "EMAIL_URL"
    ) in result.stderr


def test_production_passes_the_deployment_checks():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings="hub.settings.production",
        **PRODUCTION_ENVIRONMENT,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_embedded_default_runs_with_no_environment_at_all():
    result = _manage("check", settings="hub.settings.dev")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("setting", ["DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"])
def test_base_settings_are_safe_without_an_environment(setting):
    code = f"import hub.settings.base as s; print(repr(s.{setting}))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() in {"False", "''", "[]"}


def test_celery_tasks_survive_a_killed_worker():
    from django.conf import settings

    assert settings.CELERY_TASK_ACKS_LATE
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1


def test_wagtail_background_tasks_are_configured_explicitly():
    from hub.settings import base

    assert base.TASKS["default"]["BACKEND"] == "hub.task_backend.CeleryTaskBackend"
