"""Statement imports on the task queue: a large file is checked and written by a worker while
the admin shows how far it has got (issue 12: a 5,000-row file timed out the admin).

The run is the same all-or-nothing import as the command line's (statements.imports): every row
is checked first, reporting progress as it goes, then every row is written in one transaction.
Progress is written between those phases, never inside the transaction, so a page reading it
sees it at once and a failed write leaves no trace but the job's own record.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from core.imports import ImportProblem
from core.rules import RuleBroken

from .import_files import ImportFileUnavailable, PrivateImportStorage
from .imports import StatementImportError, check_rows, problems_of, read_csv, save_rows
from .models import ImportJobState, StatementImportJob

logger = logging.getLogger(__name__)


def _storage(name: str | None = None) -> PrivateImportStorage:
    return PrivateImportStorage(name=name, encoding="utf-8-sig", read_mode="r")


def statement_import_job_start(*, text: str, actor, original_name: str = "") -> StatementImportJob:
    """Keep the file in the private upload folder, record the job and queue its run (run at
    once when Celery is eager)."""
    from .tasks import run_statement_import  # the task module imports this one

    storage = _storage()
    storage.save(text)
    job = StatementImportJob.objects.create(
        created_by=actor, file_name=storage.name, original_name=original_name[:255]
    )
    run_statement_import.delay(job.pk)
    return job


def statement_import_job_progress(*, job_id: int, rows_done: int, rows_total: int | None = None):
    """Record how many rows are checked; one UPDATE, outside any import transaction."""
    fields = {"rows_done": rows_done}
    if rows_total is not None:
        fields["rows_total"] = rows_total
    StatementImportJob.objects.filter(pk=job_id, state=ImportJobState.RUNNING).update(**fields)


def _finish(job_id: int, **fields) -> None:
    StatementImportJob.objects.filter(pk=job_id).update(finished_at=timezone.now(), **fields)


def _problems_as_errors(problems: list[ImportProblem]) -> list[dict]:
    return [{"row": p.row, "field": p.field, "message": p.message} for p in problems]


def statement_import_job_run(*, job_id: int) -> StatementImportJob:
    """Run a queued job: check every row, then write all of them or none.

    Only a queued job runs (claimed in one UPDATE), so a finished job, or one another worker is
    running, is left as it is: running the task twice imports the file once. A database or
    storage hiccup puts the job back in the queue, having written nothing, for the retry.
    """
    claimed = StatementImportJob.objects.filter(pk=job_id, state=ImportJobState.QUEUED).update(
        state=ImportJobState.RUNNING
    )
    job = StatementImportJob.objects.select_related("created_by").get(pk=job_id)
    if not claimed:
        return job
    storage = _storage(job.file_name)
    try:
        drafts = _import(job, storage)
    except StatementImportError as error:
        _finish(job.pk, state=ImportJobState.FAILED, errors=_problems_as_errors(error.problems))
    except (ImportFileUnavailable, RuleBroken) as error:
        # No file to read, or a rule a draft broke while being written (rolled back).
        problem = ImportProblem(1, "file", str(error))
        _finish(job.pk, state=ImportJobState.FAILED, errors=_problems_as_errors([problem]))
    except ValidationError as error:
        problem = ImportProblem(1, "file", " ".join(error.messages))
        _finish(job.pk, state=ImportJobState.FAILED, errors=_problems_as_errors([problem]))
    except (OSError, DatabaseError):
        StatementImportJob.objects.filter(pk=job.pk).update(state=ImportJobState.QUEUED)
        raise
    except Exception:
        # A defect, not the file: the editor's page must still end rather than reload forever.
        logger.exception("Statement import job %s stopped", job.pk)
        problem = ImportProblem(
            1,
            "file",
            "the import stopped on an error of the site; nothing "
            "was imported, and the error is logged for the developers",
        )
        _finish(job.pk, state=ImportJobState.FAILED, errors=_problems_as_errors([problem]))
    else:
        _finish(job.pk, state=ImportJobState.DONE, drafts_created=drafts)
    storage.remove()  # finished: the file has been read, and is not run again
    job.refresh_from_db()
    return job


def statement_import_job_give_up(*, job_id: int) -> None:
    """End a job whose every retry met a database or storage failure: failed, with a reason
    the editor can act on, instead of queued for ever. Nothing was written (each try rolled
    back); a job that finished meanwhile is left as it is."""
    problem = ImportProblem(
        1,
        "file",
        "the import could not reach the database or the file store after several tries; "
        "nothing was imported. Upload the file again in a few minutes",
    )
    gave_up = StatementImportJob.objects.filter(
        pk=job_id, state__in=[ImportJobState.QUEUED, ImportJobState.RUNNING]
    ).update(
        state=ImportJobState.FAILED,
        errors=_problems_as_errors([problem]),
        finished_at=timezone.now(),
    )
    if gave_up:
        job = StatementImportJob.objects.get(pk=job_id)
        _storage(job.file_name).remove()


def _import(job: StatementImportJob, storage: PrivateImportStorage) -> int:
    header, rows = read_csv(storage.read())
    if not header:
        raise StatementImportError([ImportProblem(1, "file", "is empty")])
    statement_import_job_progress(job_id=job.pk, rows_done=0, rows_total=len(rows))
    checked_rows = check_rows(
        header,
        rows,
        actor=job.created_by,
        on_progress=lambda done: statement_import_job_progress(job_id=job.pk, rows_done=done),
    )
    problems = problems_of(checked_rows)
    if problems:
        raise StatementImportError(problems)
    statement_import_job_progress(job_id=job.pk, rows_done=len(rows))
    with transaction.atomic():
        statements = save_rows(checked_rows, actor=job.created_by)
    return len(statements)
