import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pytest_with(**environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "--co",
            "-q",
            "tests/hub/test_taxonomy.py",
        ],
        cwd=ROOT,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_suite_stops_and_says_how_to_start_redis_when_it_is_down():
    result = _pytest_with(REDIS_URL="redis://127.0.0.1:1/14")
    assert result.returncode == 3
    assert "Redis is not reachable. Start it with:" in result.stdout + result.stderr
    assert "redis-server --daemonize yes" in result.stdout + result.stderr


def test_suite_stops_and_says_how_to_start_postgresql_when_it_is_down():
    result = _pytest_with(DATABASE_URL="postgres://postgres@127.0.0.1:1/hub")
    assert result.returncode == 3
    assert "PostgreSQL is not reachable." in result.stdout + result.stderr
