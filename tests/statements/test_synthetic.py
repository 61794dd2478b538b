"""`manage.py generate_data`: deterministic, and its bulk path leaves what the services would."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from politicians.models import House, Politician
from statements.models import PositionChange, Stance, Statement
from statements.synthetic import data_generate
from tests.factories import PoliticianFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(db):
    return PoliticianFactory.create_batch(12, on_roll=True)


def outcome(topic):
    """What the public sees of the generated record: stances and changes of position."""
    stances = sorted(
        (s.politician.slug, s.position, s.as_of, s.based_on.source_url)
        for s in Stance.objects.filter(topic=topic).select_related("politician", "based_on")
    )
    changes = sorted(
        (c.politician.slug, c.from_position, c.to_position, c.changed_on, c.statement.source_url)
        for c in PositionChange.objects.filter(topic=topic).select_related(
            "politician", "statement"
        )
    )
    statements = sorted(
        Statement.objects.published().values_list(
            "politician__slug", "said_on", "position", "words", "source_url"
        )
    )
    return stances, changes, statements


def forget_generated(topic):
    PositionChange.objects.all().delete()
    Stance.objects.all().delete()
    Statement.objects.all().delete()


def test_bulk_path_leaves_the_stances_and_changes_the_services_would(members, topic):
    through_services = data_generate(lords=5, statements=120, seed=7, through_services=True)
    expected = outcome(topic)
    forget_generated(topic)

    in_bulk = data_generate(lords=5, statements=120, seed=7)

    assert outcome(topic) == expected
    assert (in_bulk.stances, in_bulk.changes) == (
        through_services.stances,
        through_services.changes,
    )
    # People do change their minds in the generated record, or the test would prove little.
    assert through_services.changes > through_services.stances


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(members, topic):
    data_generate(lords=5, statements=80, seed=1)
    first = outcome(topic)
    forget_generated(topic)
    data_generate(lords=5, statements=80, seed=1)
    assert outcome(topic) == first
    forget_generated(topic)
    data_generate(lords=5, statements=80, seed=2)
    assert outcome(topic) != first


def test_command_adds_peers_and_statements_and_says_so(members, topic, capsys):
    call_command("generate_data", "--lords", "20", "--statements", "200", "--seed", "1")

    assert Politician.objects.filter(house=House.LORDS, on_roll=True).count() == 20
    assert Statement.objects.published().count() == 200
    assert "Added 20 peers and 200 published statements" in capsys.readouterr().out


def test_bulk_path_refuses_a_topic_that_already_has_published_statements(members, topic):
    StatementFactory(politician=members[0], topic=topic, published=True)

    with pytest.raises(CommandError, match="already has published statements"):
        call_command("generate_data", "--lords", "0", "--statements", "10")
    assert Statement.objects.count() == 1
