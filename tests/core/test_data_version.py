"""The public data version, and how long a process may answer readers from the one it read."""

import pytest
from django.db.models import F

from core import data_version
from core.models import DataVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved_elsewhere():
    """Move the version as another process would: its bump clears nothing in this one."""

    def move():
        DataVersion.objects.filter(pk=1).update(number=F("number") + 1)

    return move


def test_readers_share_a_version_read_less_than_the_memo_ago(
    settings, moved_elsewhere, django_assert_num_queries
):
    settings.WTS_DATA_VERSION_MEMO_SECONDS = 60
    first = data_version.current(shared=True)
    moved_elsewhere()
    with django_assert_num_queries(0):
        assert data_version.current(shared=True) == first
    # An editor's request always reads it afresh, and sees the move at once.
    assert data_version.current().number == first.number + 1


def test_a_bump_in_this_process_is_seen_at_once(settings, django_capture_on_commit_callbacks):
    settings.WTS_DATA_VERSION_MEMO_SECONDS = 60
    first = data_version.current(shared=True)
    with django_capture_on_commit_callbacks(execute=True):
        data_version.data_changed()
    assert data_version.current(shared=True).number == first.number + 1


def test_once_the_memo_runs_out_a_move_elsewhere_is_seen(settings, moved_elsewhere, monkeypatch):
    settings.WTS_DATA_VERSION_MEMO_SECONDS = 1
    clock = [1000.0]
    monkeypatch.setattr(data_version.time, "monotonic", lambda: clock[0])
    first = data_version.current(shared=True)
    moved_elsewhere()
    clock[0] += 0.5
    assert data_version.current(shared=True) == first
    clock[0] += 0.6
    assert data_version.current(shared=True).number == first.number + 1


def test_no_memo_reads_it_every_time(settings, moved_elsewhere):
    settings.WTS_DATA_VERSION_MEMO_SECONDS = 0
    first = data_version.current(shared=True)
    moved_elsewhere()
    assert data_version.current(shared=True).number == first.number + 1
