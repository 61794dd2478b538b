"""Where an uploaded import waits between its preview and its confirmation.

import-export's default keeps it in the system's temporary folder under a name the confirming
request supplies, so a request could name any file there, which the app would read and delete.
Here the folder is the app's own, the name is one we made (32 hex digits), and anything else,
a missing file or one that is not text, is an ImportFileUnavailable that the admin answers 400.
"""

import os
import re
import tempfile
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from import_export.tmp_storages import BaseStorage

NAME = re.compile(r"^[0-9a-f]{32}$")


class ImportFileUnavailable(Exception):
    """The upload named by a confirmation is not one we can read."""


def upload_folder() -> Path:
    folder = Path(settings.WTS_IMPORT_UPLOAD_DIR or Path(tempfile.gettempdir()) / "wts-imports")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


class PrivateImportStorage(BaseStorage):
    def _path(self) -> Path:
        if not isinstance(self.name, str) or not NAME.match(self.name):
            raise ImportFileUnavailable(
                "That upload is not one this site made. Upload the file again."
            )
        return upload_folder() / self.name

    def save(self, data):
        self.name = uuid4().hex
        path = self._path()
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(data)

    def read(self):
        try:
            raw = self._path().read_bytes()
        except FileNotFoundError as error:
            raise ImportFileUnavailable(
                "That upload has expired or was already imported. Upload the file again."
            ) from error
        if "b" in self.read_mode:
            return raw
        try:
            return raw.decode(self.encoding or "utf-8")
        except UnicodeDecodeError as error:
            raise ImportFileUnavailable(
                "The uploaded file is not UTF-8 text. Save it as CSV (UTF-8) and upload it again."
            ) from error

    def remove(self):
        self._path().unlink(missing_ok=True)
