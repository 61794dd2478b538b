"""CSV and JSON downloads of exactly the rows a list shows, safe to open in a spreadsheet."""

import contextlib
import csv
import datetime
import functools
import io
import json
import operator
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .kept_downloads import KeptDownload

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"

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


_TRIGGER_CHARACTERS = frozenset(FORMULA_TRIGGERS)


def csv_cell(value) -> str:
    """A value as its CSV cell: `cell_value`'s reading, then neutralised. One call a cell, as
    a 50,000-row download makes a million of them."""
    if type(value) is str:  # most cells: checked first
        text = value
    elif value is None:
        return ""
    elif value is True or value is False:
        return "yes" if value else "no"
    else:
        text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    if text[:1] in _TRIGGER_CHARACTERS:
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
            writer.writerow([csv_cell(cell) for cell in row])
            if buffer.tell() >= SEND_BYTES:
                yield _drain(buffer)
        yield _drain(buffer)

    response = StreamingHttpResponse(lines(), content_type=CSV_TYPE)
    _name_download(response, filename, "csv", exported_at)
    return response


def _name_download(response, filename: str, extension: str, exported_at) -> None:
    """The file name a browser saves the download as, with the time the rows were read."""
    stamp = timezone.localtime(exported_at).strftime("%Y-%m-%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{extension}"'
    response["X-Exported-At"] = exported_at.isoformat()


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
    # A tuple of the row's cells in column order, whatever the number of columns.
    cells = operator.itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
    stamp = cell_value(exported_at)

    def with_time(row):
        row["exported_at"] = stamp  # the rows are made for this download: filled in place
        return cells(row)

    return csv_response(
        filename=filename, header=columns, rows=map(with_time, rows), exported_at=exported_at
    )


# A slot is given back when its download ends; one a crashed process never gave back frees
# itself after this long.
DOWNLOAD_SLOT_SECONDS = 300


class _GivesSlotBack:
    """The download's chunks; closing it (Django closes every response) frees the slot, whether
    the download finished, failed or the client went away before the first byte."""

    def __init__(self, chunks, key: str):
        self.chunks = iter(chunks)
        self.key = key
        self.given_back = False

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.chunks)

    def close(self):
        if not self.given_back:
            self.given_back = True
            with contextlib.suppress(ValueError):
                cache.decr(self.key)


def one_client_at_a_time(view):
    """At most WTS_DOWNLOADS_PER_CLIENT downloads at once from one address; more answer 429.

    A download of every statement keeps a worker thread busy for a second or two; a client
    asking for dozens at once would take every thread from the pages. Counted in CACHE_URL, so
    across app servers when it is Redis.
    """

    @functools.wraps(view)
    def limited(request, *args, **kwargs):
        allowed = settings.WTS_DOWNLOADS_PER_CLIENT
        if allowed <= 0:
            return view(request, *args, **kwargs)
        key = f"downloads:{request.META.get('REMOTE_ADDR', '')}"
        cache.add(key, 0, DOWNLOAD_SLOT_SECONDS)
        try:
            running = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, DOWNLOAD_SLOT_SECONDS)
            running = 1
        if running > allowed:
            cache.decr(key)
            response = HttpResponse(
                f"You are already downloading {allowed} lists from this address. "
                "Try again when one of them has finished.\n",
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = "10"
            return response
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            cache.decr(key)
            raise
        if not response.streaming or getattr(response, "file_to_stream", None) is not None:
            # A kept file costs the server nothing to send (core.kept_downloads): no slot.
            cache.decr(key)
            return response
        response.streaming_content = _GivesSlotBack(response.streaming_content, key)
        return response

    return limited


def download_views(
    *, name: str, columns: Sequence[str], listed, row=None, values=None, values_row=None
):
    """The CSV and JSON views of a list.

    `listed(request)` is the list page's own read: (topic, filterset, rows in order). `row(request,
    topic, item)` is one item as a dict of the columns. The query is checked by calling `listed`
    before a CSV starts streaming: a bad value must still be a 400. Rows are then read in chunks.

    A large list gives `values` (field names) and `values_row(request, topic)`, which returns the
    function that turns one tuple of those values into a row: no model instance is built, and
    whatever a row needs from the request (the site's address) is worked out once.
    """

    def export_rows(request):
        topic, _, items = listed(request)
        if values:
            make_row = values_row(request, topic)
            tuples = items.values_list(*values).iterator(chunk_size=EXPORT_CHUNK_SIZE)
            return topic, (make_row(item) for item in tuples)
        rows = (row(request, topic, item) for item in items.iterator(chunk_size=EXPORT_CHUNK_SIZE))
        return topic, rows

    def download_view(extension, content_type, *, mark_kept, respond):
        """One format's view: this data version's kept file when there is one to send (marked by
        `mark_kept(response, topic, exported_at)`), else `respond(request, topic, rows,
        exported_at)` fresh, written to the kept file as it streams."""

        @require_safe
        @one_client_at_a_time
        def download(request):
            topic, rows = export_rows(request)
            kept = KeptDownload(request, name=name, extension=extension)
            if found := kept.kept():
                path, exported_at = found
                response = kept.response(path, content_type=content_type)
                if response is not None:
                    mark_kept(response, topic, exported_at)
                    return response
            exported_at = timezone.now()
            response = respond(request, topic, rows, exported_at)
            kept.keep_while_streaming(response, exported_at)
            return response

        return download

    def csv_kept(response, topic, exported_at):
        _name_download(response, f"{name}-{topic.slug}", "csv", exported_at)

    def json_kept(response, topic, exported_at):
        response["X-Exported-At"] = exported_at.isoformat()

    as_csv = download_view(
        "csv",
        CSV_TYPE,
        mark_kept=csv_kept,
        respond=lambda request, topic, rows, exported_at: table_csv_response(
            filename=f"{name}-{topic.slug}", columns=columns, rows=rows, exported_at=exported_at
        ),
    )
    as_json = download_view(
        "json",
        JSON_TYPE,
        mark_kept=json_kept,
        respond=lambda request, topic, rows, exported_at: table_json_response(
            request=request, topic=topic, name=name, rows=rows, exported_at=exported_at
        ),
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

    response = StreamingHttpResponse(chunks(), content_type=JSON_TYPE)
    response["X-Exported-At"] = exported_at.isoformat()
    return response
