"""CSV and JSON downloads of exactly the rows a list shows, safe to open in a spreadsheet."""

import csv
import datetime
import io
import json
from collections.abc import Iterable, Sequence

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets
# (CSV injection); a leading apostrophe makes the spreadsheet show it as plain text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


# Rows are sent in pieces about this size: one write to the socket per row made the server
# spend more time in system calls than in formatting.
SEND_BYTES = 64 * 1024


def csv_response(
    *, filename: str, header: Sequence[str], rows: Iterable[Sequence], exported_at=None
) -> StreamingHttpResponse:
    """Stream a CSV download; every cell neutralised against spreadsheet formulas.

    The time of export goes in the Content-Disposition filename and a header, not in a row,
    so the file stays one clean table.
    """
    exported_at = exported_at or timezone.now()
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def lines():
        buffer.write(
            "\ufeff"
        )  # Excel needs the byte-order mark to read UTF-8 names like Sinn Féin.
        writer.writerow(header)
        # The header goes at once: a client sees the download start before the first query ends.
        yield _drain(buffer)
        for row in rows:
            writer.writerow([neutralise_cell(cell) for cell in row])
            if buffer.tell() >= SEND_BYTES:
                yield _drain(buffer)
        yield _drain(buffer)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime(exported_at).strftime("%Y-%m-%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
    response["X-Exported-At"] = exported_at.isoformat()
    return response


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


# Rows are read from the database in chunks this size, so a download of every statement holds
# one chunk in memory at a time rather than the whole table.
EXPORT_CHUNK_SIZE = 2000


def cell_value(value):
    """How a value reads in a CSV cell: yes/no, ISO dates, empty for nothing."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    return value


def table_csv_response(
    *, filename: str, columns: Sequence[str], rows: Iterable[dict], exported_at
) -> StreamingHttpResponse:
    """A CSV of row dicts, one column each; `exported_at` is filled in on every row."""
    return csv_response(
        filename=filename,
        header=columns,
        rows=(
            [cell_value({**row, "exported_at": exported_at}[column]) for column in columns]
            for row in rows
        ),
        exported_at=exported_at,
    )


def download_views(*, name: str, columns: Sequence[str], export_rows):
    """The CSV and JSON views of a list: `export_rows(request)` gives the topic and the rows."""

    @require_safe
    def as_csv(request):
        topic, rows = export_rows(request)
        return table_csv_response(
            filename=f"{name}-{topic.slug}", columns=columns, rows=rows, exported_at=timezone.now()
        )

    @require_safe
    def as_json(request):
        topic, rows = export_rows(request)
        return table_json_response(
            request=request, topic=topic, name=name, rows=rows, exported_at=timezone.now()
        )

    return as_csv, as_json


def table_json_response(
    *, request, topic, name: str, rows: Iterable[dict], exported_at
) -> StreamingHttpResponse:
    """A JSON download streamed row by row: the export time, the topic, the query, the rows.

    The count comes after the rows, so that nothing is counted twice or held in memory; JSON
    readers look keys up by name. No indentation: it would make Python's encoder 5x slower.
    """
    head = {
        "exported_at": exported_at.isoformat(),
        "topic": {"slug": topic.slug, "title": topic.title},
        "query": {key: request.GET.getlist(key) for key in request.GET},
    }

    def encode(value) -> str:
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)

    def chunks():
        yield encode(head)[:-1] + f", {encode(name)}: ["
        count, piece, size = 0, [], 0
        for row in rows:
            line = ("," if count else "") + "\n" + encode(row)
            piece.append(line)
            size += len(line)
            count += 1
            if size >= SEND_BYTES:
                yield "".join(piece)
                piece, size = [], 0
        yield "".join(piece) + f'\n], "count": {count}}}\n'

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["X-Exported-At"] = exported_at.isoformat()
    return response
