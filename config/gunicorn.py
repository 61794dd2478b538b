"""gunicorn settings for production and `make bench`: `gunicorn -c config/gunicorn.py config.wsgi`.

Threaded workers (gthread): a download of every statement streams for a second or two, and on a
sync worker it would hold the whole process while page requests queued behind it; with threads
the same process keeps answering pages. Processes use both cores; threads overlap the waits on
PostgreSQL and on the client's socket. `make bench` measured these settings (docs/deploy.md).
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn reads WEB_CONCURRENCY itself too; two processes a core.
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A page answers in milliseconds; 30 s only ever ends a stuck request.
timeout = 30
keepalive = 5
# Recycle a worker now and then, so a slow leak can never grow without bound. Not too often:
# a new worker starts with an empty in-process cache (when CACHE_URL is not Redis), and at the
# 2,000 requests a second a crowd brings, 20,000 meant a recycle every few tens of seconds,
# each one a stall `make bench` saw as a p99 of hundreds of milliseconds.
max_requests = 200000
max_requests_jitter = 20000
# Load the app once, in the master: a worker (a new one after a recycle, too) is then a fork,
# ready at once, and the processes share the code's memory.
preload_app = True
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")


def pre_fork(server, worker):
    """Freeze what the master has loaded before each worker is forked from it.

    Django, the app and every module live as long as the worker: frozen, Python's cyclic
    collector never walks them again. Unfrozen, a full collection over those ~150,000 objects
    paused the worker, and every request its threads held, for 60 ms every few hundred
    requests (measured in-process on the politicians list); frozen, 2-11 ms.
    """
    gc.freeze()
