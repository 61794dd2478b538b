"""`/statements.csv` and `/statements.json`: exactly the rows the statements browser finds."""

from django.urls import reverse

from core.downloads import download_views
from statements.models import said_on_in_words

from .browser import browsed_statements

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


def statement_row(request, topic, statement) -> dict:
    """One statement as a row, from the model instance (the API's single-statement answers)."""
    politician = statement.politician
    return {
        "id": statement.pk,
        "permalink": request.build_absolute_uri(statement.get_absolute_url()),
        "speaker": politician.name,
        "speaker_slug": politician.slug,
        "party": politician.party.name if politician.party else "",
        "house": politician.house,
        "role": politician.role,
        "said_on": statement.said_on,
        "said_on_precision": statement.said_on_precision,
        "words": statement.words,
        "is_paraphrase": statement.is_paraphrase,
        "outlet": statement.outlet,
        "source_url": statement.source_url,
        "archive_url": statement.archive_url,
        "source_kind": statement.source_kind,
        "position": statement.position,
        "topic": topic.slug,
        "context": statement.context,
        "published_at": statement.published_at,
        "said_on_text": statement.said_on_display,
    }


def statement_row_of_values(values: tuple, *, prefix: str, topic_slug: str) -> dict:
    """The same row from a tuple of FIELDS: what the downloads read, no instance built."""
    row = dict(zip(FIELDS, values, strict=True))
    row["permalink"] = f"{prefix}{row['id']}/"
    row["party"] = row["party"] or ""
    row["topic"] = topic_slug
    row["said_on_text"] = said_on_in_words(row["said_on"], row["said_on_precision"])
    return row


def rows_for(request, topic):
    """What turns one tuple of FIELDS into a row, with the site's address worked out once."""
    prefix = permalink_prefix(request)
    return lambda values: statement_row_of_values(values, prefix=prefix, topic_slug=topic.slug)


# Every statement the browser's query gives, every page of it.
statements_csv, statements_json = download_views(
    name="statements",
    columns=COLUMNS,
    listed=browsed_statements,
    values=list(FIELDS.values()),
    values_row=rows_for,
)
