"""Bounded, strict imports: a huge file is refused before it is read, and every malformed file
gets row-level errors and writes nothing (issue 12, point 4, without the task queue)."""

import time
import tracemalloc

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from statements.imports import HEADER, StatementImportError, statements_import
from statements.models import Statement
from tests.factories import PartyFactory, PoliticianFactory
from tests.statements.test_import_statements import a_row, csv_text

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:statements_statement_import")


@pytest.fixture
def speakers(db):
    conservative = PartyFactory(name="Conservative", slug="conservative")
    return PoliticianFactory(name="Alicia Kearns", member_id=4805, party=conservative)


def good_line():
    return csv_text(a_row()).splitlines()[1]


HEAD = ",".join(HEADER)

MALFORMED = {
    "an unclosed quotation mark": (
        f'{HEAD}\n{good_line()}\nAlicia Kearns,4805,,,,2023-03-13,"She said,no,PoliticsHome\n',
        [(3, "file", "quotation mark that is never closed")],
    ),
    "a NUL byte": (
        f"{HEAD}\n{good_line()}\n" + good_line().replace("Any phone", "Any\x00phone") + "\n",
        [(3, "file", "NUL byte")],
    ),
    "a 200 KB field": (
        f"{HEAD}\n{good_line().replace('Any phone', 'x' * 200_000)}\n",
        [(2, "file", "field longer than 10,000 characters")],
    ),
    "a 20,000-character quote": (
        f"{HEAD}\n{good_line().replace('Any phone', 'x' * 20_000)}\n",
        [(2, "words", "is 20,0")],
    ),
    "a column not ours": (
        f"{HEAD},notes\n{good_line()},extra\n",
        [(1, "notes", "is not a column this import reads")],
    ),
    "a column named twice": (
        f"{HEAD},words\n{good_line()},again\n",
        [(1, "words", "column appears twice")],
    ),
    "a row wider than the header": (
        f"{HEAD}\n{good_line()}\n{good_line()},surplus\n",
        [(3, "file", f"has {len(HEADER) + 1} cells but the header names {len(HEADER)}")],
    ),
    "a row narrower than the header": (
        f"{HEAD}\n{good_line()}\nAlicia Kearns,4805\n",
        [(3, "file", f"has 2 cells but the header names {len(HEADER)}")],
    ),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_a_malformed_file_gets_row_level_errors_and_writes_nothing(speakers, editor, case):
    text, expected = MALFORMED[case]

    with pytest.raises(StatementImportError) as raised:
        statements_import(text=text, actor=editor)

    found = [(p.row, p.field, p.message) for p in raised.value.problems]
    for row, field, words in expected:
        assert any(r == row and f == field and words in m for r, f, m in found), found
    assert Statement.objects.count() == 0


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_the_admin_names_the_broken_rows_of_a_malformed_file(client, speakers, editor, case):
    text, expected = MALFORMED[case]
    client.force_login(editor)

    response = client.post(
        IMPORT_URL,
        {"format": "0", "import_file": SimpleUploadedFile("s.csv", text.encode("utf-8"))},
    )

    assert response.status_code == 200
    errors = [
        e.get_text(" ", strip=True)
        for e in BeautifulSoup(response.content, "lxml").select(".errorlist li")
    ]
    for row, field, words in expected:
        assert any(f"row {row}, {field}:" in e and words in e for e in errors), errors
    assert Statement.objects.count() == 0


def test_a_file_with_too_many_rows_is_refused(speakers, editor, settings):
    settings.WTS_IMPORT_MAX_ROWS = 3
    text = csv_text(*[a_row(words=f"Quote {n}.") for n in range(5)])

    with pytest.raises(StatementImportError, match="more than 3 rows"):
        statements_import(text=text, actor=editor)
    assert Statement.objects.count() == 0


def test_a_50_mb_file_is_refused_within_2_seconds_using_under_100_mb(speakers, tmp_path):
    huge = tmp_path / "newlines.csv"
    with huge.open("wb") as handle:
        handle.write(HEAD.encode() + b"\n")
        handle.write(b"\n" * 50_000_000)

    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(CommandError, match="50.0 MB; the most one import takes is 5.0 MB"):
        call_command("import_statements", str(huge))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert elapsed < 2
    assert peak < 100_000_000
    assert Statement.objects.count() == 0


def test_the_admin_refuses_a_file_over_the_size_limit_before_reading_it(client, editor, settings):
    settings.WTS_IMPORT_MAX_BYTES = 1_000
    client.force_login(editor)

    response = client.post(
        IMPORT_URL,
        {"format": "0", "import_file": SimpleUploadedFile("big.csv", b"\n" * 5_000)},
    )

    assert response.status_code == 200
    errors = [
        e.get_text(" ", strip=True)
        for e in BeautifulSoup(response.content, "lxml").select(".errorlist li")
    ]
    assert errors == [
        "big.csv is 0.0 MB; the most one import takes is 0.0 MB. Split it into smaller files."
    ]
