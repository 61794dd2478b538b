"""Public pages read from DATABASE_REPLICA_URL; the admin, services and the data version use
the primary. Tested against a second PostgreSQL database made for the test (skipped on SQLite),
holding different rows from the primary, so each page shows which database it read."""

import pytest
from django.conf import settings as django_settings
from django.core.signals import request_finished
from django.db import close_old_connections, connection, connections

from core import data_version
from core.routers import REPLICA
from politicians.models import Politician
from statements.models import Topic
from tests.factories import PoliticianFactory

# The second database exists on PostgreSQL only (tests/conftest.py); on SQLite the tests skip.
pytestmark = pytest.mark.django_db(
    databases=["default", REPLICA] if REPLICA in django_settings.DATABASES else ["default"]
)


@pytest.fixture
def replica(settings):
    """The second database tests/conftest.py declares on PostgreSQL, holding its own rows."""
    if connection.vendor != "postgresql":
        pytest.skip("a read replica is a PostgreSQL deployment; SQLite has one file")
    if connections.settings[REPLICA]["TEST"].get("MIRROR"):
        pytest.skip("DATABASE_REPLICA_URL mirrors the primary in tests: no rows of its own")
    settings.WTS_REPLICA_READS = True
    # A download's end ends its request, which would close the test's own connections.
    request_finished.disconnect(close_old_connections)
    # A real replica copies every row; this one got the schema only, so copy the topics over
    # (data migrations write to the default database).
    for topic in Topic.objects.all():
        topic.save(using=REPLICA)
    yield REPLICA
    request_finished.connect(close_old_connections)


def test_public_pages_read_the_replica_and_everything_else_the_primary(client, replica):
    on_primary = PoliticianFactory(name="Only On Primary", slug="only-on-primary", on_roll=True)
    Politician.objects.using(replica).create(
        name="Only On Replica",
        sort_name="Replica, Only On",
        slug="only-on-replica",
        on_roll=True,
    )

    assert client.get("/politicians/only-on-replica/").status_code == 200
    assert client.get("/politicians/only-on-primary/").status_code == 404
    # A download streams after its view returns: its rows still come from the replica.
    politicians_csv = b"".join(client.get("/politicians.csv").streaming_content).decode()
    assert "Only On Replica" in politicians_csv and "Only On Primary" not in politicians_csv

    # Outside a public page (the admin, services, commands) reads stay on the primary.
    assert Politician.objects.filter(pk=on_primary.pk).exists()
    assert not Politician.objects.filter(slug="only-on-replica").exists()


def test_the_data_version_is_read_from_the_primary(replica, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        data_version.data_changed()
    on_primary = data_version.current().number
    from core.models import DataVersion

    assert DataVersion.objects.using(replica).get().number != on_primary
    assert DataVersion.objects.get().number == on_primary
