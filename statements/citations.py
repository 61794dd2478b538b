"""How a statement is quoted when it leaves our pages: the citation, link previews, feeds.

A paraphrase is an outlet's summary: in quotation marks it would put words in a politician's
mouth, so it is never quoted and always says “paraphrased”. A retracted statement is still
cited, because a newsroom that used it must be able to cite the retraction in its own
correction, but never without saying that, when and why it was retracted.
"""

from django.utils import timezone
from django.utils.text import Truncator


def cited_words(statement, *, limit: int | None = None) -> str:
    """“The words” for a quote; “paraphrased: the words” for a paraphrase."""
    words = Truncator(statement.words).chars(limit) if limit else statement.words
    return f"paraphrased: {words}" if statement.is_paraphrase else f"“{words}”"


def retraction_notice(statement) -> str:
    """“Retracted on 3 April 2023: reason.”, or nothing for a statement that stands."""
    if not statement.is_retracted:
        return ""
    on = timezone.localtime(statement.retracted_at)
    return _sentence(f"Retracted on {on.day} {on:%B %Y}: {statement.retraction_reason}")


def statement_summary(statement, *, limit: int = 180) -> str:
    """One line for link previews: who said what, where and when; a retraction first."""
    line = (
        f"{statement.politician.name}, {cited_words(statement, limit=limit)} — "
        f"{statement.outlet}, {statement.said_on_display}."
    )
    notice = retraction_notice(statement)
    return f"{notice} {line}" if notice else line


def statement_citation(statement, *, permalink: str, site_name: str) -> str:
    """The citation a journalist pastes: speaker, words, outlet, date, source and permalink."""
    citation = (
        f"{statement.politician.name}, {cited_words(statement)}, {statement.outlet}, "
        f"{statement.said_on_display}. {statement.source_url} — via {site_name}, {permalink}"
    )
    notice = retraction_notice(statement)
    if notice:
        return f"{notice} As published before its retraction by {site_name}: {citation}"
    return citation


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."
