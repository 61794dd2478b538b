"""How extracted candidates are scored against the labels.

A candidate *matches* a labelled quotation when their spans overlap substantially: the overlap
is at least half of the shorter span and at least a quarter of the longer one. Reporters split
and join quotations differently (“…,” he said. “…” is one utterance or two), so a labelled
quotation may be matched by any of several candidates; it takes the one with the greatest
overlap. A candidate is judged against the label it overlaps most.

- Speaker precision: of the candidates attributed to a politician, the share whose label names
  that same politician. A candidate attributed to a politician that matches no label counts
  against precision (labels marked optional are judged too, but never owed).
- Speaker recall: of the labelled quotations by a politician (not optional), the share whose
  matching candidate names that politician.
- Wrongly attributed: of the labelled quotations by anyone who is not a politician we hold
  (spokespeople, campaigners, experts, officials, organisations, unnamed MPs), the share whose
  matching candidate names a politician.
- Positions: of the labelled quotations that take a clear position, the share whose matching
  candidate suggests that position (shown over those found, and over all); and, the other way,
  how often a position is suggested for a quotation that takes none (noise for the editor).
"""

from dataclasses import dataclass, field

from .devset import Label


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def substantial(candidate, label: Label) -> int:
    shared = overlap(candidate.start, candidate.end, label.start, label.end)
    shorter = min(candidate.end - candidate.start, label.end - label.start)
    longer = max(candidate.end - candidate.start, label.end - label.start)
    if shorter <= 0 or shared * 2 < shorter or shared * 4 < longer:
        return 0
    return shared


@dataclass
class Score:
    attributed: int = 0  # candidates naming a politician
    attributed_right: int = 0
    owed: int = 0  # labelled politician quotations
    owed_found_right: int = 0
    others: int = 0  # labelled non-politician quotations
    others_wrongly_attributed: int = 0
    positioned: int = 0  # labelled quotations with a clear position
    positioned_found: int = 0
    positions_right: int = 0
    unpositioned_found: int = 0  # labelled quotations taking no clear position, found
    suggested_anyway: int = 0
    mistakes: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in (
            "attributed",
            "attributed_right",
            "owed",
            "owed_found_right",
            "others",
            "others_wrongly_attributed",
            "positioned",
            "positioned_found",
            "positions_right",
            "unpositioned_found",
            "suggested_anyway",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.attributed_right / self.attributed if self.attributed else 1.0

    @property
    def recall(self) -> float:
        return self.owed_found_right / self.owed if self.owed else 1.0

    @property
    def wrongly_attributed(self) -> float:
        return self.others_wrongly_attributed / self.others if self.others else 0.0


def _same_politician(candidate, label: Label) -> bool:
    if label.member_id is not None and candidate.member_id is not None:
        return candidate.member_id == label.member_id
    return candidate.politician == label.politician


def _best(item, others, overlap_of):
    """The one of `others` that overlaps `item` most (closest in length on a tie), or None."""
    ranked = sorted(
        ((overlap_of(other), other) for other in others),
        key=lambda pair: (pair[0], -abs((pair[1].end - pair[1].start) - (item.end - item.start))),
        reverse=True,
    )
    return ranked[0][1] if ranked and ranked[0][0] > 0 else None


def score_article(candidates: list, labels: list[Label]) -> Score:
    score = Score()
    for candidate in candidates:
        if candidate.politician is not None:
            _score_candidate(score, candidate, labels)
    for label in labels:
        found = _best(label, candidates, lambda c, label=label: substantial(c, label))
        if not label.optional:
            _score_label(score, label, found)
    return score


def _score_candidate(score: Score, candidate, labels: list[Label]) -> None:
    """Precision: was the politician the extractor named the one the label names?"""
    score.attributed += 1
    label = _best(candidate, labels, lambda label, c=candidate: substantial(c, label))
    if label is not None and label.by_politician and _same_politician(candidate, label):
        score.attributed_right += 1
    else:
        who = f"{label.speaker!r}" if label else "no labelled quotation"
        score.mistakes.append(
            f"gave {candidate.politician} “{_short(candidate.words)}” (label: {who})"
        )


def _score_label(score: Score, label: Label, found) -> None:
    """Recall, others given to a politician, and positions, for one labelled quotation."""
    if label.by_politician:
        score.owed += 1
        if found is not None and _same_politician(found, label):
            score.owed_found_right += 1
        else:
            got = (found.politician or found.speaker or "nobody") if found else "not found"
            score.mistakes.append(f"missed {label.politician} “{_short(label.words)}” ({got})")
    else:
        score.others += 1
        if found is not None and found.politician is not None:
            score.others_wrongly_attributed += 1
    if label.position is not None:
        score.positioned += 1
        if found is not None:
            score.positioned_found += 1
            if found.position == label.position:
                score.positions_right += 1
    elif found is not None:
        score.unpositioned_found += 1
        if found.position is not None:
            score.suggested_anyway += 1


def _short(words: str) -> str:
    words = " ".join(words.split())
    return words if len(words) <= 60 else words[:57] + "…"
