"""`/politicians.csv` and `/politicians.json`: exactly the rows the list shows, every page."""

from django.views.decorators.http import require_safe

from core.downloads import EXPORT_CHUNK_SIZE, csv_response, download_views
from statements.models import POSITION_LABELS, StatementStatus, Topic

from .compare import politicians_by_topic
from .views import politicians_listed

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
    # Added by issue 8, so at the end: the date the bench and role are sourced for.
    "bench_as_of",
    # Added by issue 13, so at the end: not_asked, no_reply, declined or replied.
    "coverage",
]


def politician_identity(politician) -> dict:
    """Who a politician is, the same in the CSV row and the API's politician."""
    return {
        "name": politician.name,
        "slug": politician.slug,
        "party": politician.party.name if politician.party else "",
        "house": politician.house,
        "constituency": politician.constituency,
        "role": politician.role,
    }


def politician_row(request, topic, politician) -> dict:
    stance = politician.topic_stances[0] if politician.topic_stances else None
    statement = stance.based_on if stance else None
    return {
        **politician_identity(politician),
        "bench": politician.bench,
        "member_id": politician.member_id,
        "runs_tiktok_account": politician.has_tiktok_account,
        "topic": topic.slug,
        "position": politician.position,
        "position_label": POSITION_LABELS[politician.position],
        "summary": stance.public_summary if stance else "",
        "as_of": stance.as_of if stance else None,
        # A stance pinned by editors may rest on a statement since taken down: never link it.
        "source_url": (
            statement.source_url
            if statement and statement.status == StatementStatus.PUBLISHED
            else ""
        ),
        "profile_url": request.build_absolute_uri(politician.get_absolute_url()),
        "bench_as_of": politician.bench_as_of,
        "coverage": politician.coverage,
    }


# Every politician the list's query gives, in its order, every page of it.
politicians_csv, politicians_json = download_views(
    name="politicians", columns=COLUMNS, listed=politicians_listed, row=politician_row
)


@require_safe
def politicians_by_topic_csv(request):
    """`/politicians-by-topic.csv`: one row a politician, two columns a topic (position,
    coverage), for comparing every topic side by side in a spreadsheet."""
    topics = list(Topic.objects.order_by("-is_default", "opened_on", "pk"))
    columns = ["name", "slug", "party", "house", "constituency"]
    for topic in topics:
        columns += [f"{topic.slug}_position", f"{topic.slug}_coverage"]
    columns.append("profile_url")

    def rows():
        for person in politicians_by_topic(topics).iterator(chunk_size=EXPORT_CHUNK_SIZE):
            row = [
                person.name,
                person.slug,
                person.party.name if person.party else "",
                person.house,
                person.constituency,
            ]
            for n in range(len(topics)):
                row += [getattr(person, f"position_{n}"), getattr(person, f"coverage_{n}")]
            row.append(request.build_absolute_uri(person.get_absolute_url()))
            yield row

    return csv_response(filename="politicians-by-topic", header=columns, rows=rows())
