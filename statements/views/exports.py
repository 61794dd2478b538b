"""`/statements.csv` and `/statements.json`: exactly the rows the statements browser finds."""

from django.urls import reverse

from core.downloads import EXPORT_CHUNK_SIZE, download_views
from statements.filters import StatementFilterSet
from statements.models import said_on_in_words

from .browser import published_statements
from .topics import topic_for_request

# Other tools read these files: keep the column names and their order.
COLUMNS = [
    "id",
    "permalink",
    "speaker",
    "speaker_slug",
    "party",
    "house",
    "role",
    "said_on",
    "said_on_precision",
    "words",
    "is_paraphrase",
    "outlet",
    "source_url",
    "archive_url",
    "source_kind",
    "position",
    "topic",
    "context",
    "published_at",
    "exported_at",
    # Added later, so at the end: the date in the words a reader sees (“March 2023”), where
    # said_on holds the start of the period for sorting.
    "said_on_text",
]


# What a row needs, read as plain values: building four model instances a row (statement,
# speaker, party, topic) was most of a 50,000-row download's time.
FIELDS = {
    "id": "pk",
    "speaker": "politician__name",
    "speaker_slug": "politician__slug",
    "party": "politician__party__name",
    "house": "politician__house",
    "role": "politician__role",
    "said_on": "said_on",
    "said_on_precision": "said_on_precision",
    "words": "words",
    "is_paraphrase": "is_paraphrase",
    "outlet": "outlet",
    "source_url": "source_url",
    "archive_url": "archive_url",
    "source_kind": "source_kind",
    "position": "position",
    "context": "context",
    "published_at": "published_at",
}


def permalink_prefix(request) -> str:
    """`https://host/statements/`: resolved once, so each row's permalink is string formatting
    rather than a reverse() and build_absolute_uri() per row."""
    return request.build_absolute_uri(reverse("statements:detail", args=[0])).removesuffix("0/")


def statement_row(values: tuple, *, prefix: str, topic_slug: str) -> dict:
    row = dict(zip(FIELDS, values, strict=True))
    row["permalink"] = f"{prefix}{row['id']}/"
    row["party"] = row["party"] or ""
    row["topic"] = topic_slug
    row["said_on_text"] = said_on_in_words(row["said_on"], row["said_on_precision"])
    return row


def export_rows(request):
    """The topic, and the rows of every statement the browser's query gives (every page).

    The query is checked here, before a CSV starts streaming: a bad value must still be a 400.
    """
    topic = topic_for_request(request)
    statements = StatementFilterSet(
        request.GET, queryset=published_statements(topic), request=request
    ).qs
    prefix = permalink_prefix(request)
    rows = (
        statement_row(values, prefix=prefix, topic_slug=topic.slug)
        for values in statements.values_list(*FIELDS.values()).iterator(
            chunk_size=EXPORT_CHUNK_SIZE
        )
    )
    return topic, rows


statements_csv, statements_json = download_views(
    name="statements", columns=COLUMNS, export_rows=export_rows
)
