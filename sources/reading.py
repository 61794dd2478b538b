"""An archived article's text as paragraphs, with a statement's words marked where they are."""

import re
from dataclasses import dataclass

_LOOSE = {"'": "['’‘]", "’": "['’‘]", "‘": "['’‘]", '"': '["“”]', "“": '["“”]', "”": '["“”]'}


@dataclass(frozen=True)
class Piece:
    text: str
    marked: bool


def _find(text: str, words: str) -> tuple[int, int] | None:
    """Where `words` stand in `text`: exactly, else ignoring differences of spacing and of
    quotation marks (copy and the statement may spell a curly quote straight)."""
    words = words.strip().strip("“”\"'‘’")
    if not words:
        return None
    at = text.find(words)
    if at >= 0:
        return at, at + len(words)
    tokens = [
        "".join(_LOOSE.get(char, re.escape(char)) for char in token) for token in words.split()
    ]
    match = re.search(r"\s+".join(tokens), text)
    return (match.start(), match.end()) if match else None


def highlighted_paragraphs(text: str, words: str) -> tuple[list[list[Piece]], bool]:
    """The text's paragraphs, each a list of pieces; the statement's words are the marked
    pieces (over several paragraphs if the quotation runs on). Returns whether they were found."""
    span = _find(text, words)
    paragraphs, offset = [], 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        if span is None or span[1] <= start or span[0] >= end:
            paragraphs.append([Piece(line, False)])
            continue
        cut_from, cut_to = max(span[0], start) - start, min(span[1], end) - start
        pieces = [
            Piece(line[:cut_from], False),
            Piece(line[cut_from:cut_to], True),
            Piece(line[cut_to:], False),
        ]
        paragraphs.append([piece for piece in pieces if piece.text])
    return paragraphs, span is not None
