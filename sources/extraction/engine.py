"""From an article's text to candidate statements: pure Python over the text and the people we
hold, so that it runs the same from the command line, a background task or a test."""

from .candidates import Candidate
from .people import PeopleDirectory
from .positions import NO_SUGGESTION, PositionQuery, PositionSuggester, speaker_profile
from .speakers import Attribution


def extract_candidates(
    text: str, *, people: PeopleDirectory, suggester: PositionSuggester | None = None
) -> list[Candidate]:
    """Every quotation and piece of reported speech in `text`, attributed, in order.

    Offsets refer to `text` exactly as given (see `article_text_read` for reading a file).
    """
    attribution = Attribution(text, people)
    utterances = attribution.run()
    candidates = [_candidate(text, u, attribution.paragraphs) for u in utterances]
    if suggester is not None:
        _suggest_positions(text, candidates, utterances, suggester)
    return candidates


def _candidate(text: str, utterance, paragraphs) -> Candidate:
    entity = utterance.entity
    person = entity.person if entity is not None else None
    first = next(p for p in paragraphs if p.end >= utterance.start)
    last = next(p for p in paragraphs if p.end >= utterance.end)
    speaker = utterance.as_written or None
    if (
        entity is not None
        and entity.label
        and (entity.labelled_by_name or utterance.how.startswith("pronoun"))
    ):
        # A person's fullest name as the article gives it (“Sir Iain Duncan Smith” for
        # “Sir Iain”, “Luke de Pulford” for “he”); a description stays as written here.
        speaker = entity.label
    return Candidate(
        words=text[utterance.start : utterance.end],
        start=utterance.start,
        end=utterance.end,
        is_paraphrase=utterance.is_paraphrase,
        speaker=speaker,
        speaker_as_written=utterance.as_written or None,
        politician=person.slug if person else None,
        member_id=person.member_id if person else None,
        attribution=utterance.how,
        context=text[first.start : last.end],
        context_start=first.start,
        context_end=last.end,
    )


def _suggest_positions(text: str, candidates, utterances, suggester: PositionSuggester) -> None:
    """Every candidate's position in one call, so the classifier reads the article once."""
    queries = [
        PositionQuery(
            words=candidate.words,
            context_start=candidate.context_start,
            speaker=speaker_profile(
                is_politician=utterance.entity is not None and utterance.entity.is_politician,
                party=utterance.entity.person.party if _held(utterance) else "",
                role=utterance.entity.person.role if _held(utterance) else "",
            ),
        )
        for candidate, utterance in zip(candidates, utterances, strict=True)
    ]
    suggestions = suggester.suggest_many(queries, text=text)
    for candidate, suggestion in zip(candidates, suggestions, strict=True):
        if suggestion is not NO_SUGGESTION:
            candidate.position = suggestion.position
            candidate.confidence = suggestion.confidence
            candidate.cue = suggestion.cue


def _held(utterance) -> bool:
    return utterance.entity is not None and utterance.entity.person is not None
