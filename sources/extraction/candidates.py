"""What the extractor hands an editor: a candidate statement, never a published one."""

from dataclasses import dataclass, field


@dataclass
class Candidate:
    """A quotation or a piece of reported speech found in an article, with its speaker.

    `text[start:end] == words` for the text the extractor read. `politician` is a slug only when
    the speaker is a politician we hold; spokespeople, campaigners and officials keep their
    description in `speaker` and have no politician. The position is a suggestion with its
    confidence and the cue behind it, for an editor to accept or change.
    """

    words: str
    start: int
    end: int
    is_paraphrase: bool
    speaker: str | None
    speaker_as_written: str | None
    politician: str | None
    member_id: int | None
    attribution: str
    context: str
    context_start: int
    context_end: int
    position: str | None = None
    confidence: float = 0.0
    cue: str = ""
    near_duplicate_of: list[int] = field(default_factory=list)

    def as_json(self) -> dict:
        """The JSON item `extract_statements --json` prints. The first nine keys are a contract
        other tools rely on (issue 10): never rename or reorder them."""
        return {
            "speaker": self.speaker,
            "politician": self.politician,
            "member_id": self.member_id,
            "words": self.words,
            "start": self.start,
            "end": self.end,
            "is_paraphrase": self.is_paraphrase,
            "position": self.position,
            "confidence": round(self.confidence, 3),
            "cue": self.cue,
            "speaker_as_written": self.speaker_as_written,
            "attribution": self.attribution,
            "near_duplicate_of": self.near_duplicate_of,
            "context": self.context,
            "context_start": self.context_start,
            "context_end": self.context_end,
        }
