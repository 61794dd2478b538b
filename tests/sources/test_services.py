"""Extraction over the database: the people we hold, the topic's suggester, duplicates."""

import pytest

from politicians.models import House
from sources import services
from sources.models import PositionCue
from sources.services import (
    candidates_extract,
    near_duplicates_flag,
    people_directory_load,
    position_suggester_load,
)
from statements.models import Position, Statement
from tests.factories import PoliticianFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_classifier_cache():
    services._classifiers.clear()
    yield
    services._classifiers.clear()


def test_directory_holds_politicians_and_not_the_demos_other_speakers(django_assert_num_queries):
    members = PoliticianFactory.create_batch(10)
    peer = PoliticianFactory(name="Lord True", slug="lord-true", house=House.LORDS, member_id=None)
    campaigner = PoliticianFactory(
        name="Luke de Pulford",
        slug="luke-de-pulford",
        house=House.OTHER,
        member_id=None,
        party=None,
    )

    with django_assert_num_queries(1):  # politicians joined to their parties
        directory = people_directory_load()

    slugs = {person.slug for person in directory.people}
    assert slugs == {p.slug for p in members} | {peer.slug}
    assert campaigner.slug not in slugs
    assert directory.named("lord true")[0].house == House.LORDS


def test_extraction_reads_the_database_a_fixed_number_of_times(
    topic, kearns, django_assert_num_queries
):
    names = [
        "Tobias Ellwood", "Grant Shapps", "Lucy Frazer", "Yvette Cooper", "Jeremy Hunt",
        "Rishi Sunak", "Ben Bradley", "Rachel Reeves", "Johnny Mercer", "Adam Holloway",
        "Tom Tugendhat",
    ]  # fmt: skip
    speakers = [kearns] + [
        PoliticianFactory(name=name, slug=name.lower().replace(" ", "-")) for name in names
    ]
    for speaker in speakers:
        StatementFactory.create_batch(3, politician=speaker, topic=topic, published=True)
    text = "TikTok ban.\n\n" + "\n\n".join(
        f"{speaker.name} said: “We must talk about TikTok, number {n}.”"
        for n, speaker in enumerate(speakers)
    )

    # people, cues, terms, the published set's size and newest date, its statements (to fit the
    # classifier), and the statements already held by the speakers found
    with django_assert_num_queries(6):
        candidates = candidates_extract(text=text, topic=topic)
    # the classifier is cached until the published set changes
    with django_assert_num_queries(5):
        candidates_extract(text=text, topic=topic)

    assert [c.politician for c in candidates] == [s.slug for s in speakers]


def test_extraction_writes_nothing(topic, kearns):
    before = Statement.objects.count()

    candidates_extract(text="Alicia Kearns said: “Extend the ban to TikTok.”", topic=topic)

    assert Statement.objects.count() == before


def test_nearly_duplicate_words_are_flagged_with_the_statement_held(
    topic, kearns, django_assert_num_queries
):
    speaker = kearns
    held = StatementFactory(
        politician=speaker,
        topic=topic,
        words="Personally, I most certainly will not be using the app. It is not safe.",
    )
    StatementFactory(politician=PoliticianFactory(), topic=topic, words="Personally, I agree.")
    text = (
        "Alicia Kearns said: “Personally, I most certainly will not be using the app.”\n\n"
        "“Something new entirely, said for the first time,” Kearns added."
    )
    candidates = candidates_extract(text=text, topic=topic)
    for candidate in candidates:
        candidate.near_duplicate_of.clear()

    with django_assert_num_queries(1):
        near_duplicates_flag(candidates)

    assert [c.near_duplicate_of for c in candidates] == [[held.pk], []]


def test_near_duplicates_include_retracted_statements_and_typos(topic, kearns):
    speaker = kearns
    retracted = StatementFactory(
        politician=speaker,
        topic=topic,
        words="We have slept walked into becoming bedfellows with data exploiting technologies.",
        status="retracted",
        retraction_reason="Wrong speaker.",
    )
    text = (
        "Alicia Kearns said: “We have sleep walked into becoming bedfellows with data "
        "exploiting technologies.”"
    )

    [candidate] = candidates_extract(text=text, topic=topic)

    assert candidate.near_duplicate_of == [retracted.pk]


def published_statements(topic, count, position, words):
    for n in range(count):
        StatementFactory(
            topic=topic, published=True, position=position, words=f"{words} Number {n}."
        )


def test_classifier_is_refitted_only_when_published_statements_change(topic, monkeypatch):
    fits = []
    real = services.PositionClassifier

    class Counting(real):
        def __init__(self, *args, **kwargs):
            fits.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(services, "PositionClassifier", Counting)
    published_statements(topic, 12, Position.WANTS_EXTENDED, "Extend the ban to every phone.")
    published_statements(topic, 12, Position.OPPOSES, "Using the app is up to each of us.")

    first = position_suggester_load(topic=topic)
    position_suggester_load(topic=topic)
    assert (len(fits), first.classifier.size) == (1, 24)

    StatementFactory(topic=topic, published=True, position=Position.OPPOSES)
    again = position_suggester_load(topic=topic)
    assert (len(fits), again.classifier.size) == (2, 25)


def test_too_few_published_statements_leave_the_lexicon_to_speak(topic, kearns):
    published_statements(topic, 3, Position.WANTS_EXTENDED, "Extend the ban.")
    published_statements(topic, 3, Position.OPPOSES, "Keep the app.")

    suggester = position_suggester_load(topic=topic)
    [candidate] = candidates_extract(
        text="TikTok.\n\nAlicia Kearns said: “They should extend the ban to private phones.”",
        topic=topic,
    )

    assert suggester.classifier is None
    assert (candidate.position, candidate.cue) == (
        Position.WANTS_EXTENDED,
        "cue: “extend the ban”, “private phones”",
    )


def test_an_articles_own_statements_can_be_left_out_of_what_is_learned(topic):
    url = "https://news.example/the-article"
    published_statements(topic, 12, Position.WANTS_EXTENDED, "Extend the ban to every phone.")
    published_statements(topic, 12, Position.OPPOSES, "Using the app is up to each of us.")
    Statement.objects.filter(position=Position.OPPOSES).update(source_url=url)

    suggester = position_suggester_load(topic=topic, leave_out_source_url=url)

    assert suggester.classifier is None  # only one position left to learn from


def test_cues_are_read_for_the_topic_asked_for(topic, kearns):
    PositionCue.objects.filter(topic=topic, phrase="extend the ban").delete()

    [candidate] = candidates_extract(
        text="TikTok.\n\nAlicia Kearns said: “Extend the ban, I say.”", topic=topic
    )

    assert candidate.position is None
