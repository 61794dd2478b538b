import datetime
import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

import statements.migrations
from statements.models import DatePrecision, Position, Stance, Statement, Topic
from tests.factories import PoliticianFactory, StanceFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_tiktok_ban_is_the_default_topic(topic):
    assert Topic.objects.default() == topic
    assert topic.title == "TikTok ban on government devices"


def test_only_one_topic_can_be_default(topic):
    with pytest.raises(IntegrityError):
        TopicFactory(is_default=True)


def test_a_second_topic_is_just_a_row(topic):
    deepseek = TopicFactory(slug="deepseek-ban", title="DeepSeek ban")

    assert Topic.objects.default() == topic
    assert deepseek.get_absolute_url() == "/topics/deepseek-ban/"


def test_statement_cannot_be_said_in_the_future(topic):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    statement = StatementFactory.build(politician=PoliticianFactory(), said_on=tomorrow)

    with pytest.raises(ValidationError) as error:
        statement.full_clean()

    assert error.value.message_dict["said_on"] == ["The date said cannot be in the future."]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/x", "data:text/html,hi", "example.org"]
)
def test_source_links_must_be_http_or_https(topic, url):
    statement = StatementFactory.build(politician=PoliticianFactory(), source_url=url)

    with pytest.raises(ValidationError) as error:
        statement.full_clean()

    assert "source_url" in error.value.message_dict


def test_archive_link_must_be_http_or_https_too(topic):
    statement = StatementFactory.build(
        politician=PoliticianFactory(), archive_url="javascript:alert(1)"
    )
    with pytest.raises(ValidationError) as error:
        statement.full_clean()

    assert "archive_url" in error.value.message_dict


def test_database_refuses_an_unknown_position(topic):
    statement = StatementFactory()
    with pytest.raises(IntegrityError):
        Statement.objects.filter(pk=statement.pk).update(position="loves_it")


def test_database_refuses_a_retraction_without_a_reason(topic):
    statement = StatementFactory()
    with pytest.raises(IntegrityError):
        Statement.objects.filter(pk=statement.pk).update(status="retracted")


def test_one_stance_per_politician_and_topic(topic):
    stance = StanceFactory()
    with pytest.raises(IntegrityError):
        StanceFactory(politician=stance.politician, topic=topic, position=Position.OPPOSES)


def test_a_pinned_stance_needs_a_reason(topic):
    stance = StanceFactory()
    with pytest.raises(IntegrityError):
        Stance.objects.filter(pk=stance.pk).update(is_pinned=True)


def test_position_scale_runs_from_hardest_to_softest():
    assert Position.values == ["wants_extended", "supports", "mixed", "opposes"]


@pytest.mark.parametrize(
    ("precision", "shown", "machine"),
    [
        (DatePrecision.DAY, "13 March 2023", "2023-03-13"),
        (DatePrecision.MONTH, "March 2023", "2023-03"),
        (DatePrecision.YEAR, "2023", "2023"),
        (DatePrecision.REPORTED, "by 13 March 2023", "2023-03-13"),
    ],
)
def test_date_is_shown_and_machine_read_no_more_exactly_than_known(precision, shown, machine):
    statement = Statement(said_on=datetime.date(2023, 3, 13), said_on_precision=precision)
    assert statement.said_on_display == shown
    assert statement.said_on_iso == machine


@pytest.mark.parametrize(
    ("precision", "stored"),
    [
        (DatePrecision.DAY, datetime.date(2023, 3, 15)),
        (DatePrecision.MONTH, datetime.date(2023, 3, 1)),
        (DatePrecision.YEAR, datetime.date(2023, 1, 1)),
        (DatePrecision.REPORTED, datetime.date(2023, 3, 15)),
    ],
)
def test_a_month_or_year_is_kept_as_the_start_of_its_period(topic, precision, stored):
    statement = StatementFactory.build(
        politician=PoliticianFactory(),
        said_on=datetime.date(2023, 3, 15),
        said_on_precision=precision,
    )

    statement.full_clean()

    assert statement.said_on == stored


def test_the_month_under_way_is_not_in_the_future_but_a_later_day_of_it_is(topic, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2023, 3, 2))
    politician = PoliticianFactory()
    this_month = StatementFactory.build(
        politician=politician,
        said_on=datetime.date(2023, 3, 20),
        said_on_precision=DatePrecision.MONTH,
    )
    later_day = StatementFactory.build(politician=politician, said_on=datetime.date(2023, 3, 20))

    this_month.full_clean()
    with pytest.raises(ValidationError):
        later_day.full_clean()

    assert this_month.said_on == datetime.date(2023, 3, 1)


def test_database_refuses_an_unknown_date_precision(topic):
    with pytest.raises(IntegrityError):
        StatementFactory(said_on_precision="decade")


def test_migration_moves_month_dates_saved_on_another_day_to_the_first(topic):
    # Found by name, not number: migrations are renumbered when branches merge.
    (path,) = Path(statements.migrations.__file__).parent.glob("*_said_on_to_start_of_period.py")
    migration = importlib.import_module(f"statements.migrations.{path.stem}")
    mid_month = StatementFactory(
        said_on=datetime.date(2023, 3, 15), said_on_precision=DatePrecision.MONTH
    )
    on_a_day = StatementFactory(said_on=datetime.date(2023, 3, 15))

    migration.to_start_of_period(django_apps, None)

    mid_month.refresh_from_db()
    on_a_day.refresh_from_db()
    assert (mid_month.said_on, on_a_day.said_on) == (
        datetime.date(2023, 3, 1),
        datetime.date(2023, 3, 15),
    )


def test_a_topics_extra_filters_must_be_filters_the_list_has(db):
    topic = TopicFactory.build(politician_filters=["tiktok", "horoscope"])
    with pytest.raises(ValidationError, match="No filter called horoscope"):
        topic.full_clean()
    topic.politician_filters = "tiktok"
    with pytest.raises(ValidationError, match="list of filter names"):
        topic.full_clean()
    topic.politician_filters = []
    topic.full_clean()  # a topic offers no extra filter unless an editor says so
