"""An article's text as the extractor reads it: paragraphs and sentences, with offsets.

Offsets always refer to the text exactly as passed in; nothing here changes a character. The one
normalisation happens before, in `article_text_read`, so that a file, standard input and a
pasted form give the same offsets.
"""

import re
from dataclasses import dataclass


class ArticleTextError(ValueError):
    """The article's text cannot be read; the message is written for the person who gave it."""


# Big enough for any article (the seed is 8 kB); small enough that a wrong file fails fast.
MAX_ARTICLE_CHARACTERS = 500_000


def article_text_read(raw: bytes) -> str:
    """Bytes of an article → the text every offset refers to.

    UTF-8 only; a byte-order mark is dropped and Windows (CRLF) or old Mac (CR) line endings
    become a single LF. Nothing else changes.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleTextError(
            f"The text is not UTF-8 (byte {error.start} cannot be read). Save it as UTF-8."
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleTextError("The article is empty.")
    if len(text) > MAX_ARTICLE_CHARACTERS:
        raise ArticleTextError(
            f"The article is {len(text):,} characters long; the extractor reads at most "
            f"{MAX_ARTICLE_CHARACTERS:,}."
        )
    return text


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph(Span):
    index: int


def paragraphs_of(text: str) -> list[Paragraph]:
    """Each non-blank line is a paragraph: copy pasted from the web keeps one per line."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        found.append(Paragraph(start, start + len(stripped), len(found)))
    return found


# Words after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "prof",
    "rev",
    "no",
    "nos",
    "co",
    "inc",
    "ltd",
    "vs",
    "etc",
    "eg",
    "ie",
    "gen",
    "col",
    "capt",
    "lt",
    "sgt",
    "cllr",
    "hon",
    "rt",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}

# A sentence ends at . ! ? (and any closing marks) before a capital, a digit or an opening mark.
# Masked quotations (\x00, see speakers.py) count as an opening mark.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)]*(?=\s+[\"'“‘«(\[A-Z0-9\x00]|\s*$)")


def sentences_of(text: str, paragraph: Span, masked: str) -> list[Span]:
    """The sentences of a paragraph. `masked` is the text with quotations blanked out, so that
    a full stop inside a quotation does not end the sentence that carries it."""
    spans = []
    start = paragraph.start
    body = masked[paragraph.start : paragraph.end]
    for match in _SENTENCE_END.finditer(body):
        end = paragraph.start + match.end()
        word = re.search(r"(\w+)\W*$", text[start : paragraph.start + match.start() + 1])
        abbreviation = bool(word) and (
            word.group(1).casefold() in ABBREVIATIONS or len(word.group(1)) == 1
        )
        if abbreviation and match.group().startswith("."):
            continue
        if text[start:end].strip():
            spans.append(Span(start, end))
        start = end
        while start < paragraph.end and text[start].isspace():
            start += 1
    if start < paragraph.end and text[start : paragraph.end].strip():
        spans.append(Span(start, paragraph.end))
    return spans
