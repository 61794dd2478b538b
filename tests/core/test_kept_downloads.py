"""The whole list's download is written to a file once per data version and sent from it after
(core.kept_downloads): the same bytes, until public data changes."""

import csv
import io

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.http import FileResponse

from statements.services import statement_publish, statement_save_draft
from tests.factories import PoliticianFactory, StatementFactory

pytestmark = pytest.mark.django_db


def read(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def words_in(body: bytes) -> list[str]:
    rows = csv.DictReader(io.StringIO(body.decode("utf-8-sig")))
    return sorted(row["words"] for row in rows)


@pytest.fixture
def record(topic):
    StatementFactory(published=True, words="Ban it.")
    StatementFactory(published=True, words="=HYPERLINK(1)")


@pytest.mark.parametrize("url", ["/statements.csv", "/statements.json", "/politicians.csv"])
def test_the_second_download_is_the_first_ones_file(client, kept_downloads, record, url):
    first = client.get(url)
    body = read(first)
    assert [path.suffix for path in kept_downloads.iterdir()] == [f".{url.rsplit('.', 1)[1]}"]

    again = client.get(url)
    assert isinstance(again, FileResponse)  # sent from the file
    assert read(again) == body
    assert again["X-Exported-At"] == first["X-Exported-At"]
    assert again.get("Content-Disposition") == first.get("Content-Disposition")
    assert again["Content-Type"] == first["Content-Type"]
    assert again["ETag"] == first["ETag"]


def test_a_publication_makes_the_next_download_fresh_and_drops_the_old_file(
    client, kept_downloads, record, editor, reviewer, django_capture_on_commit_callbacks
):
    assert words_in(read(client.get("/statements.csv"))) == ["'=HYPERLINK(1)", "Ban it."]
    old_files = set(kept_downloads.iterdir())

    with django_capture_on_commit_callbacks(execute=True):
        draft = statement_save_draft(
            statement=StatementFactory.build(politician=PoliticianFactory(), words="Extend it."),
            actor=editor,
        )
        statement_publish(statement=draft, reviewer=reviewer)

    fresh = client.get("/statements.csv")
    assert not isinstance(fresh, FileResponse)
    assert words_in(read(fresh)) == ["'=HYPERLINK(1)", "Ban it.", "Extend it."]
    assert not old_files & set(kept_downloads.iterdir())
    assert len(list(kept_downloads.iterdir())) == 1


def test_filtered_downloads_are_always_read_afresh(client, kept_downloads, record):
    read(client.get("/statements.csv?q=ban"))
    read(client.get("/politicians.csv?position=supports"))
    assert not kept_downloads.exists() or not list(kept_downloads.iterdir())


@pytest.mark.skipif(
    connection.vendor == "postgresql",
    # As in test_downloads.py: a stream closed half-read closes the test's PostgreSQL connection.
    reason="streamed responses closed early close the test connection",
)
def test_a_download_cut_short_keeps_nothing(client, kept_downloads, record):
    response = client.get("/statements.csv")
    next(iter(response.streaming_content))
    # Closing ends the request, which would close the test's own connection on PostgreSQL.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert not [path for path in kept_downloads.iterdir() if not path.name.startswith(".")]
    assert not list(kept_downloads.iterdir())
    # The next reader gets the whole list, and it is kept.
    assert words_in(read(client.get("/statements.csv"))) == ["'=HYPERLINK(1)", "Ban it."]
    assert len(list(kept_downloads.iterdir())) == 1
