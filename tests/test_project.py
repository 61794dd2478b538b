"""Project-wide checks that run with the suite."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--quiet", str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_imports_a_layer_above_its_own():
    # The layers are named in pyproject.toml's [tool.importlinter]: a cycle fails here.
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_project_never_reads_the_shared_folder_at_run_time():
    offenders = [
        str(path.relative_to(ROOT))
        for folder in (
            "config",
            "core",
            "politicians",
            "public",
            "sources",
            "statements",
            "templates",
        )
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".html"} and "../shared" in path.read_text()
    ]
    assert offenders == []


def test_app_refuses_to_start_without_a_secret_when_debug_is_off():
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
