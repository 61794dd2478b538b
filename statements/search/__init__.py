"""Searching the words of statements, ranking the matches, and marking what matched.

The same search on both databases (statements.search.syntax reads it once): PostgreSQL's English
full-text search given the clean web-search query, and on SQLite an FTS5 index with Porter's
stemmer (statements.search.sqlite_index). Both are stemmed (“banning” finds “ban”), match whole
words (“amp” is not in “example”) and rank: PostgreSQL by ts_rank, SQLite by FTS5's bm25. Both
put a statement that says the words more often first; bm25 also weighs a rare word above a
common one and a short statement above a long one, so near ties may be ordered differently.
"""

import copy
import re

from django.db import connections
from django.db.models import F, FloatField, Func, Q, Value
from django.db.models.expressions import Col, Expression, RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .sqlite_index import TABLE as SQLITE_INDEX
from .syntax import Search, parse_search

__all__ = ["highlighted_words", "parse_search", "search_statements"]

SEARCH_CONFIG = "english"
# The generated tsvector column of migration 0012 (PostgreSQL).
STORED_VECTOR = "search_vector"

# Entities come first in the pattern, so that searching for “amp” or “x27” cannot split the
# “&amp;” or “&#x27;” that escaping wrote.
ENTITY = r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);"

# Where FTS5's highlight() opens and closes a match. Control characters that a quote does not
# contain (a statement that does is shown unmarked rather than trusted); they are turned into
# <mark> only after the words around them are escaped.
OPEN_MARK, CLOSE_MARK = "\x02", "\x03"


def uses_postgres(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search_statements(queryset, text: str):
    """Statements whose words match the search, best match first, then newest.

    A search with nothing to look for (only punctuation, or only words as common as “the”)
    matches nothing; one that only leaves words out lists the rest newest first.
    """
    search = parse_search(text)
    if search.is_empty:
        return queryset.none()
    if uses_postgres(queryset):
        queryset, rank = postgres_search(queryset, search)
    else:
        queryset, rank = sqlite_search(queryset, search)
    # Ties, and a search with nothing to rank by, keep the unsearched list's order.
    newest_first = queryset.newest_first().query.order_by
    if rank is None:
        return queryset.order_by(*newest_first)
    return queryset.annotate(search_rank=rank).order_by(
        F("search_rank").desc(nulls_last=True), *newest_first
    )


class StoredSearchVector(Expression):
    """The statement's stored, GIN-indexed search vector (migration 0012, PostgreSQL only).

    Read as a column of the statement's own table, so that ranking reads the vector instead of
    parsing the words again for every match; resolved to a Col, so that the alias follows the
    statement table into joins and subqueries.
    """

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def resolve_expression(self, query=None, *args, **kwargs):
        target = copy.copy(self.output_field)
        target.column = STORED_VECTOR
        target.model = query.model
        return Col(query.get_initial_alias(), target, output_field=self.output_field)


def postgres_search(queryset, search: Search):
    from django.contrib.postgres.search import SearchQuery, SearchRank

    query = SearchQuery(search.as_websearch(), config=SEARCH_CONFIG, search_type="websearch")
    queryset = queryset.annotate(search=StoredSearchVector()).filter(search=query)
    return queryset, SearchRank(StoredSearchVector(), query) if search.is_ranked else None


def sqlite_search(queryset, search: Search):
    matching = Q()
    match = search.fts5_match()
    if match:
        matching |= Q(pk__in=fts5_rowids(match))
    for unwanted in search.fts5_exclusions():
        matching |= ~Q(pk__in=fts5_rowids(unwanted))
    queryset = queryset.filter(matching)
    if not match:
        return queryset, None
    return queryset, Fts5Rank(match)


class Fts5Rank(Func):
    """How well a statement matches an FTS5 MATCH expression, higher is better; NULL if not at all.

    FTS5's rank is bm25, more negative the better the match; negated, it sorts like ts_rank.

    The matches and their ranks are found once per query (MATERIALIZED, SQLite 3.35+) and each
    statement looks its own up by rowid. Without MATERIALIZED, SQLite runs the full-text search
    again for every statement: 560 ms instead of 10 for “ban” on 3,000 statements.
    """

    output_field = FloatField()

    def __init__(self, match: str):
        super().__init__(Value(match), F("pk"))

    def as_sql(self, compiler, connection, **extra_context):
        match, pk = self.get_source_expressions()
        match_sql, match_params = compiler.compile(match)
        pk_sql, pk_params = compiler.compile(pk)
        sql = (
            f"(WITH matched AS MATERIALIZED (SELECT rowid AS statement_id, rank FROM {SQLITE_INDEX}"
            f" WHERE {SQLITE_INDEX} MATCH {match_sql})"
            f" SELECT -rank FROM matched WHERE statement_id = {pk_sql})"
        )
        return sql, [*match_params, *pk_params]


def fts5_rowids(match: str) -> RawSQL:
    return RawSQL(f"SELECT rowid FROM {SQLITE_INDEX} WHERE {SQLITE_INDEX} MATCH %s", [match])


def highlighted_words(statements, text: str, *, using: str) -> dict[int, SafeString]:
    """Each statement's words, escaped and verbatim, with what the search matched in <mark>.

    One query for the whole page. Only the words searched for are marked, never the ones left
    out. Editors type the words, so they are escaped and only our own <mark> tags are added.
    """
    search = parse_search(text)
    if connections[using].vendor == "postgresql":
        marks = postgres_words_to_mark(statements, search, using=using)
        return {s.pk: highlight(s.words, marks) for s in statements}
    return sqlite_highlights(statements, search, using=using)


def postgres_words_to_mark(statements, search: Search, *, using: str) -> set[str]:
    """The words on the page whose stem a wanted term shares (lower-cased).

    PostgreSQL's own ts_headline is not used: it re-spaces punctuation and drops anything
    shaped like a tag, and a quote must stay verbatim.
    """
    wanted = " ".join(word for term in search.wanted for word in term.words)
    page_words = sorted({word.lower() for s in statements for word in re.findall(r"\w+", s.words)})
    if not wanted or not page_words:
        return set()
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT word FROM unnest(%s::text[]) AS word"
            " WHERE tsvector_to_array(to_tsvector(%s::regconfig, word))"
            " && tsvector_to_array(to_tsvector(%s::regconfig, %s))",
            [page_words, SEARCH_CONFIG, SEARCH_CONFIG, wanted],
        )
        return {row[0] for row in cursor.fetchall()}


def highlight(words: str, marks: set[str]) -> SafeString:
    """The words, escaped, with every whole word in marks wrapped in <mark>."""
    escaped = str(escape(words))
    if not marks:
        return mark_safe(escaped)
    alternatives = "|".join(
        re.escape(str(escape(mark))) for mark in sorted(marks, key=len, reverse=True)
    )
    pattern = re.compile(rf"(?P<entity>{ENTITY})|(?P<term>\b(?:{alternatives})\b)", re.IGNORECASE)

    def mark(match):
        if match.group("entity"):
            return match.group(0)
        return f"<mark>{match.group(0)}</mark>"

    return mark_safe(pattern.sub(mark, escaped))


def sqlite_highlights(statements, search: Search, *, using: str) -> dict[int, SafeString]:
    """FTS5's highlight() finds where each wanted term matched, stemmed forms included."""
    highlights = {s.pk: mark_safe(escape(s.words)) for s in statements}
    wanted = search.fts5_wanted()
    if not wanted or not highlights:
        return highlights
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, highlight({SQLITE_INDEX}, 0, %s, %s) FROM {SQLITE_INDEX}"
            f" WHERE {SQLITE_INDEX} MATCH %s AND rowid IN ({', '.join(['%s'] * len(highlights))})",
            [OPEN_MARK, CLOSE_MARK, wanted, *highlights],
        )
        marked = dict(cursor.fetchall())
    for statement in statements:
        text = marked.get(statement.pk)
        if text is not None and is_marked_copy(text, statement.words):
            highlights[statement.pk] = marks_to_html(text)
    return highlights


def is_marked_copy(text: str, words: str) -> bool:
    """Whether text is exactly the words with marks added, so that nothing else is shown."""
    return (
        OPEN_MARK not in words
        and CLOSE_MARK not in words
        and text.replace(OPEN_MARK, "").replace(CLOSE_MARK, "") == words
    )


def marks_to_html(text: str) -> SafeString:
    """Escape each piece of the marked text, then turn the marks into <mark> tags."""
    html = []
    for piece in re.split(f"([{OPEN_MARK}{CLOSE_MARK}])", text):
        if piece == OPEN_MARK:
            html.append("<mark>")
        elif piece == CLOSE_MARK:
            html.append("</mark>")
        else:
            html.append(str(escape(piece)))
    return mark_safe("".join(html))
