"""The admin import's confirmation reads only the upload it previewed, from the app's folder."""

import pytest
from django.urls import reverse

from statements.import_files import PrivateImportStorage, upload_folder
from statements.models import Statement

pytestmark = pytest.mark.django_db

PROCESS_URL = reverse("admin:statements_statement_process_import")


@pytest.fixture(autouse=True)
def _own_folder(settings, tmp_path):
    settings.WTS_IMPORT_UPLOAD_DIR = str(tmp_path / "imports")


def confirm(client, name):
    return client.post(
        PROCESS_URL,
        {"import_file_name": name, "original_file_name": "statements.csv", "format": "0",
         "resource": "0"},
    )  # fmt: skip


def test_a_confirmation_naming_a_file_of_the_system_is_refused_and_the_file_kept(
    client, editor, tmp_path
):
    victim = tmp_path / "someone-elses-file.csv"
    victim.write_text("speaker,words\n")
    client.force_login(editor)

    for name in [str(victim), "../someone-elses-file.csv", victim.name, "/etc/passwd"]:
        response = confirm(client, name)

        assert response.status_code == 400, name
        assert "not one this site made" in response.content.decode()
    assert victim.exists()
    assert Statement.objects.count() == 0


def test_a_confirmation_of_an_expired_upload_is_a_clear_400(client, editor):
    client.force_login(editor)

    response = confirm(client, "0" * 32)

    assert response.status_code == 400
    assert "expired or was already imported" in response.content.decode()


def test_a_confirmation_of_a_binary_upload_is_a_clear_400(client, editor):
    storage = PrivateImportStorage(encoding="utf-8-sig", read_mode="r")
    storage.save(b"\x89PNG\r\n\x1a\n\x00\xff\xfe binary")
    client.force_login(editor)

    response = confirm(client, storage.name)

    assert response.status_code == 400
    assert "not UTF-8 text" in response.content.decode()
    assert Statement.objects.count() == 0


def test_uploads_wait_where_only_the_app_can_read_them():
    storage = PrivateImportStorage(encoding="utf-8", read_mode="r")
    storage.save(b"speaker,words\n")

    path = upload_folder() / storage.name
    assert path.stat().st_mode & 0o777 == 0o600
    assert storage.read() == "speaker,words\n"
    storage.remove()
    assert not path.exists()
