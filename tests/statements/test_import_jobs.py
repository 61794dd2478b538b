"""Long statement imports run on the task queue, and the admin shows their progress (issue 12,
point 4): the same all-or-nothing import as the command line's, run by a job's id."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse

from statements.import_files import upload_folder
from statements.import_jobs import (
    statement_import_job_progress,
    statement_import_job_run,
    statement_import_job_start,
)
from statements.models import ImportJobState, Statement, StatementImportJob, StatementStatus
from statements.tasks import run_statement_import
from tests.factories import PartyFactory, PoliticianFactory, UserFactory
from tests.statements.test_import_statements import a_row, csv_text

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:statements_statement_import")


@pytest.fixture(autouse=True)
def _own_folder(settings, tmp_path):
    settings.WTS_IMPORT_UPLOAD_DIR = str(tmp_path / "imports")


def job_url(job):
    return reverse("admin:statements_statementimportjob_change", args=[job.pk])


def page_text(response):
    return " ".join(BeautifulSoup(response.content, "lxml").get_text(" ").split())


def many_rows(count, speakers=500):
    party = PartyFactory(name="Conservative", slug="conservative")
    people = [
        PoliticianFactory(name=f"Member Number{n}", member_id=10_000 + n, party=party)
        for n in range(speakers)
    ]
    return csv_text(
        *(
            a_row(
                speaker=people[n % speakers].name,
                member_id=str(people[n % speakers].member_id),
                words=f"Statement {n}: {n * 7919 % 100_003} phones should be free of the app.",
                url=f"https://news.example/tiktok/{n}",
            )
            for n in range(count)
        )
    )


@pytest.fixture
def kearns(db):
    conservative = PartyFactory(name="Conservative", slug="conservative")
    return PoliticianFactory(name="Alicia Kearns", member_id=4805, party=conservative)


def test_a_5000_row_import_completes_through_the_queue_and_the_admin_shows_it_done(client, editor):
    text = many_rows(5_000)
    client.force_login(editor)

    response = client.post(
        IMPORT_URL,
        {"format": "0", "import_file": SimpleUploadedFile("big.csv", text.encode("utf-8"))},
    )

    job = StatementImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == job_url(job)
    assert (job.state, job.rows_total, job.rows_done, job.drafts_created) == (
        ImportJobState.DONE, 5_000, 5_000, 5_000,
    )  # fmt: skip
    assert job.created_by == editor
    assert Statement.objects.filter(status=StatementStatus.DRAFT).count() == 5_000
    assert list(upload_folder().iterdir()) == []  # the upload went once it was read
    page = client.get(response.url)
    assert page.status_code == 200
    shown = page_text(page)
    assert "Done: 5,000 rows imported as 5,000 drafts" in shown
    assert "5,000 of 5,000 rows checked" in shown
    assert b'http-equiv="refresh"' not in page.content  # a finished job stops reloading


def test_a_short_file_still_gets_the_preview(client, editor, kearns):
    client.force_login(editor)

    response = client.post(
        IMPORT_URL,
        {"format": "0", "import_file": SimpleUploadedFile("s.csv", csv_text(a_row()).encode())},
    )

    assert response.status_code == 200
    assert StatementImportJob.objects.count() == 0


def test_a_malformed_files_job_fails_with_row_errors_and_writes_nothing(
    client, editor, kearns, settings
):
    settings.WTS_IMPORT_QUEUE_ROWS = 1
    text = csv_text(a_row(), a_row(date="13 Marchember", url="ftp://x.example/"), a_row(words=""))
    client.force_login(editor)

    response = client.post(
        IMPORT_URL, {"format": "0", "import_file": SimpleUploadedFile("bad.csv", text.encode())}
    )

    job = StatementImportJob.objects.get()
    assert job.state == ImportJobState.FAILED
    assert {(e["row"], e["field"]) for e in job.errors} >= {(3, "date"), (3, "url"), (4, "words")}
    assert Statement.objects.count() == 0
    shown = page_text(client.get(response.url))
    assert "Failed: nothing was imported" in shown
    assert "3 date “13 Marchember” is not a date" in shown


def test_a_structurally_broken_file_fails_with_its_row(editor, kearns):
    text = csv_text(a_row()) + 'Alicia Kearns,4805,,,,2023-03-13,"She said,no\n'

    job = statement_import_job_start(text=text, actor=editor, original_name="broken.csv")

    job.refresh_from_db()
    assert job.state == ImportJobState.FAILED
    assert job.errors[0]["row"] == 3
    assert "never closed" in job.errors[0]["message"]
    assert Statement.objects.count() == 0


def test_a_finished_job_is_not_run_twice(editor, kearns):
    job = statement_import_job_start(text=csv_text(a_row()), actor=editor)

    assert run_statement_import(job.pk) == ImportJobState.DONE
    assert statement_import_job_run(job_id=job.pk).state == ImportJobState.DONE
    assert Statement.objects.count() == 1


def test_progress_is_shown_while_the_job_runs(client, editor):
    job = StatementImportJob.objects.create(
        created_by=editor, file_name="0" * 32, state=ImportJobState.RUNNING
    )
    statement_import_job_progress(job_id=job.pk, rows_done=2_000, rows_total=5_000)
    client.force_login(editor)

    page = client.get(job_url(job))

    assert page.status_code == 200
    assert "2,000 of 5,000 rows checked" in page_text(page)
    assert b'http-equiv="refresh"' in page.content
    assert b"<script>" not in page.content


def test_the_job_reports_progress_as_it_checks(editor, monkeypatch):
    seen = []
    real = statement_import_job_progress

    def record(**kwargs):
        real(**kwargs)
        seen.append(StatementImportJob.objects.values_list("rows_done", "rows_total").get())

    monkeypatch.setattr("statements.import_jobs.statement_import_job_progress", record)
    statement_import_job_start(text=many_rows(1_200, speakers=100), actor=editor)

    assert seen == [(0, 1_200), (500, 1_200), (1_000, 1_200), (1_200, 1_200)]


def test_the_job_page_needs_staff_permission(client, editor):
    job = StatementImportJob.objects.create(created_by=editor, file_name="0" * 32)

    anonymous = client.get(job_url(job))
    client.force_login(UserFactory(is_staff=True))
    staff_without_permission = client.get(job_url(job))

    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("admin:login"))
    assert staff_without_permission.status_code == 403


def test_a_defect_during_the_run_ends_the_job_failed_not_running_forever(editor, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("a defect")

    monkeypatch.setattr("statements.import_jobs.check_rows", broken)

    job = statement_import_job_start(text=csv_text(a_row()), actor=editor)

    job.refresh_from_db()
    assert job.state == ImportJobState.FAILED
    assert "nothing was imported" in job.errors[0]["message"]
    assert Statement.objects.count() == 0


def test_a_job_whose_every_retry_fails_ends_failed_not_queued(
    client, editor, kearns, monkeypatch, settings
):
    """Each try meets a database failure and is retried; after the last one the job ends
    failed, with a reason, and nothing imported: an editor's page never says "queued" for
    ever."""
    settings.CELERY_TASK_EAGER_PROPAGATES = False  # as a worker runs it: retries, then gives up
    tries = []

    def database_down(job, storage):
        tries.append(job.pk)
        raise OperationalError("the database went away")

    monkeypatch.setattr("statements.import_jobs._import", database_down)
    job = statement_import_job_start(text=csv_text(a_row()), actor=editor, original_name="a.csv")

    job.refresh_from_db()
    assert len(tries) == 6  # the first try and five retries
    assert job.state == ImportJobState.FAILED
    assert "could not reach the database" in job.errors[0]["message"]
    assert Statement.objects.count() == 0
    client.force_login(editor)
    assert "Failed: nothing was imported" in page_text(client.get(job_url(job)))
