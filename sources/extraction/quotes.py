"""Direct quotations: every style copy uses, nested, and over several paragraphs.

Marks are read by what surrounds them, not by their glyph alone: copy pasted from the web mixes
straight and curly marks (the seed article opens with “ and closes with ", and the other way
round), and the same ’ is an apostrophe in “UK’s”, a possessive in “Kearns’ description” and a
closing quote in ‘hawk’.
"""

import re
from dataclasses import dataclass, field

from .article import Paragraph

DOUBLE_MARKS = '"“”„‟«»'
SINGLE_MARKS = "'‘’‚‛‹›"
OPENING_GLYPHS = "“„‟«‘‚‛‹"
CLOSING_GLYPHS = "”»’›"
# Guillemets are written with a space inside in French style: « ainsi ».
SPACED_GLYPHS = "«»‹›"

_MARK = re.compile(f"[{re.escape(DOUBLE_MARKS + SINGLE_MARKS)}]")
_OPENS_AFTER = set("([{—–-/") | set(DOUBLE_MARKS + SINGLE_MARKS)
_CLOSES_BEFORE = set(".,;:!?)]}—–-/…") | set(DOUBLE_MARKS + SINGLE_MARKS)


@dataclass
class Quotation:
    """The words between a quotation's marks; `start`/`end` exclude the marks themselves."""

    open_at: int
    start: int
    end: int = -1
    close_at: int | None = None
    family: str = "double"
    # Marks that reopen the quotation at the head of each following paragraph it runs into.
    continuation_marks: list[int] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.close_at is not None

    @property
    def outer_start(self) -> int:
        return self.open_at

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


def _family(mark: str) -> str:
    return "double" if mark in DOUBLE_MARKS else "single"


def _can_open(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if after.isspace():
        return text[at] in SPACED_GLYPHS and text[at] in OPENING_GLYPHS
    return before.isspace() or before in _OPENS_AFTER


def _can_close(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if before.isspace():
        return text[at] in SPACED_GLYPHS and text[at] in CLOSING_GLYPHS
    return after.isspace() or after in _CLOSES_BEFORE or not after.isalnum()


def quotations_in(text: str, paragraphs: list[Paragraph]) -> list[Quotation]:
    """Every top-level quotation in the text, in order. Nested quotations stay inside theirs.

    A quotation still open at the end of a paragraph carries on into the next one when that
    paragraph opens with a mark of the same kind (the convention for a quote over several
    paragraphs: each opens, only the last closes); otherwise it ends with its paragraph.
    """
    found: list[Quotation] = []
    stack: list[Quotation] = []
    for number, paragraph in enumerate(paragraphs):
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        for match in _MARK.finditer(text, paragraph.start, paragraph.end):
            at = match.start()
            if stack and stack[0].continuation_marks and stack[0].continuation_marks[-1] == at:
                continue
            _take_mark(text, at, stack, found)
        if stack:
            _close_paragraph(text, paragraph, following, stack)
    for quotation in found:
        _trim(text, quotation)
    return [q for q in found if q.end > q.start]


def _mark_role(text: str, at: int) -> tuple[bool, bool]:
    """Whether the mark at `at` may open and whether it may close a quotation."""
    mark = text[at]
    family = _family(mark)
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if family == "single" and before.isalnum() and after.isalnum():
        return False, False  # an apostrophe: “don't”, “UK’s”
    opens, closes = _can_open(text, at), _can_close(text, at)
    if opens and closes:
        # Straight marks with nothing to tell them apart: glyph, then what is open.
        if mark in OPENING_GLYPHS:
            closes = False
        elif mark in CLOSING_GLYPHS:
            opens = False
    if family == "single" and before.isalnum():
        opens = False
    return opens, closes


def _take_mark(text: str, at: int, stack: list[Quotation], found: list[Quotation]) -> None:
    """Close the innermost open quotation of the mark's kind, or open a new one."""
    family = _family(text[at])
    opens, closes = _mark_role(text, at)
    open_same = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].family == family), None)
    if closes and open_same is not None:
        quotation = stack[open_same]
        del stack[open_same:]  # unclosed quotations nested inside end with this one
        quotation.end, quotation.close_at = at, at
        return
    if opens:
        quotation = Quotation(open_at=at, start=at + 1, family=family)
        stack.append(quotation)
        if len(stack) == 1:
            found.append(quotation)


def _close_paragraph(
    text: str, paragraph: Paragraph, following: Paragraph | None, stack: list[Quotation]
) -> None:
    """Carry the open quotation into the next paragraph when it reopens, else end it here."""
    outer = stack[0]
    head = following and text[following.start]
    if head and _family(head) == outer.family and _can_open(text, following.start):
        outer.continuation_marks.append(following.start)
        del stack[1:]
    else:
        outer.end = paragraph.end
        stack.clear()


def _trim(text: str, quotation: Quotation) -> None:
    """Words only: no spaces inside guillemets, no comma left dangling before the closing mark."""
    start, end = quotation.start, quotation.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    quotation.start, quotation.end = start, end


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)*", text))
