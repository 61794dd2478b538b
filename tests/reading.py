"""How tests read what a reader gets: a page's HTML, a download's rows, a feed's entries.

One copy of each, imported by every test module that reads pages, so that a change to how a
page or a download is read is made once.
"""

import csv
import io

from bs4 import BeautifulSoup

from statements.models import Position

# The scale, short: tests build rows of politicians with each position.
W, S, M, O = Position.WANTS_EXTENDED, Position.SUPPORTS, Position.MIXED, Position.OPPOSES  # noqa: E741
ATOM = "{http://www.w3.org/2005/Atom}"


def soup_of(response, status: int | None = None) -> BeautifulSoup:
    """The page's HTML, parsed; with `status`, first check the response has it."""
    if status is not None:
        assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content, "lxml")


def page_of(response) -> BeautifulSoup:
    """A page that must answer 200, parsed."""
    return soup_of(response, status=200)


def text_of(element) -> str:
    """An element's text as a reader sees it: words separated by single spaces."""
    return " ".join(element.get_text(" ", strip=True).split())


def links_in(element, selector: str = "a") -> dict[str, str]:
    """The links an element holds, by the words a reader clicks: {text: href}."""
    return {a.get_text(strip=True): a["href"] for a in element.select(selector)}


def csv_dicts(response) -> list[dict]:
    """A streamed CSV download's rows by column name; it must start with the byte-order mark
    Excel needs to read UTF-8."""
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
