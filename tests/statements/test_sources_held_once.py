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


def test_a_statement_saved_through_the_services_shares_the_source_of_its_address(
    editor, topic, reviewer
):
    from statements.models import Statement
    from statements.services import statement_publish, statement_save_draft
    from tests.factories import PoliticianFactory

    def draft(url):
        return statement_save_draft(
            statement=Statement(
                politician=PoliticianFactory(),
                topic=topic,
                words="Ban it.",
                said_on=datetime.date(2023, 3, 13),
                outlet="Courier",
                source_url=url,
                source_kind="news_article",
                position="supports",
            ),
            actor=editor,
        )

    first, second = draft("https://news.example/one"), draft("https://news.example/one")
    assert first.source_id == second.source_id
    assert (first.source.outlet, first.source.published_on) == (
        "Courier",
        datetime.date(2023, 3, 13),
    )
    # A correction that changes the address moves the statement to that address's source.
    statement_publish(statement=first, reviewer=reviewer)
    first.source_url = "https://news.example/two"
    first.pending_correction_note = "Wrong link."
    statement_save_draft(statement=first, actor=editor)
    first.refresh_from_db()
    assert first.source.url == "https://news.example/one"  # published stays as it was
    statement_publish(statement=first, reviewer=reviewer)
    first.refresh_from_db()
    assert first.source.url == first.source_url == "https://news.example/two"
