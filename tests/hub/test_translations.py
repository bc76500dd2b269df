import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
SOURCES = ["hub", "partners", "projects", "publications", "templates", "locale"]


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory) -> polib.POFile:
    """The Dutch catalogue as makemessages would leave it for today's code."""
    copy = tmp_path_factory.mktemp("project")
    for name in SOURCES:
        shutil.copytree(
            ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-location"],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings.dev"},
        check=True,
        capture_output=True,
    )
    return polib.pofile(str(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"))


def test_every_string_in_the_code_has_a_dutch_translation(fresh_catalogue):
    untranslated = [
        entry.msgid
        for entry in fresh_catalogue
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert untranslated == []


def test_compiled_catalogue_matches_the_translations():
    compiled = {
        entry.msgid: entry.msgstr or entry.msgstr_plural
        for entry in polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    }
    written = {
        entry.msgid: entry.msgstr or entry.msgstr_plural
        for entry in polib.pofile(str(CATALOGUE))
        if not entry.obsolete and entry.msgid
    }
    assert {key: compiled.get(key) for key in written} == written
