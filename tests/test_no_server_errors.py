"""Requests that once gave a 500: each is now a clear 4xx, or simply succeeds."""

import threading

import pytest
from bs4 import BeautifulSoup
from django.db import connection, connections

from statements.models import Stance, Statement
from statements.services import statement_publish
from tests.factories import PoliticianFactory, ReviewerFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/", "/politicians/", "/statements/?q=ban", "/feeds/statements/", "/sitemap.xml",
            "/admin/login/", "/no-such-page/", "/politicians.csv"],
)  # fmt: skip
@pytest.mark.parametrize("host", ["evil.example", "bad host!", "localhost:port", "a" * 300])
def test_a_host_the_site_does_not_serve_gets_the_400_page(client, topic, url, host):
    response = client.get(url, HTTP_HOST=host)

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.h1.get_text() == "This site does not answer to that address"


def test_the_400_page_for_a_bad_host_survives_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one writer in at a time, so publishes cannot race there; the row lock "
    "that queues them is PostgreSQL's",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_publishes_for_one_politician_all_succeed_with_one_stance(topic):
    politician = PoliticianFactory()
    drafts = StatementFactory.create_batch(20, politician=politician, topic=topic)
    reviewer = ReviewerFactory()
    start = threading.Barrier(len(drafts))
    failures = []

    def publish(statement):
        try:
            start.wait()
            statement_publish(statement=statement, reviewer=reviewer)
        except Exception as error:  # every failure is the finding: collect, do not stop
            failures.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert Statement.objects.published().filter(politician=politician).count() == 20
    assert Stance.objects.filter(politician=politician, topic=topic).count() == 1
