"""Background work on statements: a large import, run by id (statements.import_jobs)."""

from celery import Task, shared_task
from django.db import DatabaseError

from .import_jobs import statement_import_job_give_up, statement_import_job_run


class ImportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Every retry failed (or the task itself broke): the editor's page must show the job
        # ended, not "queued" for ever.
        statement_import_job_give_up(job_id=kwargs.get("job_id", args[0] if args else None))


@shared_task(
    base=ImportTask,
    autoretry_for=(OSError, DatabaseError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=5,
)
def run_statement_import(job_id: int) -> str:
    """Check and write one queued import; returns its state. A finished job is left alone."""
    return statement_import_job_run(job_id=job_id).state
