"""Background work on statements: a large import, run by id (statements.import_jobs)."""

from celery import shared_task
from django.db import DatabaseError

from .import_jobs import statement_import_job_run


@shared_task(
    autoretry_for=(OSError, DatabaseError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=5,
)
def run_statement_import(job_id: int) -> str:
    """Check and write one queued import; returns its state. A finished job is left alone."""
    return statement_import_job_run(job_id=job_id).state
