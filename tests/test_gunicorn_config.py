"""The production server's settings (config/gunicorn.py), as `make bench` measured them."""

import gc
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / "config" / "gunicorn.py"


def test_workers_fork_from_a_preloaded_app_whose_objects_are_frozen():
    config = runpy.run_path(str(CONFIG))
    assert config["preload_app"] is True
    assert config["worker_class"] == "gthread"
    # Recycled now and then, but not every few tens of seconds under a crowd.
    assert config["max_requests"] >= 100_000
    frozen = gc.get_freeze_count()
    try:
        config["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
