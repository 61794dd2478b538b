"""“New from an article”: from a pasted address or text to draft statements, as services.

The admin screen (`admin_intake.py`) calls these and only turns their errors into messages.
Drafts are made by `statement_save_draft`, the service the statement import uses, so the same
guard rails hold: permission to add statements, the model's checks, drafts awaiting review.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from politicians.models import Politician
from statements.models import Position, Source, Statement, Topic
from statements.services import statement_save_draft

from .capturing import SourceError, source_for_url
from .models import ArticleIntake, Capture
from .tasks import source_capture_enqueue


class IntakeError(Exception):
    """What stops an intake, one message per problem, written for the editor."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _require_editor(actor) -> None:
    if actor is None or not actor.is_active or not actor.has_perm("statements.add_statement"):
        raise PermissionDenied("You do not have permission to add statements.")


def intake_start(
    *,
    actor,
    topic: Topic,
    url: str = "",
    text: str = "",
    outlet: str = "",
    published_on: datetime.date | None = None,
) -> ArticleIntake:
    """Start an intake from an address (fetched and archived in the background) or from pasted
    text (with the outlet and date a web page would have told us)."""
    _require_editor(actor)
    url, text, outlet = url.strip(), text.strip(), outlet.strip()
    problems = []
    if not url and not text:
        problems.append("Paste the article's address, or its text.")
    if text and not url:
        if not outlet:
            problems.append("Give the outlet: pasted text does not say where it was published.")
        if published_on is None:
            problems.append("Give the date it was published: pasted text does not say.")
    source = None
    if url:
        try:
            source = source_for_url(url=url, outlet=outlet, published_on=published_on)
        except SourceError as error:
            problems.append(str(error))
    if problems:
        raise IntakeError(problems)
    intake = ArticleIntake.objects.create(
        source=source,
        topic=topic,
        pasted_text=text,
        outlet=outlet,
        published_on=published_on,
        created_by=actor,
    )
    if source is not None and not text and not source.captures.archived().exists():
        # Queued after the intake is saved: a worker must find the rows it is given.
        transaction.on_commit(lambda: source_capture_enqueue(source=source))
    return intake


def intake_capture(intake: ArticleIntake) -> Capture | None:
    """The capture the intake reads: the newest archived one, else the newest of any state."""
    if intake.source_id is None:
        return None
    captures = intake.source.captures.order_by("-created_at", "-pk")
    return captures.filter(state="archived").first() or captures.first()


def intake_text(intake: ArticleIntake, capture: Capture | None = None) -> str | None:
    """The article's text: what was pasted, else our archived copy's; None until archived."""
    if intake.pasted_text:
        return intake.pasted_text
    capture = capture if capture is not None else intake_capture(intake)
    if capture is None or capture.state != "archived":
        return None
    return capture.text


@dataclass(frozen=True)
class DraftChoice:
    """One ticked candidate as the editor left it."""

    number: int  # as the review screen numbers it, for messages
    words: str
    speaker: str  # a politician's slug, or their name as held
    position: str
    is_paraphrase: bool = False


def intake_words_check(*, text: str, words: str) -> str:
    """The words, trimmed, if they stand in the article's text word for word; else an error.
    An editor may shorten a quotation, never put words in anyone's mouth."""
    words = words.strip()
    if not words:
        raise ValidationError("The words are empty.")
    if words not in text:
        raise ValidationError("The words must be the article's own: these are not in its text.")
    return words


def _speakers(choices: list[DraftChoice]) -> dict[str, list[Politician]]:
    """Everyone the choices name, by slug or by name, in one query."""
    wanted = {choice.speaker.strip() for choice in choices if choice.speaker.strip()}
    found: dict[str, list[Politician]] = {}
    for politician in Politician.objects.filter(Q(slug__in=wanted) | Q(name__in=wanted)):
        for key in {politician.slug, politician.name} & wanted:
            found.setdefault(key, []).append(politician)
    return found


@transaction.atomic
def intake_drafts_create(
    *, intake: ArticleIntake, choices: list[DraftChoice], actor
) -> list[Statement]:
    """A draft statement for each choice, all or none. Each carries the source's address,
    outlet and date as every statement does, and points to the source held once."""
    _require_editor(actor)
    if not choices:
        raise IntakeError(["Tick at least one candidate to make a draft of."])
    capture = intake_capture(intake)
    text = intake_text(intake, capture)
    if text is None:
        raise IntakeError(["The article has not been archived yet: there is no text to quote."])
    source: Source | None = intake.source
    outlet, said_on, problems = _source_details(intake, source, capture)
    speakers = _speakers(choices)
    checked = []
    for choice in choices:
        words, politician = _choice_checked(choice, text, speakers, problems)
        if words and politician is not None:
            checked.append((choice, words, politician))
    if problems:
        raise IntakeError(problems)
    drafts = []
    for choice, words, politician in checked:
        statement = Statement(
            politician=politician,
            topic=intake.topic,
            words=words,
            is_paraphrase=choice.is_paraphrase,
            said_on=said_on,
            outlet=outlet,
            source_url=source.url,
            source_kind=source.kind,
            position=choice.position,
            source=source,
        )
        try:
            drafts.append(statement_save_draft(statement=statement, actor=actor))
        except ValidationError as error:
            problems.extend(f"Candidate {choice.number}: {m}" for m in error.messages)
    if problems:
        raise IntakeError(problems)
    return drafts


def _source_details(intake: ArticleIntake, source: Source | None, capture):
    """The outlet and date every statement carries, with a problem for each one missing."""
    problems = []
    if source is None:
        problems.append(
            "Give the article's address: every statement links to its source. "
            "Start again with the address and the pasted text."
        )
    outlet = intake.outlet or (source.outlet if source else "") or getattr(capture, "site_name", "")
    said_on = intake.published_on or (source.published_on if source else None)
    if said_on is None and capture is not None:
        said_on = capture.published_on
    if not outlet:
        problems.append("The outlet is not known: set it on the source first.")
    if said_on is None:
        problems.append("The date published is not known: set it on the source first.")
    return outlet, said_on, problems


def _choice_checked(
    choice: DraftChoice, text: str, speakers: dict[str, list[Politician]], problems: list[str]
) -> tuple[str | None, Politician | None]:
    """One candidate's words and speaker, each problem added to `problems` under its number."""
    where = f"Candidate {choice.number}"
    try:
        words = intake_words_check(text=text, words=choice.words)
    except ValidationError as error:
        problems.append(f"{where}: {error.messages[0]}")
        words = None
    matches = speakers.get(choice.speaker.strip(), [])
    if not choice.speaker.strip():
        problems.append(f"{where}: choose the speaker.")
    elif len(matches) != 1:
        problems.append(
            f"{where}: “{choice.speaker}” is not one person we hold; "
            "pick the speaker from the list."
            if not matches
            else f"{where}: more than one person is called “{choice.speaker}”; pick one."
        )
    if choice.position not in Position.values:
        problems.append(f"{where}: choose the position it expresses.")
    return words, (matches[0] if len(matches) == 1 else None)
