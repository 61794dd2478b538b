"""Coverage: never asked, asked and silent, declined, replied; on every page that shows it."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup

from outreach.coverage import commons_survey, with_coverage
from outreach.models import Outcome
from politicians.models import House, Politician
from statements.models import Position, StatementStatus
from tests.factories import (
    MARCH_14,
    EditorFactory,
    OutreachFactory,
    PoliticianFactory,
    StatementFactory,
    politician_with_statements,
)

pytestmark = pytest.mark.django_db

MARCH_15 = datetime.date(2023, 3, 15)


@pytest.fixture
def survey(topic):
    """Six MPs and a peer, one for each thing coverage can say."""
    people = {
        "never_asked": PoliticianFactory(name="Nora Neverasked", slug="nora"),
        "silent": PoliticianFactory(name="Sam Silent", slug="sam"),
        "holding": PoliticianFactory(name="Hal Holding", slug="hal"),
        "declined": PoliticianFactory(name="Dee Declined", slug="dee"),
        "replied": PoliticianFactory(name="Rae Replied", slug="rae"),
        "awaiting": PoliticianFactory(name="Ava Awaiting", slug="ava"),
        "on_record": politician_with_statements(Position.SUPPORTS, name="Otto Onrecord"),
        "peer": PoliticianFactory(name="Lord Asked", slug="lord-asked", house=House.LORDS),
    }
    OutreachFactory(politician=people["silent"], asked_on=datetime.date(2023, 3, 10))
    OutreachFactory(politician=people["silent"], asked_on=MARCH_14, notes="Chased by phone.")
    OutreachFactory(politician=people["holding"], outcome=Outcome.HOLDING, outcome_on=MARCH_15)
    OutreachFactory(
        politician=people["declined"],
        outcome=Outcome.DECLINED,
        outcome_on=MARCH_15,
        their_words="We never comment on apps.",
        asked_by=EditorFactory(username="staffer-jo"),
        notes="Spoke to the office manager on 0207 000 0000.",
    )
    reply = StatementFactory(politician=people["replied"], topic=topic, published=True)
    OutreachFactory(
        politician=people["replied"],
        outcome=Outcome.REPLIED,
        outcome_on=MARCH_15,
        statement=reply,
    )
    draft = StatementFactory(politician=people["awaiting"], topic=topic)
    OutreachFactory(
        politician=people["awaiting"], outcome=Outcome.REPLIED, outcome_on=MARCH_15, statement=draft
    )
    OutreachFactory(politician=people["peer"], outcome=Outcome.DECLINED)
    return people


def test_each_politician_has_the_coverage_the_rules_give(survey, topic):
    annotated = {
        p.pk: (p.coverage, p.coverage_on, p.was_asked)
        for p in with_coverage(Politician.objects.all(), topic)
    }

    assert {key: annotated[p.pk] for key, p in survey.items()} == {
        "never_asked": ("not_asked", None, False),
        "silent": ("no_reply", MARCH_14, True),
        "holding": ("no_reply", MARCH_14, True),
        "declined": ("declined", MARCH_15, True),
        "replied": ("replied", MARCH_14, True),
        # A reply still awaiting review is not public: until published they count as asked.
        "awaiting": ("no_reply", MARCH_14, True),
        "on_record": ("replied", None, False),
        "peer": ("declined", MARCH_14, True),
    }


def test_coverage_of_many_politicians_is_one_query(survey, topic, django_assert_num_queries):
    PoliticianFactory.create_batch(10)
    with django_assert_num_queries(1):
        rows = list(with_coverage(Politician.objects.all(), topic))
    assert len(rows) == 18


def test_a_reply_counts_once_its_statement_is_published_and_not_after_a_retraction(survey, topic):
    draft = survey["awaiting"].statements.get()

    def coverage():
        return with_coverage(Politician.objects.filter(pk=survey["awaiting"].pk), topic)[0].coverage

    assert coverage() == "no_reply"
    draft.status, draft.published_at = (
        StatementStatus.PUBLISHED,
        datetime.datetime.now(datetime.UTC),
    )
    draft.save()
    assert coverage() == "replied"
    draft.status, draft.retraction_reason = StatementStatus.RETRACTED, "Misattributed."
    draft.save()
    assert coverage() == "no_reply"


def _coverage_text(client, politician):
    soup = BeautifulSoup(client.get(politician.get_absolute_url()).content, "lxml")
    return soup.select_one("#coverage-tiktok-ban .coverage-state").get_text(strip=True)


def test_politician_pages_say_whether_we_asked_where_there_is_no_position(client, survey):
    assert _coverage_text(client, survey["never_asked"]) == "Not yet asked."
    assert _coverage_text(client, survey["silent"]) == "Asked on 14 March 2023, no reply."
    assert _coverage_text(client, survey["holding"]) == "Asked on 14 March 2023, no reply."
    assert _coverage_text(client, survey["declined"]) == "Declined to say on 15 March 2023."


def test_nothing_about_staff_reaches_a_public_page_or_download(client, survey):
    pages = [
        client.get(survey["declined"].get_absolute_url()).content.decode(),
        client.get("/politicians/").content.decode(),
        client.get("/").content.decode(),
        b"".join(client.get("/politicians.csv").streaming_content).decode(),
        client.get("/politicians.json").getvalue().decode(),
    ]
    for page in pages:
        for secret in ["staffer-jo", "0207 000 0000", "Chased by phone", "never comment"]:
            assert secret not in page


def test_dashboard_survey_line_counts_only_mps_and_matches_the_database(client, survey, topic):
    soup = BeautifulSoup(client.get("/").content, "lxml")

    line = soup.select_one("#survey").get_text(strip=True)

    mps = with_coverage(Politician.objects.counted().filter(house=House.COMMONS), topic)
    asked = [p for p in mps if p.was_asked]
    expected = (
        f"We asked {len(asked)} of {mps.count()} MPs; "
        f"{sum(p.coverage == 'replied' for p in asked)} replied, "
        f"{sum(p.coverage == 'declined' for p in asked)} declined, "
        f"{sum(p.coverage == 'no_reply' for p in asked)} have not replied."
    )
    assert line == expected == "We asked 5 of 7 MPs; 1 replied, 1 declined, 3 have not replied."
    assert commons_survey(topic).asked == 5


def test_a_topic_nobody_was_asked_about_says_so(client, topic):
    PoliticianFactory.create_batch(3)

    line = BeautifulSoup(client.get("/").content, "lxml").select_one("#survey").get_text()

    assert line == "We have not yet asked any of the 3 MPs."


def _facet(response):
    soup = BeautifulSoup(response.content, "lxml")
    return {
        box["value"]: int(soup.select_one(f"#count-coverage-{box['value']}").get_text(strip=True))
        for box in soup.select("#facet-coverage input")
    }


def test_the_politicians_list_filters_and_counts_by_coverage(client, survey):
    everyone = client.get("/politicians/")
    chosen = client.get("/politicians/?coverage=declined&coverage=no_reply")

    assert _facet(everyone) == {"not_asked": 1, "no_reply": 3, "declined": 2, "replied": 2}
    names = [a.get_text() for a in BeautifulSoup(chosen.content, "lxml").select("tbody th a")]
    assert sorted(names) == sorted(
        ["Sam Silent", "Hal Holding", "Dee Declined", "Ava Awaiting", "Lord Asked"]
    )
    assert client.get("/politicians/?coverage=maybe").status_code == 400


def test_the_csv_takes_the_same_coverage_filter_and_appends_a_coverage_column(client, survey):
    response = client.get("/politicians.csv?coverage=declined&coverage=not_asked")
    text = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))

    assert list(rows[0])[-1] == "coverage"
    assert sorted((row["name"], row["coverage"]) for row in rows) == [
        ("Dee Declined", "declined"),
        ("Lord Asked", "declined"),
        ("Nora Neverasked", "not_asked"),
    ]
