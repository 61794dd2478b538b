"""`/statements.csv` and `/statements.json`: exactly the rows the statements browser finds."""

from core.downloads import download_views

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


def statement_row(request, topic, statement) -> dict:
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


# Every statement the browser's query gives, every page of it.
statements_csv, statements_json = download_views(
    name="statements", columns=COLUMNS, listed=browsed_statements, row=statement_row
)
