"""Extracting candidate statements from an article's text.

`candidates_extract` is the one entry point: the `extract_statements` command calls it today, and
the editor's “New from an article” screen and the background task will call it tomorrow. It
reads the database a fixed number of times whatever the article's length (the people we hold,
the topic's cues and terms, its published statements, the statements already held), then hands
plain data to the engine in `sources.extraction`, which never touches the database. It writes
nothing: a candidate becomes a statement only through the statement services, as a draft.
"""

from django.db.models import Count, Max

from politicians.models import House, Politician
from statements.models import Statement, Topic
from statements.services import normalise_words, words_nearly_match

from .extraction.candidates import Candidate
from .extraction.engine import extract_candidates
from .extraction.people import PeopleDirectory, Person
from .extraction.positions import (
    PositionClassifier,
    PositionLexicon,
    PositionSuggester,
    speaker_profile,
)
from .models import PositionCue, TopicTerm


class ExtractionError(Exception):
    """The extraction cannot run; the message is written for the person who asked for it."""


def is_politician(*, member_id: int | None, house: str, party: str | None) -> bool:
    """Whether a speaker row is a politician.

    The demo also holds speakers who are not politicians (a campaigner, the government, the
    company) as rows with house “other”, no member id and no party: they must never be offered
    as the politician behind a quotation.
    """
    return member_id is not None or house != House.OTHER or bool(party)


def people_directory_load() -> PeopleDirectory:
    """Every politician we hold, in one query."""
    rows = Politician.objects.order_by("pk").values(
        "name", "slug", "member_id", "party__name", "house", "role", "constituency"
    )
    return PeopleDirectory(
        [
            Person(
                name=row["name"],
                slug=row["slug"],
                member_id=row["member_id"],
                party=row["party__name"] or "",
                house=row["house"],
                role=row["role"],
                constituency=row["constituency"],
            )
            for row in rows
            if is_politician(
                member_id=row["member_id"], house=row["house"], party=row["party__name"]
            )
        ]
    )


# Fitted classifiers per topic, keyed on what they learned from; refitting takes milliseconds,
# so a stale entry is simply replaced.
_classifiers: dict[tuple, PositionClassifier | None] = {}


def position_suggester_load(*, topic: Topic, leave_out_source_url: str = "") -> PositionSuggester:
    """The topic's suggester: its cues and terms, and a classifier fitted on its published
    statements (refitted when they change). `leave_out_source_url` keeps one article's own
    statements out of what the classifier learns, to score the extractor on that article."""
    cues = [(cue.position, cue.phrase) for cue in PositionCue.objects.for_topic(topic)]
    terms = list(TopicTerm.objects.for_topic(topic).values_list("phrase", flat=True))
    lexicon = PositionLexicon(cues)
    published = Statement.objects.published().for_topic(topic)
    if leave_out_source_url:
        published = published.exclude(source_url=leave_out_source_url)
    state = published.aggregate(count=Count("pk"), newest=Max("published_at"))
    key = (topic.pk, leave_out_source_url, state["count"], state["newest"], tuple(sorted(cues)))
    if key not in _classifiers:
        _forget_topic(topic.pk, leave_out_source_url)
        _classifiers[key] = _classifier_from(published, lexicon)
    return PositionSuggester(lexicon=lexicon, topic_terms=terms, classifier=_classifiers[key])


def _forget_topic(topic_pk: int, leave_out_source_url: str) -> None:
    for key in [k for k in _classifiers if k[:2] == (topic_pk, leave_out_source_url)]:
        del _classifiers[key]


def _classifier_from(published, lexicon: PositionLexicon) -> PositionClassifier | None:
    rows = published.values_list(
        "words",
        "position",
        "politician__member_id",
        "politician__house",
        "politician__party__name",
        "politician__role",
    )
    training = [
        (
            words,
            position,
            speaker_profile(
                is_politician=is_politician(member_id=member_id, house=house, party=party),
                party=party or "",
                role=role,
            ),
        )
        for words, position, member_id, house, party, role in rows
    ]
    if not PositionClassifier.can_learn_from(training):
        return None
    return PositionClassifier(training, lexicon=lexicon)


def near_duplicates_flag(candidates: list[Candidate]) -> None:
    """Mark candidates whose words nearly match, or sit inside, a statement already held for the
    same politician (retracted ones included), in one query for the whole article."""
    slugs = {c.politician for c in candidates if c.politician}
    if not slugs:
        return
    held: dict[str, list[tuple[int, str]]] = {}
    for pk, slug, words in Statement.objects.filter(politician__slug__in=slugs).values_list(
        "pk", "politician__slug", "words"
    ):
        held.setdefault(slug, []).append((pk, words))
    for candidate in candidates:
        mine = normalise_words(candidate.words)
        for pk, words in held.get(candidate.politician, []):
            theirs = normalise_words(words)
            # A statement may join two parts of one quotation (“…phones. It’s logical…”) that
            # the article splits around “he told PoliticsHome”: a part already held is held.
            inside = len(mine.split()) >= 5 and (mine in theirs or theirs in mine)
            if inside or words_nearly_match(candidate.words, words):
                candidate.near_duplicate_of.append(pk)


def candidates_extract(
    *,
    text: str,
    topic: Topic,
    people: PeopleDirectory | None = None,
    leave_out_source_url: str = "",
) -> list[Candidate]:
    """Every quotation and piece of reported speech in `text`, attributed, with a suggested
    position on `topic` and a flag on those already held. Offsets refer to `text` as given."""
    if not text.strip():
        raise ExtractionError("The article is empty.")
    people = people if people is not None else people_directory_load()
    suggester = position_suggester_load(topic=topic, leave_out_source_url=leave_out_source_url)
    candidates = extract_candidates(text, people=people, suggester=suggester)
    near_duplicates_flag(candidates)
    return candidates
