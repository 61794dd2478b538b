"""Sources held once: today's statements are linked to them by a data migration that can be
undone, and the statements' own address, outlet and date stay as they were."""

import datetime
import importlib

import pytest
from django.apps import apps

from statements.models import Source
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("statements.migrations.0011_link_statements_to_sources")


def test_statements_from_one_address_share_one_source_and_keep_their_own_fields():
    first = StatementFactory(
        source_url="https://news.example/a", outlet="Courier", said_on=datetime.date(2023, 3, 1)
    )
    second = StatementFactory(
        source_url="https://news.example/a", outlet="Courier", said_on=datetime.date(2023, 3, 2)
    )
    other = StatementFactory(source_url="https://news.example/b", outlet="Gazette")
    before = [(s.source_url, s.outlet, s.said_on) for s in (first, second, other)]

    migration.link_statements_to_sources(apps, None)

    for statement in (first, second, other):
        statement.refresh_from_db()
    assert first.source_id == second.source_id != other.source_id
    source = first.source
    assert (source.url, source.outlet, source.published_on) == (
        "https://news.example/a",
        "Courier",
        datetime.date(2023, 3, 1),
    )
    assert [(s.source_url, s.outlet, s.said_on) for s in (first, second, other)] == before
    assert Source.objects.count() == 2

    migration.link_statements_to_sources(apps, None)  # running again changes nothing
    assert Source.objects.count() == 2

    migration.unlink_statements_from_sources(apps, None)
    first.refresh_from_db()
    assert first.source_id is None
    assert Source.objects.count() == 0
