"""Searching the words of statements, and marking what matched.

PostgreSQL: English full-text search (stemmed, so “banning” finds “ban”) with the web-search
syntax journalists know (“quoted phrases”, or, -word), ranked. SQLite, the zero-setup default:
every word must appear somewhere in the words, a -word must not.
"""

import re

from django.db import connections
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SEARCH_CONFIG = "english"
MAX_SEARCH_LENGTH = 200

# Entities come first in the pattern, so that searching for “amp” or “x27” cannot split the
# “&amp;” or “&#x27;” that escaping wrote.
ENTITY = r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);"


def uses_postgres(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search_terms(text: str) -> tuple[list[str], list[str]]:
    """The words a search asks for and the words it leaves out (`-word`)."""
    wanted, unwanted = [], []
    for term in re.findall(r"[^\s\"]+", text):
        if term.startswith("-") and len(term) > 1:
            unwanted.append(term[1:])
        elif term.lower() != "or" and term != "-":
            wanted.append(term)
    return wanted, unwanted


def search_statements(queryset, text: str):
    """Statements whose words match the search, best match first."""
    text = text.strip()
    if not text:
        return queryset
    if uses_postgres(queryset):
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        vector = SearchVector("words", config=SEARCH_CONFIG)
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "-said_on", "-published_at", "-pk")
        )
    wanted, unwanted = search_terms(text)
    for term in wanted:
        queryset = queryset.filter(words__icontains=term)
    for term in unwanted:
        queryset = queryset.exclude(words__icontains=term)
    return queryset.newest_first()


def words_to_mark(statements, text: str, *, using: str) -> tuple[set[str], bool]:
    """What to highlight in these statements: (lower-cased strings, whether whole words only).

    PostgreSQL matched on stems, so the words on the page whose stem the search shares are
    marked; one query for the whole page. PostgreSQL's own ts_headline is not used: it
    re-spaces punctuation and drops anything shaped like a tag, and a quote must stay verbatim.
    """
    wanted, _ = search_terms(text)
    if not wanted:
        return set(), False
    if connections[using].vendor != "postgresql":
        return {term.lower() for term in wanted}, False
    page_words = sorted({word.lower() for s in statements for word in re.findall(r"\w+", s.words)})
    if not page_words:
        return set(), True
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT word FROM unnest(%s::text[]) AS word"
            " WHERE tsvector_to_array(to_tsvector(%s::regconfig, word))"
            " && tsvector_to_array(to_tsvector(%s::regconfig, %s))",
            [page_words, SEARCH_CONFIG, SEARCH_CONFIG, " ".join(wanted)],
        )
        return {row[0] for row in cursor.fetchall()}, True


def highlight(words: str, marks: set[str], *, whole_words: bool) -> SafeString:
    """The words, escaped, with every match wrapped in <mark>.

    Editors type the words, so they are escaped first and only our own <mark> tags are added.
    """
    escaped = str(escape(words))
    if not marks:
        return mark_safe(escaped)
    alternatives = "|".join(
        re.escape(str(escape(mark))) for mark in sorted(marks, key=len, reverse=True)
    )
    term = rf"\b(?:{alternatives})\b" if whole_words else f"(?:{alternatives})"
    pattern = re.compile(f"(?P<entity>{ENTITY})|(?P<term>{term})", re.IGNORECASE)

    def mark(match):
        if match.group("entity"):
            return match.group(0)
        return f"<mark>{match.group(0)}</mark>"

    return mark_safe(pattern.sub(mark, escaped))
