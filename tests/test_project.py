"""Project-wide checks that run with the suite."""

import importlib
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


# Every database: makemigrations checks the migration history of each one it knows, and on
# PostgreSQL the suite knows a replica too (tests/conftest.py).
@pytest.mark.django_db(databases="__all__")
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


# What CONTRIBUTING.md's table and worked example name, as module and attribute: renaming one
# without the guide fails here.
NAMED_IN_CONTRIBUTING = [
    ("core.rules", "RuleBroken"),
    ("core.admin", "show_refusal"),
    ("core.admin", "HistoryAdmin"),
    ("core.filters", "StrictFilterSet"),
    ("core.downloads", "download_views"),
    ("core.imports", "ImportProblem"),
    ("core.imports", "ImportRefused"),
    ("core.imports", "CsvImportCommand"),
    ("core.caching", "public_page"),
    ("core.caching", "per_data_version"),
    ("core.pagination", "KeptPaginator"),
    ("core.templatetags.kept", "kept_fragment"),
    ("statements.services", "statement_check_edit"),
    ("statements.services", "stance_check_update"),
    ("statements.filters", "StatementFilterSet"),
    ("statements.views.browser", "browsed_statements"),
    ("statements.views.browser", "StatementBrowserView"),
    ("public.views", "politicians_listed"),
    ("tests.reading", "soup_of"),
    ("tests.reading", "csv_dicts"),
    ("tests.test_site", "BAD_STATEMENT_QUERIES"),
    ("tests.test_site", "sample_kwargs"),
]


@pytest.mark.parametrize(("module", "name"), NAMED_IN_CONTRIBUTING)
def test_contributing_names_what_the_code_calls_it(module, name):
    assert name in (ROOT / "CONTRIBUTING.md").read_text()
    assert hasattr(importlib.import_module(module), name)


def test_contributing_example_form_partial_takes_what_the_example_gives_it():
    # The example's one line of form is an include of this partial with these names.
    partial = (ROOT / "templates" / "includes" / "_choice_filter.html").read_text()
    for name in ("name", "label", "any_label", "choices", "chosen"):
        assert name in partial
    assert "includes/_choice_filter.html" in (ROOT / "CONTRIBUTING.md").read_text()


def test_contributing_example_filter_method_name_is_the_filtersets_convention():
    # The worked example adds `filter_paraphrase` beside the FilterSet's own filter methods.
    from statements.filters import StatementFilterSet

    assert hasattr(StatementFilterSet, "filter_search")
    assert "grouped_counts" in (ROOT / "CONTRIBUTING.md").read_text()
    assert hasattr(StatementFilterSet, "grouped_counts")


# Every folder of the project's own code, found rather than listed, so a new app is held to
# the limit from its first commit.
KEPT_SIMPLE = sorted(
    path.name
    for path in ROOT.iterdir()
    if path.is_dir()
    and path.name not in {"tests", "node_modules", "static", "templates", "docs", "artifacts"}
    and not path.name.startswith(".")
    and any(path.rglob("*.py"))
)


def _with_methods(blocks):
    for block in blocks:
        yield block
        yield from _with_methods(getattr(block, "methods", []) + getattr(block, "closures", []))


def test_the_complexity_limit_covers_every_app():
    assert {"accounts", "api", "guards", "outreach", "sources", "statements"} <= set(KEPT_SIMPLE)


def test_no_function_is_too_complex_to_review():
    # Cyclomatic complexity above 15 (radon's C band ends there) is where a function stops
    # fitting in a reviewer's head; split it rather than raise the limit.
    from radon.complexity import cc_visit

    too_complex = [
        f"{path.relative_to(ROOT)}:{block.lineno} {block.name} ({block.complexity})"
        for folder in KEPT_SIMPLE
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
        for block in _with_methods(cc_visit(path.read_text()))
        if block.complexity > 15
    ]
    assert too_complex == []
