import importlib.util
import re
from pathlib import Path

import yaml
from django.conf import settings

from hub.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat")


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _services() -> dict:
    return _compose()["services"]


def _command(service: str) -> str:
    command = _services()[service]["command"]
    return command if isinstance(command, str) else " ".join(command)


def _dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, comments dropped, continuations joined."""
    text = (ROOT / "Dockerfile").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, arguments = line.strip().partition(" ")
            instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def _dockerfile_runs() -> str:
    return "\n".join(args for kw, args in _dockerfile_instructions() if kw == "RUN")


def test_compose_runs_exactly_the_portal_and_its_backing_services():
    assert set(_services()) == {"web", "worker", "beat", "postgres", "redis"}


def test_web_worker_postgres_and_redis_have_a_healthcheck():
    services = _services()
    for name in ("web", "worker", "postgres", "redis"):
        assert services[name].get("healthcheck", {}).get("test"), name


def test_web_migrates_before_serving_the_wsgi_app_with_gunicorn():
    command = _command("web")
    assert "gunicorn hub.wsgi:application" in command
    assert command.index("manage.py migrate") < command.index("gunicorn")


def test_worker_runs_the_celery_worker_of_the_hub_app():
    assert _command("worker").startswith("celery -A hub worker")


def test_beat_runs_the_celery_beat_of_the_hub_app():
    assert _command("beat").startswith("celery -A hub beat")


def test_gunicorn_target_module_exists():
    assert importlib.util.find_spec("hub.wsgi") is not None


def test_celery_target_app_is_named_hub():
    assert celery_app.main == "hub"


def test_beat_schedules_the_worker_heartbeat():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "hub.tasks.record_worker_heartbeat" in tasks
    assert celery_app.conf.beat_schedule == settings.CELERY_BEAT_SCHEDULE


def test_postgres_data_lives_in_a_declared_named_volume():
    volumes = _services()["postgres"]["volumes"]
    assert "postgres-data:/var/lib/postgresql/data" in volumes
    assert "postgres-data" in _compose()["volumes"]


def test_media_lives_in_a_declared_named_volume_shared_by_the_app():
    for name in APP_SERVICES:
        assert "media:/app/media" in _services()[name]["volumes"], name
    assert "media" in _compose()["volumes"]


def test_app_services_wait_for_healthy_postgres_and_redis():
    healthy = {"condition": "service_healthy"}
    for name in APP_SERVICES:
        depends_on = _services()[name]["depends_on"]
        assert depends_on == {"postgres": healthy, "redis": healthy}, name


def test_dockerfile_runs_as_a_non_root_user():
    users = [args for kw, args in _dockerfile_instructions() if kw == "USER"]
    assert users
    assert users[-1].split(":")[0] not in {"root", "0"}


def test_dockerfile_serves_the_wsgi_app_with_gunicorn():
    cmd = [args for kw, args in _dockerfile_instructions() if kw == "CMD"][-1]
    assert cmd.startswith('["gunicorn", "hub.wsgi:application"')


def test_dockerfile_installs_the_pinned_requirements():
    assert "pip install --no-cache-dir -r requirements.txt" in _dockerfile_runs()


def test_dockerfile_downloads_neither_browsers_nor_files_by_hand():
    runs = _dockerfile_runs()
    assert "playwright install" not in runs
    assert not re.search(r"\b(curl|wget)\b", runs)
