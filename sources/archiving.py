"""Our copy of a fetched page: the exact response as a WARC record, and the article read from it.

Pure functions over a FetchedPage; the services decide when to call them and store the results.
"""

import datetime
import io
import json
from dataclasses import dataclass

import trafilatura
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .fetching import FetchedPage


def warc_bytes(page: FetchedPage) -> bytes:
    """A gzipped WARC file holding one response record: the headers and body as they came."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    protocol = "HTTP/1.1" if page.http_version in ("", "HTTP/1.1") else page.http_version
    http_headers = StatusAndHeaders(
        f"{page.status_code} {page.reason_phrase}".strip(), page.headers, protocol=protocol
    )
    record = writer.create_warc_record(
        page.final_url, "response", payload=io.BytesIO(page.body), http_headers=http_headers
    )
    writer.write_record(record)
    return buffer.getvalue()


@dataclass(frozen=True)
class ArticleRead:
    text: str
    title: str
    published_on: datetime.date | None
    site_name: str


def article_read(page: FetchedPage) -> ArticleRead:
    """The article's text and metadata, as trafilatura reads them from the page's HTML."""
    html = page.decoded_body()
    found = trafilatura.extract(
        html,
        url=page.final_url,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
    )
    data = json.loads(found) if found else {}
    published_on = None
    if data.get("date"):
        try:
            published_on = datetime.date.fromisoformat(data["date"][:10])
        except ValueError:
            published_on = None
    return ArticleRead(
        text=(data.get("text") or "").strip(),
        title=(data.get("title") or "")[:500],
        published_on=published_on,
        # trafilatura's JSON calls the site name “source-hostname”.
        site_name=(data.get("sitename") or data.get("source-hostname") or "")[:200],
    )
