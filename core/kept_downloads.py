"""Whole-list downloads written to a file once per data version, then sent from the file.

A download of every statement is 50,000 rows formatted in Python: about a second and a half of
a core. When a story breaks, many readers ask for the same file while the data stays the same,
and four of those at once starved every page. So the first download of a whole list (no filter
but the topic) after public data changes is streamed as before and written to a file as it
goes; every later one, until the data version moves, is that file, which the server sends
without running Python for each piece (`wsgi.file_wrapper`: sendfile).

The rows' `exported_at` is then when the rows were read: the data version proves nothing public
has changed since. Filtered lists are smaller and many; they are always read afresh.
Files live in `WTS_KEPT_DOWNLOADS_DIR` on each app server (empty: off); a new version's first
file removes the older versions' files.
"""

import datetime
import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.http import FileResponse

from .caching import rendering_version

# A kept file's name: "<release>-<version>-<digest>--<exported_at as a timestamp>.<extension>"
SEPARATOR = "--"


def _folder() -> Path | None:
    folder = settings.WTS_KEPT_DOWNLOADS_DIR
    return Path(folder) if folder else None


class KeptDownload:
    """The file a whole-list download is kept in for the current data version, if it may be."""

    def __init__(self, request, *, name: str, extension: str):
        self.folder = _folder()
        version = rendering_version()
        # Only the whole list (the topic may be chosen) and only under public_page's version.
        whole_list = set(request.GET) <= {"topic"}
        self.usable = self.folder is not None and version is not None and whole_list
        if not self.usable:
            return
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(f"{name}.{extension}:{address}".encode()).hexdigest()[:24]
        self.version_prefix = f"{settings.WTS_RELEASE}-{version.number}-"
        self.prefix = f"{self.version_prefix}{digest}{SEPARATOR}"
        self.extension = extension

    def kept(self) -> tuple[Path, datetime.datetime] | None:
        """The kept file and when its rows were read, or None."""
        if not self.usable or not self.folder.is_dir():
            return None
        for path in self.folder.glob(f"{self.prefix}*.{self.extension}"):
            stamp = path.name.removeprefix(self.prefix).removesuffix(f".{self.extension}")
            try:
                exported_at = datetime.datetime.fromtimestamp(float(stamp), tz=datetime.UTC)
            except ValueError:
                continue
            return path, exported_at
        return None

    def response(self, path: Path, *, content_type: str) -> FileResponse | None:
        try:
            response = FileResponse(path.open("rb"), content_type=content_type)
        except FileNotFoundError:  # replaced by a newer version's first download just now
            return None
        # FileResponse names the file after our folder's name for it; the streamed download's
        # headers say what a browser saves it as.
        del response["Content-Disposition"]
        return response

    def keep_while_streaming(self, response, exported_at: datetime.datetime) -> None:
        """Write the response's bytes to the kept file as they are sent."""
        if not self.usable:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        final = self.folder / f"{self.prefix}{exported_at.timestamp()!r}.{self.extension}"
        response.streaming_content = _Teeing(
            response.streaming_content, final, self.folder, self.version_prefix
        )


class _Teeing:
    """The download's chunks, each also written to a temporary file; renamed into place only
    when the last chunk has gone, so a download cut short keeps nothing half-written."""

    def __init__(self, chunks, final: Path, folder: Path, version_prefix: str):
        self.chunks = iter(chunks)
        self.final = final
        self.folder = folder
        self.version_prefix = version_prefix
        self.partial = final.with_name(f".{final.name}.{os.getpid()}.{id(self)}.partial")
        self.file = self.partial.open("wb")

    def __iter__(self):
        return self

    def __next__(self):
        try:
            chunk = next(self.chunks)
        except StopIteration:
            self._finish()
            raise
        self.file.write(chunk)
        return chunk

    def _finish(self) -> None:
        if self.file.closed:
            return
        self.file.close()
        os.replace(self.partial, self.final)
        # Older versions' files are never sent again.
        for path in self.folder.iterdir():
            if not path.name.startswith((self.version_prefix, ".")):
                path.unlink(missing_ok=True)

    def close(self) -> None:
        if not self.file.closed:
            self.file.close()
            self.partial.unlink(missing_ok=True)
