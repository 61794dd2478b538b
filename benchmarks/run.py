"""`make bench`: speed, queries and memory of the hot paths on a full-size House.

Builds a throwaway test database (SQLite by default, PostgreSQL with DATABASE_URL), imports the
650 MPs, adds synthetic published statements, then times each public page through Django's test
client. Seconds vary by machine; the query counts must not.
"""

import argparse
import datetime
import logging
import os
import random
import statistics
import time
import tracemalloc
import warnings
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("WHITENOISE_USE_FINDERS", "1")

import django  # noqa: E402

django.setup()

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.utils import timezone  # noqa: E402

MEMBERS_CSV = (
    Path(__file__).resolve().parents[1] / "politicians" / "data" / "uk-commons-2019-mps.csv"
)

PAGES = [
    "/",
    "/topics/tiktok-ban/",
    "/politicians/",
    "/politicians/?position=opposes&position=wants_extended&party=conservative",
    "/politicians/?q=north&sort=-name&page=2",
    "/politicians.csv",
    "/politicians.json",
    "/politicians/alicia-kearns/",
    "/statements/",
    "/statements/?q=ban+phones",
    "/statements/?position=supports&from=2023-01-01&to=2023-12-31",
    "/statements.csv",
    "/statements.json",
    "/parties/",
    "/parties/conservative/",
    "/methodology/",
    "/corrections/",
    "/feeds/statements/",
    "/feeds/topics/tiktok-ban/",
    "/embed/tiktok-ban/",
]


def measure(fn, repeat):
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        timings.append((time.perf_counter() - start) * 1000)
    return result, timings


def add_statements(count: int):
    from politicians.models import Politician
    from statements.models import Position, SourceKind, Stance, Statement, StatementStatus, Topic

    rng = random.Random(2023)
    topic = Topic.objects.default()
    politicians = list(Politician.objects.all())
    now = timezone.now()
    words = [
        "The ban on government phones should go further and cover personal devices.",
        "I support the ban on government devices as a sensible precaution.",
        "I have not made up my mind on whether the ban goes far enough.",
        "Using TikTok should be a personal choice and I will keep using it.",
    ]
    statements = []
    for n in range(count):
        position = rng.choice(Position.values)
        statements.append(
            Statement(
                politician=rng.choice(politicians),
                topic=topic,
                words=f"{words[Position.values.index(position)]} (statement {n})",
                said_on=datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(600)),
                outlet=rng.choice(["PoliticsHome", "BBC News", "The Times", "Hansard"]),
                source_url=f"https://news.example/story-{n}",
                source_kind=rng.choice(SourceKind.values),
                position=position,
                status=StatementStatus.PUBLISHED,
                published_at=now,
                first_published_at=now,
            )
        )
    Statement.objects.bulk_create(statements, batch_size=500)
    already = set(Stance.objects.filter(topic=topic).values_list("politician_id", flat=True))
    newest = {}
    for statement in sorted(statements, key=lambda s: s.said_on):
        newest[statement.politician_id] = statement
    Stance.objects.bulk_create(
        [
            Stance(politician_id=pid, topic=topic, position=s.position, as_of=s.said_on, based_on=s)
            for pid, s in newest.items()
            if pid not in already
        ],
        batch_size=500,
    )
    return len(newest)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--statements", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    setup_test_environment()
    # As Django's test framework does: keep one connection and one query log across requests,
    # or the per-request query count would read zero.
    request_started.disconnect(reset_queries)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    warnings.filterwarnings("ignore", message="No directory at")
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        from politicians.services import members_import
        from statements.management.commands import load_demo

        print(f"database: {connection.vendor}")
        text = MEMBERS_CSV.read_text(encoding="utf-8")
        tracemalloc.start()
        with CaptureQueriesContext(connection) as queries:
            result, (first_ms,) = measure(lambda: members_import(text=text), 1)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"import_members, 650 new rows: {first_ms:8.1f} ms  {len(queries):5d} queries  "
            f"peak {peak / 1e6:.1f} MB  ({result.created} added)"
        )
        with CaptureQueriesContext(connection) as queries:
            result, timings = measure(lambda: members_import(text=text), 3)
        print(
            f"import_members, re-run:       {statistics.median(timings):8.1f} ms  "
            f"{len(queries) // 3:5d} queries  ({result.unchanged} unchanged)"
        )
        load_demo.Command().handle()
        with_positions = add_statements(args.statements)
        print(f"data: 650 MPs, {args.statements} statements, {with_positions} with a position\n")

        # The status column reports failures; the request log would bury the table.
        logging.getLogger("django.request").setLevel(logging.CRITICAL)
        client = Client(raise_request_exception=False)
        print(
            f"{'page':<75} {'median ms':>9} {'max ms':>8} {'queries':>7} {'KB':>7} {'peak MB':>7}"
        )

        def fetch(url):
            # Downloads stream: their rows are read, and counted, only as the body is consumed.
            response = client.get(url)
            body = response.getvalue()
            return response, body

        for url in PAGES:
            fetch(url)  # warm caches and templates
            # The query log holds 9,000 entries at most; a full one would count nothing.
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                fetch(url)
            query_count = len(queries)
            (response, body), timings = measure(lambda u=url: fetch(u), args.repeat)
            # Memory on a run of its own: tracing every allocation slows Python several times
            # over, and would swamp the timings.
            tracemalloc.start()
            fetch(url)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            status = "" if response.status_code == 200 else f"  (status {response.status_code})"
            print(
                f"{url:<75} {statistics.median(timings):9.1f} {max(timings):8.1f} "
                f"{query_count:7d} {len(body) / 1024:7.1f} {peak / 1e6:7.1f}{status}"
            )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
