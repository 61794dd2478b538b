"""The search syntax journalists type, read once, so that both databases answer the same question.

The syntax is PostgreSQL's web search (websearch_to_tsquery): every word must appear, “a phrase”
must appear as written, `or` between terms means either, and -word or -“a phrase” leaves out the
statements that say it. It is read here, in Python, into groups of terms (alternatives joined by
`or`, each group needing all its terms); PostgreSQL is then given a clean web-search query of those
same terms and SQLite's FTS5 an equivalent MATCH expression. Whatever a user types (FTS5's own
operators, stray quotes, asterisks, brackets), every term reaches either database quoted, as
words, so no input can be a syntax error.

Where it follows PostgreSQL on purpose:
- an unclosed quote is ignored; a `-` before a term leaves it out, even with a space between, and
  a second `-` cancels the first (PostgreSQL reads `--ban` as “not not ban”);
- `! & | ( )` end a word, as they do for websearch_to_tsquery (which also ends one at `<`, so that
  it reads the phrase operator in `ban<->phones` as “ban, not phones”; here that is one word
  with a hyphen, read as the phrase “ban phones”);
- the commonest English words (PostgreSQL's stop words: “the”, “a”, “of”…) are not searched for:
  PostgreSQL drops them, so SQLite must too, or “the ban” would miss every statement that says
  “ban” without “the”. A search made only of such words, or only of punctuation, looks for nothing
  and finds nothing, as on PostgreSQL;
- a search that only leaves words out (`-ban`) gives every statement that does not say them,
  as websearch_to_tsquery's `!'ban'` does.
Where the two still differ, the text search engines do: PostgreSQL stems with Snowball's English
stemmer and SQLite with Porter's (they agree on almost every word), SQLite also ignores accents
(“cafe” finds “café”), and inside a phrase PostgreSQL lets any word stand where a common word was
typed (“ban on phones” finds “ban all phones”) while SQLite wants that very word.
"""

import re
from dataclasses import dataclass

# PostgreSQL 15's tsearch_data/english.stop, the list its “english” configuration drops (Snowball's
# English stop words). tests/statements/test_search.py checks it against PostgreSQL's dictionary.
ENGLISH_STOP_LIST = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this
    that these those am is are was were be been being have has had having do does did doing a an
    the and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now
"""
STOP_WORDS = frozenset(ENGLISH_STOP_LIST.split())

# What ends a word besides a space or a quote.
WORD_ENDS = '\\s"!&|()'
TYPED_WORD = re.compile(f"[^{WORD_ENDS}]+")
# `or`, possibly with punctuation after it (“trojan or, bedfellows”), between two terms.
OR = re.compile(r"or[^\w-]*", re.IGNORECASE)
# A word as FTS5's unicode61 tokenizer counts one: letters and digits; everything else separates.
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """A word or a phrase, as typed, and the words it asks for."""

    typed: str
    words: tuple[str, ...]
    is_excluded: bool = False

    @property
    def as_websearch(self) -> str:
        # Quoted even when one word: inside quotes websearch_to_tsquery takes no operator, and a
        # quoted word is the same word (PostgreSQL still reads “gov.uk” or “3.5” as one token).
        return f'{"-" if self.is_excluded else ""}"{self.typed}"'

    @property
    def as_fts5(self) -> str:
        # FTS5 reads a quoted string as a phrase of the words its tokenizer finds there; these
        # words are letters and digits only, so nothing inside can close the quote.
        return f'"{" ".join(self.words)}"'


@dataclass(frozen=True)
class Search:
    """A search read into alternatives (`or`), each needing all of its terms."""

    groups: tuple[tuple[Term, ...], ...]

    @property
    def is_empty(self) -> bool:
        """Nothing left to look for: only punctuation or the commonest words were typed."""
        return not self.groups

    @property
    def wanted(self) -> list[Term]:
        """The terms a matching statement says: what is marked on the page."""
        return [term for group in self.groups for term in group if not term.is_excluded]

    @property
    def is_ranked(self) -> bool:
        """Whether there is anything to rank by: a search that only leaves words out is not."""
        return bool(self.wanted)

    def as_websearch(self) -> str:
        """The same search for websearch_to_tsquery, every term quoted."""
        return " or ".join(" ".join(term.as_websearch for term in group) for group in self.groups)

    def fts5_match(self) -> str | None:
        """An FTS5 MATCH expression for the alternatives that ask for a word, or None."""
        alternatives = []
        for group in self.groups:
            wanted = [term.as_fts5 for term in group if not term.is_excluded]
            unwanted = [term.as_fts5 for term in group if term.is_excluded]
            if not wanted:
                continue
            expression = " AND ".join(wanted)
            if unwanted:
                expression = f"({expression}) NOT ({' OR '.join(unwanted)})"
            alternatives.append(f"({expression})")
        return " OR ".join(alternatives) or None

    def fts5_exclusions(self) -> list[str]:
        """For each alternative that only leaves words out, the FTS5 MATCH of what it leaves out.

        FTS5's NOT needs something on its left, so “statements that do not say ban” is asked
        of the statements table, as the ones not among those that do.
        """
        return [
            " OR ".join(term.as_fts5 for term in group)
            for group in self.groups
            if all(term.is_excluded for term in group)
        ]

    def fts5_wanted(self) -> str | None:
        """Every wanted term, for FTS5's highlight() to mark wherever it occurs."""
        return " OR ".join(term.as_fts5 for term in self.wanted) or None


def searched_words(typed: str) -> tuple[str, ...]:
    """The words a term asks for: lower-cased, without the common words at either end."""
    words = [word.lower() for word in WORD.findall(typed)]
    while words and words[0] in STOP_WORDS:
        words.pop(0)
    while words and words[-1] in STOP_WORDS:
        words.pop()
    return tuple(words)


def parse_search(text: str) -> Search:
    """Read what a journalist typed into the words to find, the phrases and the alternatives."""
    groups: list[list[Term]] = [[]]
    is_excluded = False
    position = 0

    def add(typed: str) -> None:
        nonlocal is_excluded
        words = searched_words(typed)
        if words:
            groups[-1].append(Term(typed=typed, words=words, is_excluded=is_excluded))
        is_excluded = False

    while position < len(text):
        char = text[position]
        if char == "-":
            is_excluded = not is_excluded
            position += 1
        elif char == '"':
            end = text.find('"', position + 1)
            if end == -1:
                position += 1
            else:
                add(text[position + 1 : end])
                position = end + 1
        elif match := TYPED_WORD.match(text, position):
            typed = match.group()
            position = match.end()
            if not is_excluded and OR.fullmatch(typed):
                groups.append([])
            else:
                add(typed)
        else:
            position += 1
    return Search(groups=tuple(tuple(group) for group in groups if group))
