"""The Celery app: background fetching, archiving and link checks.

Workers start with `celery -A config worker -B` (the README says how). Without CELERY_BROKER_URL
every task runs eagerly, in the process that asked for it, so `make run` and the tests need no
broker and no worker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("where_they_stand")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
