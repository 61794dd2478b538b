"""`/statements.csv` and `/statements.json`: exactly the rows the statements browser finds."""

from django.utils import timezone
from django.views.decorators.http import require_safe

from statements.exports import csv_response, json_response
from statements.filters import StatementFilterSet

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
]


def export_rows(request):
    """The topic, one dict per statement the browser's query gives (every page), the time."""
    topic = topic_for_request(request)
    filterset = StatementFilterSet(
        request.GET, queryset=published_statements(topic), request=request
    )
    exported_at = timezone.now()
    rows = [
        {
            "id": statement.pk,
            "permalink": request.build_absolute_uri(statement.get_absolute_url()),
            "speaker": statement.politician.name,
            "speaker_slug": statement.politician.slug,
            "party": statement.politician.party.name if statement.politician.party else "",
            "house": statement.politician.house,
            "role": statement.politician.role,
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
            "exported_at": exported_at,
        }
        for statement in filterset.qs
    ]
    return topic, rows, exported_at


@require_safe
def statements_csv(request):
    topic, rows, exported_at = export_rows(request)

    def cells(row):
        values = []
        for column in COLUMNS:
            value = row[column]
            if isinstance(value, bool):
                value = "yes" if value else "no"
            elif column in ("said_on", "published_at", "exported_at") and value is not None:
                value = value.isoformat()
            values.append(value)
        return values

    return csv_response(
        filename=f"statements-{topic.slug}",
        header=COLUMNS,
        rows=(cells(row) for row in rows),
        exported_at=exported_at,
    )


@require_safe
def statements_json(request):
    topic, rows, exported_at = export_rows(request)
    for row in rows:
        # The envelope carries the time of export once; rows stay the data.
        del row["exported_at"]
    return json_response(
        payload={
            "topic": {"slug": topic.slug, "title": topic.title},
            "query": {key: request.GET.getlist(key) for key in request.GET},
            "count": len(rows),
            "statements": rows,
        },
        exported_at=exported_at,
    )
