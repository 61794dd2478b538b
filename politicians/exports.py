"""`/politicians.csv` and `/politicians.json`: exactly the rows the list shows, every page."""

from django.utils import timezone
from django.views.decorators.http import require_safe

from statements.exports import csv_response, json_response
from statements.models import StatementStatus
from statements.tallies import LABELS
from statements.views.topics import topic_for_request

from .filters import PoliticianFilter, listed_politicians
from .views import stances_for

# Other tools read these files: keep the column names and their order.
COLUMNS = [
    "name",
    "slug",
    "party",
    "house",
    "constituency",
    "role",
    "bench",
    "member_id",
    "runs_tiktok_account",
    "topic",
    "position",
    "position_label",
    "summary",
    "as_of",
    "source_url",
    "profile_url",
    "exported_at",
]


def export_rows(request):
    """The topic, and one dict per politician the list's query gives, in the list's order."""
    topic = topic_for_request(request)
    filterset = PoliticianFilter(request.GET, queryset=listed_politicians(topic), request=request)
    politicians = filterset.qs.prefetch_related(stances_for(topic))
    exported_at = timezone.now()
    rows = []
    for politician in politicians:
        stance = politician.topic_stances[0] if politician.topic_stances else None
        statement = stance.based_on if stance else None
        source_url = (
            statement.source_url
            if statement and statement.status == StatementStatus.PUBLISHED
            else ""
        )
        rows.append(
            {
                "name": politician.name,
                "slug": politician.slug,
                "party": politician.party.name if politician.party else "",
                "house": politician.house,
                "constituency": politician.constituency,
                "role": politician.role,
                "bench": politician.bench,
                "member_id": politician.member_id,
                "runs_tiktok_account": politician.has_tiktok_account,
                "topic": topic.slug,
                "position": politician.position,
                "position_label": LABELS[politician.position],
                "summary": stance.public_summary if stance else "",
                "as_of": stance.as_of if stance else None,
                "source_url": source_url,
                "profile_url": request.build_absolute_uri(politician.get_absolute_url()),
                "exported_at": exported_at,
            }
        )
    return topic, rows, exported_at


@require_safe
def politicians_csv(request):
    topic, rows, exported_at = export_rows(request)

    def cells(row):
        values = []
        for column in COLUMNS:
            value = row[column]
            if isinstance(value, bool):
                value = "yes" if value else "no"
            elif column in ("as_of", "exported_at") and value is not None:
                value = value.isoformat()
            values.append(value)
        return values

    return csv_response(
        filename=f"politicians-{topic.slug}",
        header=COLUMNS,
        rows=(cells(row) for row in rows),
        exported_at=exported_at,
    )


@require_safe
def politicians_json(request):
    topic, rows, exported_at = export_rows(request)
    for row in rows:
        # The envelope carries the time of export once; rows stay the data.
        del row["exported_at"]
    return json_response(
        payload={
            "topic": {"slug": topic.slug, "title": topic.title},
            "query": {key: request.GET.getlist(key) for key in request.GET},
            "count": len(rows),
            "politicians": rows,
        },
        exported_at=exported_at,
    )
